package org.hyplab.ui.lab;

import java.util.OptionalInt;

import org.hyplab.cpu.Cpu;
import org.hyplab.cpu.Mode;
import org.hyplab.mem.Ram;
import org.hyplab.mmu.Explanation;
import org.hyplab.mmu.Perm;
import org.hyplab.mmu.Regime;

/**
 * Reads code as a CPU would fetch it, without side effects: the translation is explained (no TLB
 * fill, no fault taken) and only RAM is read, since reading a device register can change it.
 */
final class MachineMemory {

    private MachineMemory() {
    }

    /** The word at {@code va} in {@code cpu}'s current regime; empty when it would fault or is not RAM. */
    static OptionalInt fetchWord(Cpu cpu, int va) {
        Regime regime = cpu.mode() == Mode.HYP ? Regime.HYP : Regime.PL10;
        Explanation e = cpu.mmu.explain(regime, va & 0xFFFF_FFFFL, Perm.FETCH, cpu.privilegeLevel() > 0);
        if (!e.allowed()) {
            return OptionalInt.empty();
        }
        long pa = e.output() & ~3L;
        Ram ram = cpu.bus.ramAt(pa);
        return ram == null ? OptionalInt.empty() : OptionalInt.of(ram.readWord(pa - ram.base()));
    }
}
