package org.hyplab.cpu.a32;

import org.hyplab.cpu.Cpu;
import org.hyplab.cpu.Insn;
import org.hyplab.cpu.Mode;
import org.hyplab.cpu.Psr;

/**
 * CPS (ARM ARM B9.3.2) and SETEND (A8.8.160). CPS in User mode is a NOP; a mode change to or
 * from Hyp, or to a reserved or Monitor mode, is UNPREDICTABLE and ignored (as QEMU).
 */
public final class ChangeState extends Insn {

    private final boolean setend, bigEndian, changeMode, enable, disable;
    private final int aif, mode;

    public ChangeState(int word, boolean setend) {
        super(word);
        this.setend = setend;
        this.bigEndian = (word & (1 << 9)) != 0;
        int imod = (word >>> 18) & 3;
        this.enable = imod == 2;
        this.disable = imod == 3;
        this.changeMode = (word & (1 << 17)) != 0;
        this.aif = ((word & (1 << 8)) != 0 ? Psr.A : 0) | ((word & (1 << 7)) != 0 ? Psr.I : 0)
                | ((word & (1 << 6)) != 0 ? Psr.F : 0);
        this.mode = word & 0x1F;
    }

    @Override
    public void execute(Cpu cpu) {
        if (setend) {
            cpu.setCpsrBits(Psr.E, bigEndian ? Psr.E : 0);
            return;
        }
        if (cpu.mode() == Mode.USR) {
            return;
        }
        if (enable) {
            cpu.setCpsrBits(aif, 0);
        } else if (disable) {
            cpu.setCpsrBits(aif, aif);
        }
        if (changeMode) {
            Mode target = Mode.fromBits(mode);
            if (target != null && target != Mode.MON && (target == Mode.HYP) == (cpu.mode() == Mode.HYP)) {
                cpu.setMode(target);
            }
        }
    }
}
