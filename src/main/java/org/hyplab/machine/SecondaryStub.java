package org.hyplab.machine;

/**
 * The loop a secondary CPU of a Linux-style boot waits in until the primary starts it: what a
 * board's boot ROM (Exynos) or QEMU's smpboot code (vexpress, BOARDS.md §2.7) does. It enables
 * the CPU's GIC interface so that a wake-up SGI can end WFI (IRQs stay masked in CPSR, so none
 * is taken: the SGI only wakes the core, B1.8.13), then sleeps until the mailbox holds an entry
 * address and jumps there. HypLab writes it into the board's boot memory at reset:
 *
 * <pre>
 *     ldr   r2, gicc          @ this CPU's GIC CPU interface (GICC)
 *     ldr   r0, mailbox       @ where the primary writes our entry point
 *     mov   r1, #1
 *     str   r1, [r2]          @ GICC_CTLR.Enable
 *     mov   r1, #0xff
 *     str   r1, [r2, #4]      @ GICC_PMR: every priority passes
 *     dsb
 * 1:  wfi
 *     ldr   r1, [r0]
 *     cmp   r1, #0
 *     beq   1b
 *     bx    r1
 * gicc:    .word GICC
 * mailbox: .word MAILBOX
 * </pre>
 *
 * The words are that source as {@code arm-none-eabi-as -march=armv7ve} assembles it.
 */
final class SecondaryStub {

    private static final int[] CODE = {
        0xE59F2028,   // ldr r2, [pc, #40]   (gicc)
        0xE59F0028,   // ldr r0, [pc, #40]   (mailbox)
        0xE3A01001,   // mov r1, #1
        0xE5821000,   // str r1, [r2]
        0xE3A010FF,   // mov r1, #255
        0xE5821004,   // str r1, [r2, #4]
        0xF57FF04F,   // dsb sy
        0xE320F003,   // wfi
        0xE5901000,   // ldr r1, [r0]
        0xE3510000,   // cmp r1, #0
        0x0AFFFFFB,   // beq (the wfi)
        0xE12FFF11,   // bx r1
    };

    private SecondaryStub() {
    }

    /** The stub's bytes (little-endian) for a GIC CPU interface and a mailbox address. */
    static byte[] bytes(long gicc, long mailbox) {
        int[] words = java.util.Arrays.copyOf(CODE, CODE.length + 2);
        words[CODE.length] = (int) gicc;
        words[CODE.length + 1] = (int) mailbox;
        byte[] out = new byte[words.length * 4];
        for (int i = 0; i < words.length; i++) {
            for (int b = 0; b < 4; b++) {
                out[i * 4 + b] = (byte) (words[i] >>> (8 * b));
            }
        }
        return out;
    }
}
