package org.hyplab.board;

import java.util.List;

/**
 * Where a board's GIC-400 sits (BOARDS.md §2.2, §3.2).
 *
 * @param distributor           GICD base
 * @param cpuInterface          GICC base
 * @param virtualControl        GICH base (the "this CPU" view)
 * @param virtualControlAliases base of the per-CPU GICH views, one 0x200-byte window per CPU;
 *                              -1 when the board has none
 * @param virtualCpuInterface   GICV base
 * @param maintenanceInterrupt  the PPI ID of the maintenance interrupt (25 on both boards)
 * @param compatible            the device-tree {@code compatible} strings
 */
public record GicLayout(long distributor, long cpuInterface, long virtualControl, long virtualControlAliases,
                        long virtualCpuInterface, int maintenanceInterrupt, List<String> compatible) {

    public GicLayout {
        compatible = List.copyOf(compatible);
    }
}
