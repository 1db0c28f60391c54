package org.hyplab.disasm;

import java.util.ArrayList;
import java.util.List;

/**
 * Block data transfer: LDM/STM in their four addressing modes, PUSH and POP.
 * ARM ARM A5.5 (branch, branch with link, and block data transfer), A8.8.133 PUSH, A8.8.131 POP.
 * A list of exactly one register keeps the LDMFD/STMFD name, since PUSH and POP of one register
 * are the single-register LDR/STR encodings (see LoadStore).
 */
final class BlockTransfer {

    private BlockTransfer() {
    }

    static final Rule[] RULES = build();

    private static Rule[] build() {
        List<Rule> rules = new ArrayList<>();
        for (int r = 0; r < 16; r++) {
            rules.add(Rule.of(0x092d0000 | 1 << r, 0x0fffffff, "stmfd{c}\t{r:16}!, {regs}"));
        }
        rules.add(Rule.of(0x092d0000, 0x0fff0000, "push{c}\t{regs}"));
        rules.add(Rule.of(0x08800000, 0x0ff00000, "stm{c}\t{r:16}{21:/!}, {regs}{22:/^}"));
        rules.add(Rule.of(0x08000000, 0x0e100000, "stm{23:d/i}{24:a/b}{c}\t{r:16}{21:/!}, {regs}{22:/^}"));
        for (int r = 0; r < 16; r++) {
            rules.add(Rule.of(0x08bd0000 | 1 << r, 0x0fffffff, "ldmfd{c}\t{r:16}!, {regs}"));
        }
        rules.add(Rule.of(0x08bd0000, 0x0fff0000, "pop{c}\t{regs}"));
        rules.add(Rule.of(0x08900000, 0x0f900000, "ldm{c}\t{r:16}{21:/!}, {regs}{22:/^}"));
        rules.add(Rule.of(0x08100000, 0x0e100000, "ldm{23:d/i}{24:a/b}{c}\t{r:16}{21:/!}, {regs}{22:/^}"));
        return rules.toArray(new Rule[0]);
    }
}
