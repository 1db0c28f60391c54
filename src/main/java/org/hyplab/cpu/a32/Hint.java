package org.hyplab.cpu.a32;

import org.hyplab.cpu.Cpu;
import org.hyplab.cpu.Insn;

/**
 * Instructions with no architectural effect on a single emulated core beyond what is noted:
 * NOP, YIELD, SEV, DBG, the barriers DMB/DSB/ISB, the preloads PLD/PLDW/PLI (ARM ARM A5.2.11,
 * A5.7.1), WFE (an event is always treated as pending: it returns at once, as QEMU does) and WFI
 * (the CPU waits until an interrupt; the machine decides what that means), and CLREX.
 */
public final class Hint extends Insn {

    public enum Kind { NOP, WFI, CLREX }

    private final Kind kind;

    public Hint(int word, Kind kind) {
        super(word);
        this.kind = kind;
    }

    @Override
    public void execute(Cpu cpu) {
        switch (kind) {
            case WFI -> {
                cpu.waitingForInterrupt = true;
                cpu.leaveRun = true;
            }
            case CLREX -> cpu.exclusiveOpen = true;
            default -> { }
        }
    }
}
