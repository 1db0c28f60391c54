package org.hyplab.gic;

/**
 * Hears the GIC's steps as they happen, for the Lab's picture of an interrupt's path and for
 * the trace ({@link Gic#setListener}). The GIC calls it only when one is set: with none, each
 * place that could tell costs one null check and allocates nothing.
 *
 * <p>A listener must not change the machine: it may read {@link Gic#inspect()}, which has no
 * side effects, but never access the GIC's registers.
 */
public interface GicListener {

    /** The {@code cpu} of an event about an SPI's state, which no one CPU owns. */
    int SHARED = -1;

    /**
     * One step: {@code cpu} is the CPU interface concerned (for IDs 0-31 the bank, for register
     * accesses the CPU interface accessed; {@link #SHARED} for an SPI's distributor state),
     * {@code id} the interrupt ID (virtual ID for the virtual events, -1 for none) and
     * {@code value} what {@link GicEvent} says for the kind.
     */
    void event(GicEvent kind, int cpu, int id, int value);

    /**
     * The hypervisor wrote GICH_LR{@code index} of CPU {@code cpu} (IHI 0048B 5.3, GICH_LRn),
     * through GICH or its per-CPU alias; called after the register holds {@code newValue}.
     * The virtual CPU interface's own updates (acknowledge, deactivation) are events instead.
     */
    void listRegisterWritten(int cpu, int index, int oldValue, int newValue);
}
