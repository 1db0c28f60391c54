package org.hyplab.disasm;

/**
 * Branches: B, BL, BLX (immediate and register), BX, BXJ.
 * ARM ARM A5.5 (branch, branch with link, and block data transfer) and A5.2.12 (miscellaneous
 * instructions: BX, BXJ, BLX register). Targets print as absolute addresses.
 */
final class Branch {

    private Branch() {
    }

    static final Rule[] RULES = {
        Rule.of(0x012fff10, 0x0ffffff0, "bx{c}\t{r:0}"),
        Rule.of(0x012fff20, 0x0ffffff0, "bxj{c}\t{r:0}"),
        Rule.of(0x012fff30, 0x0ffffff0, "blx{c}\t{r:0}"),
        // BLX (immediate), unconditional space: H (bit 24) adds a halfword.
        Rule.of(0xfa000000, 0xfe000000, "blx\t{blxtarget}"),
        Rule.of(0x0a000000, 0x0e000000, "b{24:/l}{c}\t{target}"),
    };
}
