package org.hyplab.trace;

import org.hyplab.gic.GicEvent;

/**
 * A step of an interrupt's life in the GIC (IHI 0048B 3.2): it became pending, was
 * acknowledged, was ended; the maintenance interrupt; the guest's virtual acknowledge and EOI.
 *
 * @param cpu   the CPU that was running (whose time it is)
 * @param iface the CPU interface concerned, or -1 for an SPI's distributor state
 * @param id    the interrupt ID (the virtual ID for the virtual steps), -1 for none
 */
public record GicTraceEvent(long cycle, int cpu, GicEvent kind, int iface, int id, int value) implements MachineEvent {

    @Override
    public String describe() {
        return kind.describe(iface, id, value);
    }
}
