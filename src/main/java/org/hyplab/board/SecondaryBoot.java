package org.hyplab.board;

/**
 * How a board's secondary CPUs wait to be started by a Linux-style (zImage or raw) kernel;
 * an ELF instead starts on every CPU at its entry point, as QEMU does (BOARDS.md §2.7).
 */
public enum SecondaryBoot {
    /**
     * Versatile Express: a secondary waits in WFI until SYS_FLAGS holds an address and an SGI
     * wakes it (QEMU's smpboot stub in SRAM at 0x14000000, BOARDS.md §2.7).
     */
    SYS_FLAGS,
    /**
     * Exynos 5250 without secure firmware: a secondary waits until the first word of sysram
     * (0x02020000) holds an address and an SGI wakes it (BOARDS.md §3.6).
     */
    EXYNOS_SYSRAM
}
