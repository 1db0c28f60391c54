/**
 * The Samsung Exynos 5250 devices of the Arndale board (BOARDS.md §3): the UART
 * ({@link org.hyplab.dev.exynos.ExynosUart}), the Multi-Core Timer ({@link org.hyplab.dev.exynos.Mct}),
 * the power management unit that powers the CPUs and the board ({@link org.hyplab.dev.exynos.Pmu})
 * and the chip ID ({@link org.hyplab.dev.exynos.ChipId}). The GIC-400 is the shared
 * {@code org.hyplab.gic} model.
 */
package org.hyplab.dev.exynos;
