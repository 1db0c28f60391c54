package org.hyplab.gic;

import java.util.ArrayList;
import java.util.List;

/**
 * The whole GIC at one moment ({@link Gic#inspect()}): the distributor, each CPU's physical CPU
 * interface and each CPU's virtual interface control with its virtual CPU interface. Immutable;
 * taking it changed nothing.
 */
public record GicSnapshot(int cpus, int ids, DistributorState distributor, List<CpuInterfaceState> cpuInterfaces,
        List<VirtualInterfaceState> virtualInterfaces) {

    /** Every part in words: the distributor (interesting interrupts only), then per CPU its GICC and GICH. */
    public List<String> describe() {
        List<String> lines = new ArrayList<>(distributor.describe());
        for (int c = 0; c < cpus; c++) {
            lines.addAll(cpuInterfaces.get(c).describe());
            lines.addAll(virtualInterfaces.get(c).describe());
        }
        return List.copyOf(lines);
    }
}
