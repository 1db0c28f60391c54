package org.hyplab.disasm;

/**
 * System and miscellaneous instructions: hints (NOP, YIELD, WFE, WFI, SEV, DBG), barriers,
 * preload hints, CPS, SETEND, RFE, SRS, CLREX, BKPT, UDF, SVC, SMC, HVC, ERET, CLZ and the
 * saturating additions QADD/QSUB/QDADD/QDSUB.
 * ARM ARM A5.2.11 (MSR immediate and hints), A5.2.12 (miscellaneous), A5.2.6 (saturating
 * addition and subtraction), A5.7 (unconditional instructions), B9.3 (ERET, HVC, SMC, SRS, RFE).
 */
final class Miscellaneous {

    private Miscellaneous() {
    }

    static final Rule[] RULES = {
        Rule.of(0xe7f000f0, 0xfff000f0, "udf\t#{imm16e}"),
        // Virtualization Extensions (B9.3.3 ERET, B9.3.4 HVC).
        Rule.of(0x0160006e, 0x0fffffff, "eret{c}"),
        Rule.of(0x01400070, 0x0ff000f0, "hvc{c}\t{imm16e}"),
        // Preload with intent to write (Multiprocessing Extensions) and preload instruction.
        Rule.of(0xf410f000, 0xfc70f000, "pldw\t{addr}"),
        // Speculation barriers, encoded in the hint and barrier spaces.
        Rule.of(0xe320f014, 0xffffffff, "csdb"),
        Rule.of(0xf57ff040, 0xffffffff, "ssbb"),
        Rule.of(0xf57ff044, 0xffffffff, "pssbb"),
        Rule.of(0xf450f000, 0xfd70f000, "pli\t{addrP}"),
        Rule.of(0x0320f0f0, 0x0ffffff0, "dbg{c}\t#{d:0-3}"),
        // Barriers (A8.8.43 DMB, A8.8.44 DSB, A8.8.53 ISB).
        Rule.of(0xf57ff050, 0xfffffff0, "dmb\t{barrier}"),
        Rule.of(0xf57ff040, 0xfffffff0, "dsb\t{barrier}"),
        Rule.of(0xf57ff060, 0xfffffff0, "isb\t{barrier}"),
        Rule.of(0x0320f000, 0x0fffffff, "nop{c}\t{{{d:0-7}}}"),
        Rule.of(0x01600070, 0x0ff000f0, "smc{c}\t{imm16e}"),
        Rule.of(0xf57ff01f, 0xffffffff, "clrex"),
        // Hints (A5.2.11): the ones without a name print as nop {n}.
        Rule.of(0x0320f001, 0x0fffffff, "yield{c}"),
        Rule.of(0x0320f002, 0x0fffffff, "wfe{c}"),
        Rule.of(0x0320f003, 0x0fffffff, "wfi{c}"),
        Rule.of(0x0320f004, 0x0fffffff, "sev{c}"),
        Rule.of(0x0320f000, 0x0fffff00, "nop{c}\t{{{d:0-7}}}"),
        // Change processor state (B9.3.2 CPS).
        Rule.of(0xf1080000, 0xfffffe3f, "cpsie\t{8:/a}{7:/i}{6:/f}"),
        Rule.of(0xf10a0000, 0xfffffe20, "cpsie\t{8:/a}{7:/i}{6:/f},#{d:0-4}"),
        Rule.of(0xf10c0000, 0xfffffe3f, "cpsid\t{8:/a}{7:/i}{6:/f}"),
        Rule.of(0xf10e0000, 0xfffffe20, "cpsid\t{8:/a}{7:/i}{6:/f},#{d:0-4}"),
        Rule.of(0xf1000000, 0xfff1fe20, "cps\t#{d:0-4}"),
        Rule.of(0xf8100a00, 0xfe50ffff, "rfe{23:d/i}{24:a/b}\t{r:16}{21:/!}"),
        Rule.of(0xf1010000, 0xfffffc00, "setend\t{9:le/be}"),
        Rule.of(0xf84d0500, 0xfe5fffe0, "srs{23:d/i}{24:a/b}\t{r:16}{21:/!}, #{d:0-4}"),
        Rule.of(0xe1200070, 0xfff000f0, "bkpt\t0x{h:16-19}{h:12-15}{h:8-11}{h:0-3}"),
        Rule.of(0x016f0f10, 0x0fff0ff0, "clz{c}\t{r:12}, {r:0}"),
        Rule.of(0xf450f000, 0xfc70f000, "pld\t{addr}"),
        Rule.of(0x01000050, 0x0ff00ff0, "qadd{c}\t{r:12}, {r:0}, {r:16}"),
        Rule.of(0x01400050, 0x0ff00ff0, "qdadd{c}\t{r:12}, {r:0}, {r:16}"),
        Rule.of(0x01200050, 0x0ff00ff0, "qsub{c}\t{r:12}, {r:0}, {r:16}"),
        Rule.of(0x01600050, 0x0ff00ff0, "qdsub{c}\t{r:12}, {r:0}, {r:16}"),
        // Supervisor call (A8.8.228 SVC).
        Rule.of(0x0f000000, 0x0f000000, "svc{c}\t{x8:0-23}"),
    };
}
