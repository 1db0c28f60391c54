package org.hyplab.board;

import java.util.Set;

/** The device models a board file may name in a device's {@code type}. */
public final class DeviceTypes {

    /** ARM PrimeCell UART (BOARDS.md §2.4). */
    public static final String PL011 = "pl011";
    /** ARM SP804 dual timer (BOARDS.md §2.5). */
    public static final String SP804 = "sp804";
    /** Versatile Express V2M-P1 system registers (BOARDS.md §2.6). */
    public static final String VEXPRESS_SYSREG = "vexpress-sysreg";
    /** Samsung Exynos UART (BOARDS.md §3.4). */
    public static final String EXYNOS_UART = "exynos-uart";
    /** Exynos multi-core timer (BOARDS.md §3.5). */
    public static final String EXYNOS_MCT = "exynos-mct";
    /** Exynos 5250 power management unit (BOARDS.md §3.6). */
    public static final String EXYNOS_PMU = "exynos-pmu";
    /** Exynos chip identification (BOARDS.md §3.1). */
    public static final String EXYNOS_CHIPID = "exynos-chipid";

    public static final Set<String> ALL = Set.of(PL011, SP804, VEXPRESS_SYSREG, EXYNOS_UART, EXYNOS_MCT,
            EXYNOS_PMU, EXYNOS_CHIPID);

    private DeviceTypes() {
    }
}
