package org.hyplab.debug;

import java.util.OptionalInt;

import org.hyplab.cpu.Cpu;
import org.hyplab.cpu.Mode;
import org.hyplab.mem.Ram;
import org.hyplab.mmu.Explanation;
import org.hyplab.mmu.Perm;
import org.hyplab.mmu.Regime;

/**
 * Reads what a CPU would read, without touching anything: the translation is explained (no
 * TLB fill), and only RAM is read (a device register may change when read).
 */
public final class Peek {

    private Peek() {
    }

    /** The word at virtual address {@code va} as {@code cpu} would fetch it now; empty if it would fault or is not RAM. */
    public static OptionalInt word(Cpu cpu, int va) {
        Regime regime = cpu.mode() == Mode.HYP ? Regime.HYP : Regime.PL10;
        Explanation e = cpu.mmu.explain(regime, va & 0xFFFF_FFFFL, Perm.FETCH, cpu.privilegeLevel() > 0);
        if (!e.allowed()) {
            return OptionalInt.empty();
        }
        long pa = e.output() & ~3L;
        Ram ram = cpu.bus.ramAt(pa);
        return ram == null ? OptionalInt.empty() : OptionalInt.of(ram.readWord(pa - ram.base()));
    }

    /**
     * Whether {@code insn} is a call that returns to the next instruction: BL, BLX (immediate)
     * or BLX (register) (ARM ARM A8.8.25, A8.8.26), as a step over must treat it.
     */
    public static boolean isCall(int insn) {
        int cond = insn >>> 28;
        if (cond == 0xF) {
            return (insn & 0x0E00_0000) == 0x0A00_0000;            // BLX <label>
        }
        return (insn & 0x0F00_0000) == 0x0B00_0000                    // BL <label>
                || (insn & 0x0FFF_FFF0) == 0x012F_FF30;               // BLX Rm
    }
}
