package org.hyplab.cpu.a32;

import org.hyplab.cpu.Cpu;
import org.hyplab.cpu.ExceptionEntry;
import org.hyplab.cpu.Insn;

/**
 * The instructions whose whole job is an exception: SVC, BKPT, UDF and SMC (ARM ARM A8.8.228,
 * A8.8.24, A8.8.247, B9.3.14). HVC is {@link HypervisorCall}.
 */
public final class ExceptionGenerating extends Insn {

    public enum Kind { SVC, BKPT, UDF, SMC }

    private final Kind kind;
    private final int imm;

    public ExceptionGenerating(int word, Kind kind) {
        super(word);
        this.kind = kind;
        this.imm = kind == Kind.SVC ? word & 0xFF_FFFF : ((word >>> 4) & 0xFFF0) | (word & 0xF);
    }

    @Override
    public void execute(Cpu cpu) {
        switch (kind) {
            case SVC -> ExceptionEntry.supervisorCall(cpu, imm);
            // BKPT with halting debug disabled is a Prefetch Abort, debug event (IFSR.FS 0b00010).
            case BKPT -> ExceptionEntry.prefetchAbort(cpu, cpu.pc, ExceptionEntry.IFSR_DEBUG);
            // SMC without the Security Extensions (QEMU secure=off) is UNDEFINED (BOARDS.md §4.1).
            case UDF, SMC -> ExceptionEntry.undefined(cpu, cpu.pc);
        }
    }
}
