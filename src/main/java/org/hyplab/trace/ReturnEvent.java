package org.hyplab.trace;

import org.hyplab.cpu.Mode;

/**
 * An exception return (ERET from Hyp into a guest, a guest's own SUBS PC, LR or RFE): the CPU
 * goes from {@code from} to {@code to} and continues at {@code address}.
 *
 * @param vmid VTTBR.VMID at the return (which domain an ERET from Hyp enters)
 */
public record ReturnEvent(long cycle, int cpu, Mode from, Mode to, int vmid, int vcpu, int address)
        implements MachineEvent {

    @Override
    public String describe() {
        return String.format("exception return %s -> %s at %08x", from, to, address);
    }
}
