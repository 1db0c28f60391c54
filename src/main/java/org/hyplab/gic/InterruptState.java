package org.hyplab.gic;

import java.util.ArrayList;
import java.util.List;

/**
 * One interrupt ID as the distributor holds it for one CPU interface (IDs 0-31 are banked per
 * CPU; an SPI's state is shared, {@code cpu} = {@link GicListener#SHARED}). Pending comes with
 * why (IHI 0048B 3.2.4, 4.3 GICD_ISPENDRn): a latch (a rising edge of an edge-triggered line,
 * or a write of GICD_ISPENDR), the line itself (a level-sensitive input is pending while high),
 * or for an SGI the source CPUs that have it pending for this target.
 *
 * @param latched     the latch is set
 * @param lineHigh    the input line's level (devices and timers drive it; SGIs have none)
 * @param sgiSources  for an SGI, the source CPUs with a request pending, one bit per CPU
 * @param targets     the CPUs it is forwarded to: the own CPU for IDs 0-31, GICD_ITARGETSR for an SPI
 */
public record InterruptState(int id, int cpu, boolean enabled, boolean pending, boolean latched, boolean lineHigh,
        int sgiSources, boolean active, int group, int priority, int targets, boolean edgeTriggered) {

    /** SGI (0-15), PPI (16-31) or SPI (32-1019), IHI 0048B 2.2.1. */
    public String type() {
        return id < 16 ? "SGI" : id < 32 ? "PPI" : "SPI";
    }

    /** Whether the level-sensitive line holds it pending (line high, not edge-triggered). */
    public boolean pendingByLine() {
        return !edgeTriggered && lineHigh;
    }

    /** The state machine's state (IHI 0048B 3.2.4): inactive, pending, active, or active and pending. */
    public String state() {
        return active ? (pending ? "active and pending" : "active") : (pending ? "pending" : "inactive");
    }

    /** Whether anything about it is worth showing: enabled beyond the reset state of SGIs, pending, active or its line high. */
    public boolean interesting() {
        return pending || active || lineHigh || (enabled && id >= 16);
    }

    /** Why it is pending, in words; empty when it is not. */
    public String pendingBecause() {
        List<String> why = new ArrayList<>();
        if (latched) {
            why.add(edgeTriggered ? "latched by a rising edge or GICD_ISPENDR" : "latched by GICD_ISPENDR");
        }
        if (pendingByLine()) {
            why.add("its level-sensitive line is high");
        }
        if (sgiSources != 0) {
            StringBuilder s = new StringBuilder("sent by CPU");
            for (int c = 0; c < 8; c++) {
                if ((sgiSources >>> c & 1) != 0) {
                    s.append(s.charAt(s.length() - 1) == 'U' ? " " : ", ").append(c);
                }
            }
            why.add(s.toString());
        }
        return String.join("; ", why);
    }

    public List<GicField> fields() {
        List<GicField> f = new ArrayList<>();
        f.add(new GicField("GICD_ISENABLER" + id / 32, "", "[" + id % 32 + "]", enabled ? 1 : 0,
                id < 16 ? "enabled: SGIs are always enabled in this GIC (ISENABLER0[15:0] read as one)"
                        : enabled ? "enabled: the distributor may forward it" : "disabled: never forwarded", "4.3.5"));
        f.add(new GicField("GICD_ISPENDR" + id / 32, "", "[" + id % 32 + "]", pending ? 1 : 0,
                pending ? "pending: " + pendingBecause() : "not pending", "3.2.4, 4.3.7"));
        f.add(new GicField("GICD_ISACTIVER" + id / 32, "", "[" + id % 32 + "]", active ? 1 : 0,
                active ? "active: acknowledged and not yet deactivated" : "not active", "3.2.4, 4.3.9"));
        f.add(new GicField("GICD_IGROUPR" + id / 32, "", "[" + id % 32 + "]", group,
                "Group " + group + (group == 0 ? " (signalled as FIQ when GICC_CTLR.FIQEn)" : " (always IRQ)"), "4.3.4"));
        f.add(new GicField("GICD_IPRIORITYR" + id / 4, "", "[" + (id % 4 * 8 + 7) + ":" + id % 4 * 8 + "]", priority,
                GicField.priority(priority), "3.3, 4.3.11"));
        f.add(new GicField("GICD_ITARGETSR" + id / 4, "", "[" + (id % 4 * 8 + 7) + ":" + id % 4 * 8 + "]", targets,
                id < 32 ? "banked: always this CPU" : targets == 0 ? "no CPU: never forwarded" : "forwarded to " + cpuList(targets),
                "4.3.12"));
        f.add(new GicField("GICD_ICFGR" + id / 16, "", "[" + (id % 16 * 2 + 1) + "]", edgeTriggered ? 1 : 0,
                edgeTriggered ? "edge-triggered: a rising edge latches it pending" : "level-sensitive: pending while the line is high",
                "4.3.13"));
        if (id >= 16) {
            f.add(new GicField("input line", "", "", lineHigh ? 1 : 0, lineHigh ? "high" : "low", "3.2.4"));
        }
        return List.copyOf(f);
    }

    public List<String> describe() {
        String who = cpu == GicListener.SHARED ? "" : " of CPU" + cpu;
        return GicField.lines("Interrupt " + id + " (" + type() + who + "): " + state(), fields());
    }

    static String cpuList(int mask) {
        StringBuilder s = new StringBuilder();
        for (int c = 0; c < 8; c++) {
            if ((mask >>> c & 1) != 0) {
                s.append(s.isEmpty() ? "CPU" : ", CPU").append(c);
            }
        }
        return s.toString();
    }
}
