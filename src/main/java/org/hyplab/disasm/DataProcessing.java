package org.hyplab.disasm;

import java.util.ArrayList;
import java.util.List;

/**
 * Data-processing instructions: the sixteen ALU operations with an immediate, an
 * immediate-shifted register or a register-shifted register, the shift aliases of MOV
 * (LSL, LSR, ASR, ROR, RRX), MOVW/MOVT, and NOP (MOV r0, r0).
 * ARM ARM A5.2.1 (register), A5.2.2 (register-shifted register), A5.2.3 (immediate),
 * A5.2.4 (modified immediate constants), A8.8.105/A8.8.106 (MOV (register) and its shifts).
 */
final class DataProcessing {

    private DataProcessing() {
    }

    /** The three operand forms of one opcode (bits 24:21). */
    private static void alu(List<Rule> rules, int opcode, String template) {
        int op = opcode << 21;
        rules.add(Rule.of(0x02000000 | op, 0x0fe00000, template)); // immediate (A5.2.3)
        rules.add(Rule.of(op, 0x0fe00010, template));              // register (A5.2.1)
        rules.add(Rule.of(op | 0x10, 0x0fe00090, template));       // register-shifted (A5.2.2)
    }

    static final Rule[] FIRST = {
        Rule.of(0xe1a00000, 0xffffffff, "nop"),
        Rule.of(0x03000000, 0x0ff00000, "movw{c}\t{r:12}, {imm16}"),
        Rule.of(0x03400000, 0x0ff00000, "movt{c}\t{r:12}, {imm16}"),
    };

    /** AND..RSC: opcodes 0000-0111, each with Rd, Rn and the flexible second operand. */
    static final Rule[] ARITHMETIC = build(new String[] {"and", "eor", "sub", "rsb", "add", "adc", "sbc", "rsc"});

    private static Rule[] build(String[] names) {
        List<Rule> rules = new ArrayList<>();
        for (int op = 0; op < names.length; op++) {
            alu(rules, op, names[op] + "{s}{c}\t{r:12}, {r:16}, {op2}");
        }
        return rules.toArray(new Rule[0]);
    }

    /**
     * The comparisons, ORR, the moves and BIC. (The MRS/MSR rules of StatusRegister share the
     * comparison opcodes with S clear and are tried before these.)
     */
    static final Rule[] REST = {
        Rule.of(0x03000000, 0x0fe00000, "tst{c}\t{r:16}, {op2}"),
        Rule.of(0x01000000, 0x0fe00010, "tst{c}\t{r:16}, {op2}"),
        Rule.of(0x01000010, 0x0fe00090, "tst{c}\t{r:16}, {op2}"),
        Rule.of(0x03300000, 0x0ff00000, "teq{c}\t{r:16}, {op2}"),
        Rule.of(0x01300000, 0x0ff00010, "teq{c}\t{r:16}, {op2}"),
        Rule.of(0x01300010, 0x0ff00010, "teq{c}\t{r:16}, {op2}"),
        Rule.of(0x03400000, 0x0fe00000, "cmp{c}\t{r:16}, {op2}"),
        Rule.of(0x01400000, 0x0fe00010, "cmp{c}\t{r:16}, {op2}"),
        Rule.of(0x01400010, 0x0fe00090, "cmp{c}\t{r:16}, {op2}"),
        Rule.of(0x03600000, 0x0fe00000, "cmn{c}\t{r:16}, {op2}"),
        Rule.of(0x01600000, 0x0fe00010, "cmn{c}\t{r:16}, {op2}"),
        Rule.of(0x01600010, 0x0fe00090, "cmn{c}\t{r:16}, {op2}"),
        Rule.of(0x03800000, 0x0fe00000, "orr{s}{c}\t{r:12}, {r:16}, {op2}"),
        Rule.of(0x01800000, 0x0fe00010, "orr{s}{c}\t{r:12}, {r:16}, {op2}"),
        Rule.of(0x01800010, 0x0fe00090, "orr{s}{c}\t{r:12}, {r:16}, {op2}"),
        // MOV and its shift aliases (A8.8.105): Rn must be 0000.
        Rule.of(0x03a00000, 0x0fef0000, "mov{s}{c}\t{r:12}, {op2}"),
        Rule.of(0x01a00000, 0x0def0ff0, "mov{s}{c}\t{r:12}, {r:0}"),
        Rule.of(0x01a00000, 0x0def0060, "lsl{s}{c}\t{r:12}, {shift}"),
        Rule.of(0x01a00020, 0x0def0060, "lsr{s}{c}\t{r:12}, {shift}"),
        Rule.of(0x01a00040, 0x0def0060, "asr{s}{c}\t{r:12}, {shift}"),
        Rule.of(0x01a00060, 0x0def0ff0, "rrx{s}{c}\t{r:12}, {r:0}"),
        Rule.of(0x01a00060, 0x0def0060, "ror{s}{c}\t{r:12}, {shift}"),
        Rule.of(0x03c00000, 0x0fe00000, "bic{s}{c}\t{r:12}, {r:16}, {op2}"),
        Rule.of(0x01c00000, 0x0fe00010, "bic{s}{c}\t{r:12}, {r:16}, {op2}"),
        Rule.of(0x01c00010, 0x0fe00090, "bic{s}{c}\t{r:12}, {r:16}, {op2}"),
        Rule.of(0x03e00000, 0x0fe00000, "mvn{s}{c}\t{r:12}, {op2}"),
        Rule.of(0x01e00000, 0x0fe00010, "mvn{s}{c}\t{r:12}, {op2}"),
        Rule.of(0x01e00010, 0x0fe00090, "mvn{s}{c}\t{r:12}, {op2}"),
    };
}
