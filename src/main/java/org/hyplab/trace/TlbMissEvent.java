package org.hyplab.trace;

/**
 * A TLB miss that walked the translation tables: the Hyp regime's or the PL1&0 regime's, for
 * VMID {@code vmid}. {@code output} is the physical address found, or -1 when the walk faulted
 * ({@code fault} then says how). The Lab redraws the walk itself from the tables (the MMU's
 * explainer); the event says that and when the hardware walked.
 *
 * @param kind {@link org.hyplab.mmu.Perm#READ}, WRITE or FETCH
 */
public record TlbMissEvent(long cycle, int cpu, boolean hyp, int vmid, int va, int kind, long output, String fault)
        implements MachineEvent {

    public boolean faulted() {
        return output < 0;
    }

    @Override
    public String describe() {
        String access = switch (kind) {
            case 0 -> "read";
            case 1 -> "write";
            default -> "fetch";
        };
        String regime = hyp ? "Hyp" : "PL1&0 (VMID " + vmid + ")";
        return String.format("TLB miss: %s %s of %08x walked -> %s", regime, access, va,
                faulted() ? fault : String.format("PA %09x", output));
    }
}
