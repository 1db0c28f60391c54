package org.hyplab.cpu;

import org.hyplab.mmu.MmuFault;

/**
 * Stands in for an instruction whose fetch the MMU refused (a translation, access flag, domain
 * or permission fault, at stage 1 or 2): executing it takes the Prefetch Abort exception. The
 * fault is recognised only if the instruction would execute (ARM ARM B1.9.7), which is why it is
 * raised here and not at fetch time.
 */
final class FetchAbort extends Insn {

    private final MmuFault fault;

    FetchAbort(MmuFault fault) {
        super(0xE000_0000);
        this.fault = fault;
    }

    @Override
    public void execute(Cpu cpu) {
        ExceptionEntry.prefetchAbort(cpu, fault);
    }
}
