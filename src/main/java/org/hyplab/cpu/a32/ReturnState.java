package org.hyplab.cpu.a32;

import org.hyplab.cpu.Cpu;
import org.hyplab.cpu.ExceptionEntry;
import org.hyplab.cpu.ExceptionReturn;
import org.hyplab.cpu.Insn;
import org.hyplab.cpu.Mode;

/**
 * SRS (store LR and SPSR to another mode's stack) and RFE (load PC and CPSR from memory)
 * (ARM ARM B9.3.16, B9.3.13). Both UNDEFINED in Hyp mode; in User mode UNPREDICTABLE, where
 * this core, like QEMU, takes the Undefined Instruction exception.
 */
public final class ReturnState extends Insn {

    private final boolean store, increment, before, writeback;
    private final int rn, mode;

    public ReturnState(int word, boolean store) {
        super(word);
        this.store = store;
        this.before = (word & (1 << 24)) != 0;
        this.increment = (word & (1 << 23)) != 0;
        this.writeback = (word & (1 << 21)) != 0;
        this.rn = (word >>> 16) & 0xF;
        this.mode = word & 0x1F;
    }

    @Override
    public void execute(Cpu cpu) {
        Mode current = cpu.mode();
        Mode target = store ? Mode.fromBits(mode) : current;
        if (current == Mode.HYP || current == Mode.USR || target == null || target == Mode.USR
                || target == Mode.HYP || target == Mode.MON) {
            ExceptionEntry.undefined(cpu, cpu.pc);
            return;
        }
        int base = store ? cpu.bankedRegister(target, 13) : cpu.r[rn];
        int start = increment ? (before ? base + 4 : base) : (before ? base - 8 : base - 4);
        cpu.requireAligned(start, 4, store);
        int newBase = increment ? base + 8 : base - 8;
        if (store) {
            cpu.write32(start, cpu.r[14]);
            cpu.write32(start + 4, cpu.spsr());
            if (writeback) {
                cpu.setBankedRegister(target, 13, newBase);
            }
        } else {
            int address = cpu.read32(start);
            int psr = cpu.read32(start + 4);
            if (writeback) {
                cpu.r[rn] = newBase;
            }
            ExceptionReturn.restore(cpu, psr, address);
        }
    }
}
