package org.hyplab.disasm;

/**
 * Generic coprocessor instructions: MCR/MRC, MCRR/MRRC, CDP, LDC/STC and their unconditional
 * "2" forms, printed with the coprocessor as a plain number ({@code mcr 15, 0, r0, cr1, cr0, {0}}).
 * ARM ARM A5.6 (coprocessor instructions and supervisor call), A5.7 (unconditional), and B4/B6
 * for what CP15 and CP14 mean. Coprocessors 10 and 11 are VFP and Advanced SIMD (see Vfp): their
 * CDP/MCR/MRC/LDC/STC encodings that Vfp does not decode stay undefined here.
 */
final class Coprocessor {

    private Coprocessor() {
    }

    private static final String CDP = "{d:8-11}, {d:20-23}, cr{d:12-15}, cr{d:16-19}, cr{d:0-3}, {{{d:5-7}}}";
    private static final String MCR = "{d:8-11}, {d:21-23}, {r:12}, cr{d:16-19}, cr{d:0-3}, {{{d:5-7}}}";
    private static final String LDC = "{d:8-11}, cr{d:12-15}, {cpaddr}";
    private static final String MCRR = "{d:8-11}, {d:4-7}, {r:12}, {r:16}, cr{d:0-3}";

    /** Rules whose encodings with coprocessor 9, 10 or 11 are left to the floating point decoders. */
    private static final Table NOT_FOR_FP = new Table(new Rule[] {
        Rule.of(0x0e000000, 0x0f000010, "cdp{c}\t" + CDP),
        Rule.of(0x0e100010, 0x0f100010, "mrc{c}\t" + MCR),
        Rule.of(0x0e000010, 0x0f100010, "mcr{c}\t" + MCR),
        Rule.of(0x0c000000, 0x0e100000, "stc{22:/l}{c}\t" + LDC),
        Rule.of(0x0c100000, 0x0e100000, "ldc{22:/l}{c}\t" + LDC),
        Rule.of(0xfe000000, 0xff000010, "cdp2\t" + CDP),
    });

    /** Rules that apply whatever the coprocessor number. */
    private static final Table ANY_FIRST = new Table(new Rule[] {
        Rule.of(0x0c400000, 0x0ff00000, "mcrr{c}\t" + MCRR),
        Rule.of(0x0c500000, 0x0ff00000, "mrrc{c}\t" + MCRR),
        // MRC to APSR_nzcv is decoded for coprocessors 9-11 too (as objdump does).
        Rule.of(0x0e10f010, 0x0f10f010, "mrc{c}\t{d:8-11}, {d:21-23}, APSR_nzcv, cr{d:16-19}, cr{d:0-3}, {{{d:5-7}}}"),
    });

    private static final Table ANY_LAST = new Table(new Rule[] {
        Rule.of(0xfc500000, 0xfff00000, "mrrc2\t" + MCRR),
        Rule.of(0xfc400000, 0xfff00000, "mcrr2\t" + MCRR),
        Rule.of(0xfc100000, 0xfe100000, "ldc2{22:/l}\t" + LDC),
        Rule.of(0xfc000000, 0xfe100000, "stc2{22:/l}\t" + LDC),
        Rule.of(0xfe000010, 0xff100010, "mcr2\t" + MCR),
        Rule.of(0xfe100010, 0xff100010, "mrc2\t" + MCR),
    });

    static String decode(int word, int address) {
        String text = ANY_FIRST.decode(word, address);
        if (text != null) {
            return text;
        }
        int coproc = (word >>> 8) & 15;
        if (coproc < 9 || coproc > 11) {
            text = NOT_FOR_FP.decode(word, address);
            if (text != null) {
                return text;
            }
        }
        return ANY_LAST.decode(word, address);
    }
}
