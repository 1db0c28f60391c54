package org.hyplab.trace;

import org.hyplab.cpu.Mode;

/**
 * One exception taken to Hyp mode, as the trap timeline shows it.
 *
 * @param cycle         the CPU's cycle count when it was taken (the machine's deterministic time)
 * @param cpu           the physical CPU
 * @param from          the mode the CPU left (a guest's SVC, USR, ... or HYP itself)
 * @param vmid          VTTBR.VMID then: which domain's stage 2 was in force (the teaching
 *                      hypervisor numbers VMIDs as its domains)
 * @param vcpu          VMPIDR's Aff0 then: which of the domain's vCPUs (what the guest reads as
 *                      its MPIDR; Xen and the teaching hypervisor number vCPUs there)
 * @param vector        the Hyp vector's offset (0x14 a trap, 0x18 an IRQ, 0x1c an FIQ)
 * @param returnAddress ELR_hyp: the guest's PC to come back to
 * @param syndrome      HSR (0 for an interrupt)
 * @param r0            the guest's r0 at the trap (a hypercall's first argument, PSCI's function)
 * @param r12           the guest's r12 at the trap (a Xen hypercall's number)
 * @param hdfar         HDFAR then: a data abort's virtual address (ARM ARM, HDFAR)
 * @param hifar         HIFAR then: a prefetch abort's virtual address (ARM ARM, HIFAR)
 * @param hpfar         HPFAR then: a stage 2 abort's IPA, FIPA[39:12] in bits [31:4] (ARM ARM, HPFAR)
 */
public record TrapEvent(long cycle, int cpu, Mode from, int vmid, int vcpu, int vector, int returnAddress,
                        int syndrome, int r0, int r12, int hdfar, int hifar, int hpfar) implements MachineEvent {

    public static final int VECTOR_TRAP = 0x14, VECTOR_IRQ = 0x18, VECTOR_FIQ = 0x1C;

    /**
     * The IPA a stage 2 abort faulted on: HPFAR's page (FIPA[39:12]) and the fault address's
     * offset in it, which HPFAR does not hold; meaningful for EC 0x20 and 0x24 from a guest.
     */
    public long faultIpa() {
        int va = ec() == 0x20 || ec() == 0x21 ? hifar : hdfar;
        return (Integer.toUnsignedLong(hpfar) >>> 4 << 12) | (va & 0xFFF);
    }

    /** Whether it is an interrupt (the IRQ or FIQ vector), not a synchronous exception. */
    public boolean interrupt() {
        return vector == VECTOR_IRQ || vector == VECTOR_FIQ;
    }

    /** The exception class (HSR.EC); -1 for an interrupt. */
    public int ec() {
        return vector == VECTOR_IRQ || vector == VECTOR_FIQ ? -1 : syndrome >>> 26;
    }

    @Override
    public String describe() {
        return TrapTimeline.what(this);
    }

    /** Taken from a guest (a mode below Hyp), not from the hypervisor itself. */
    public boolean fromGuest() {
        return from != Mode.HYP;
    }
}
