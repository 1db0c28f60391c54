package org.hyplab.cpu;

/** Stands in for an instruction that could not be fetched, and raises the matching exception. */
final class FetchFault extends Insn {

    /** The PC is in Thumb state, which this core does not execute yet: Undefined Instruction. */
    static final FetchFault THUMB = new FetchFault(-1);
    /** A misaligned ARM-state PC: Prefetch Abort, alignment fault. */
    static final FetchFault MISALIGNED = new FetchFault(ExceptionEntry.IFSR_ALIGNMENT);
    /** No RAM behind the PC: Prefetch Abort, synchronous external abort. */
    static final FetchFault NO_MEMORY = new FetchFault(ExceptionEntry.IFSR_EXTERNAL);

    /** The IFSR fault status, or -1 for the Undefined Instruction exception. */
    private final int faultStatus;

    private FetchFault(int faultStatus) {
        super(0xE000_0000);
        this.faultStatus = faultStatus;
    }

    @Override
    public void execute(Cpu cpu) {
        if (faultStatus < 0) {
            ExceptionEntry.undefined(cpu, cpu.pc);
        } else {
            ExceptionEntry.prefetchAbort(cpu, cpu.pc, faultStatus);
        }
    }
}
