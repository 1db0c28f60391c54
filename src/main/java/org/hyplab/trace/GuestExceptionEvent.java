package org.hyplab.trace;

import org.hyplab.cpu.Mode;

/**
 * An exception a CPU took to a PL1 mode, not to Hyp: a guest's own system call, undefined
 * instruction or abort, or a virtual interrupt the GIC's virtual CPU interface signalled. The
 * hypervisor does not see these; the guest's vector table does (ARM ARM B1.8).
 *
 * @param vmid   VTTBR.VMID then (0 when no stage 2 is in force)
 * @param vector the offset in the guest's vector table (0x18 IRQ, 0x08 SVC, ...)
 */
public record GuestExceptionEvent(long cycle, int cpu, Mode from, Mode to, int vmid, int vcpu, int vector,
                                  int returnAddress) implements MachineEvent {

    public static final int VECTOR_IRQ = 0x18, VECTOR_FIQ = 0x1C;

    @Override
    public String describe() {
        String what = switch (vector) {
            case 0x04 -> "undefined instruction";
            case 0x08 -> "supervisor call (SVC)";
            case 0x0C -> "prefetch abort";
            case 0x10 -> "data abort";
            case VECTOR_IRQ -> "IRQ";
            case VECTOR_FIQ -> "FIQ";
            default -> "exception at vector 0x" + Integer.toHexString(vector);
        };
        return String.format("%s taken to %s from %s (return to %08x)", what, to, from, returnAddress);
    }
}
