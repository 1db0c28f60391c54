package org.hyplab.cpu.a32;

import org.hyplab.cpu.Cpu;
import org.hyplab.cpu.DebugRegisters;
import org.hyplab.cpu.ExceptionEntry;
import org.hyplab.cpu.HypTraps;
import org.hyplab.cpu.Insn;
import org.hyplab.cpu.Mode;
import org.hyplab.timer.Access;
import org.hyplab.timer.TimerRegister;

/**
 * MRRC and MCRR to CP15: the 64-bit system registers (TTBR0/1, PAR, HTTBR, VTTBR, and the generic
 * timer's counters and compare values) moved through two core registers, Rt the low word and Rt2
 * the high word (ARM ARM A8.8.99, A8.8.108, B3.17.1). Checks in the same order as {@link Coprocessor};
 * a trap reports HSR.EC 0x04. CP14's 64-bit DBGDRAR/DBGDSAR are here too. Rt or Rt2 = PC, and MRRC with Rt = Rt2, are UNPREDICTABLE:
 * UNDEFINED here, as QEMU.
 */
public final class Coprocessor64 extends Insn {

    private final boolean read;
    private final int coproc, opc1, rt, rt2, crm;
    /** HSR ISS (B3.13.6, EC 0x04): Opc1, Rt2, Rt, CRm, direction. */
    private final int iss;

    public Coprocessor64(int word) {
        super(word);
        read = (word & (1 << 20)) != 0;
        rt2 = (word >>> 16) & 0xF;
        rt = (word >>> 12) & 0xF;
        coproc = (word >>> 8) & 0xF;
        opc1 = (word >>> 4) & 0xF;
        crm = word & 0xF;
        iss = opc1 << 16 | rt2 << 10 | rt << 5 | crm << 1 | (read ? 1 : 0);
    }

    @Override
    public void execute(Cpu cpu) {
        if ((coproc != 15 && coproc != 14) || rt == 15 || rt2 == 15 || (read && rt == rt2)) {
            ExceptionEntry.undefined(cpu, cpu.pc);
            return;
        }
        if (coproc == 14) {
            debug(cpu);
            return;
        }
        if (TimerRegister.claims64(crm)) {
            timer(cpu);
            return;
        }
        if (!cpu.sys.defined64(opc1, crm, read)) {
            ExceptionEntry.undefined(cpu, cpu.pc);
            return;
        }
        if (cpu.mode() != Mode.HYP && HypTraps.cp15Wide(cpu.sys, opc1, crm, read)) {
            ExceptionEntry.hypTrap(cpu, ExceptionEntry.EC_CP15_64, iss, cond);
            return;
        }
        if (read) {
            long value = cpu.sys.read64(opc1, crm);
            cpu.r[rt] = (int) value;
            cpu.r[rt2] = (int) (value >>> 32);
        } else {
            cpu.sys.write64(opc1, crm, (cpu.r[rt] & 0xFFFF_FFFFL) | (long) cpu.r[rt2] << 32);
        }
    }

    /**
     * MRRC p14: the 64-bit DBGDRAR (CRm 1) and DBGDSAR (CRm 2), RAZ, readable from PL0; HDCR.TDRA
     * traps them with HSR.EC 0x0C (B3.13.6). QEMU 7.2 does not trap them (QEMU-DIFFERENCES.md).
     */
    private void debug(Cpu cpu) {
        if (!DebugRegisters.defined64(opc1, crm, read)) {
            ExceptionEntry.undefined(cpu, cpu.pc);
            return;
        }
        if (cpu.mode() != Mode.HYP && HypTraps.cp14Wide(cpu.sys)) {
            ExceptionEntry.hypTrap(cpu, ExceptionEntry.EC_CP14_64, iss, cond);
            return;
        }
        cpu.r[rt] = 0;
        cpu.r[rt2] = 0;
    }

    /** CRm = c14 is the generic timer's: CNTPCT, CNTVCT, the CVALs and CNTVOFF (ARM ARM B8.1). */
    private void timer(Cpu cpu) {
        int pl = cpu.privilegeLevel();
        Access a = read ? cpu.timer.read64(opc1, crm, pl)
                : cpu.timer.write64(opc1, crm, pl, (cpu.r[rt2] & 0xFFFF_FFFFL) << 32 | (cpu.r[rt] & 0xFFFF_FFFFL));
        switch (a) {
            case UNDEFINED -> ExceptionEntry.undefined(cpu, cpu.pc);
            case TRAP_TO_HYP -> ExceptionEntry.hypTrap(cpu, ExceptionEntry.EC_CP15_64, iss, cond);
            default -> {
                if (read) {
                    long value = cpu.timer.value();
                    cpu.r[rt] = (int) value;
                    cpu.r[rt2] = (int) (value >>> 32);
                }
            }
        }
    }
}
