package org.hyplab.trace;

/**
 * The hypervisor wrote a list register of a CPU's virtual interface (IHI 0048B 5.3, GICH_LRn):
 * how a physical interrupt, or one the hypervisor makes up, travels on to a guest.
 */
public record ListRegisterEvent(long cycle, int cpu, int iface, int index, int oldValue, int newValue)
        implements MachineEvent {

    /** GICH_LRn.VirtualID [9:0]. */
    public int virtualId() {
        return newValue & 0x3FF;
    }

    /** GICH_LRn.State [29:28]: 0 invalid, 1 pending, 2 active, 3 pending and active. */
    public int state() {
        return newValue >>> 28 & 3;
    }

    @Override
    public String describe() {
        String[] states = {"invalid (empty)", "pending", "active", "pending and active"};
        return String.format("GICH_LR%d of CPU%d := %08x: virtual IRQ %d, %s", index, iface, newValue, virtualId(),
                states[state()]);
    }
}
