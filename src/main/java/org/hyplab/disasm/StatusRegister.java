package org.hyplab.disasm;

/**
 * Moves to and from the status registers, including the banked-register forms of the
 * Virtualization Extensions.
 * ARM ARM A5.2.12 (MRS, MSR register), A5.2.11 (MSR immediate), B9.3.9 (MRS banked register),
 * B9.3.10 (MSR banked register), B9.3.11/B9.3.12 (MSR/MRS system level).
 */
final class StatusRegister {

    private StatusRegister() {
    }

    static final Rule[] RULES = {
        Rule.of(0x0120f200, 0x0fb0f200, "msr{c}\t{psr}, {r:0}"),
        Rule.of(0x0120f000, 0x0db0f000, "msr{c}\t{psr}, {op2}"),
        Rule.of(0x01000000, 0x0fb00cff, "mrs{c}\t{r:12}, {banked}"),
    };
}
