package org.hyplab.board;

import java.util.List;

/**
 * One device on a board: which model answers at which registers, and where its interrupt goes.
 *
 * @param name       the board's name for it ({@code uart0}, {@code timer01}, {@code mct}); the
 *                   console is named by it, and it names the device-tree node's label
 * @param type       which HypLab model implements it ({@code pl011}, {@code sp804},
 *                   {@code vexpress-sysreg}, {@code exynos-uart}, {@code exynos-mct},
 *                   {@code exynos-pmu}, {@code exynos-chipid}); {@link DeviceTypes} lists them
 * @param base       the first physical address of its register window
 * @param size       the window's size in bytes
 * @param interrupts the GIC interrupt IDs (32 and up for SPIs) it raises, in the order its
 *                   device-tree binding lists them; empty for none
 * @param compatible the device-tree {@code compatible} strings, most specific first
 */
public record DeviceSpec(String name, String type, long base, long size, List<Integer> interrupts,
                         List<String> compatible) {

    public DeviceSpec {
        interrupts = List.copyOf(interrupts);
        compatible = List.copyOf(compatible);
    }

    /** The first interrupt, or -1 when the device raises none. */
    public int interrupt() {
        return interrupts.isEmpty() ? -1 : interrupts.get(0);
    }
}
