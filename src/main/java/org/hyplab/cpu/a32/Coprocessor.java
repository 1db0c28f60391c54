package org.hyplab.cpu.a32;

import org.hyplab.cpu.Cpu;
import org.hyplab.cpu.ExceptionEntry;
import org.hyplab.cpu.HypTraps;
import org.hyplab.cpu.Insn;
import org.hyplab.cpu.Mode;
import org.hyplab.timer.Access;
import org.hyplab.timer.TimerRegister;

/**
 * MRC and MCR to CP15, the system control coprocessor (ARM ARM A8.8.98, A8.8.107, B3.17), and to CP14.
 * The order of checks is the architecture's (B1.14.1): an encoding that does not exist or is not
 * allowed at this privilege level is UNDEFINED; otherwise a Non-secure PL0/PL1 access the
 * hypervisor traps goes to Hyp mode (HSR.EC 0x03); otherwise it happens. CP14 (debug, Jazelle,
 * ThumbEE) follows the same order with HSR.EC 0x05; CP10/CP11 are decoded as {@link FloatingPoint};
 * other coprocessors are UNDEFINED.
 * {@code MRC} to R15 sets the flags from bits 31:28 (APSR_nzcv form).
 */
public final class Coprocessor extends Insn {

    private final boolean read;
    private final int coproc, opc1, crn, rt, crm, opc2, key;
    /** HSR ISS of a trap (B3.13.6, EC 0x03): Opc2, Opc1, CRn, Rt, CRm, direction; CV/COND added at trap time. */
    private final int iss;

    public Coprocessor(int word) {
        super(word);
        read = (word & (1 << 20)) != 0;
        opc1 = (word >>> 21) & 7;
        crn = (word >>> 16) & 0xF;
        rt = (word >>> 12) & 0xF;
        coproc = (word >>> 8) & 0xF;
        opc2 = (word >>> 5) & 7;
        crm = word & 0xF;
        key = opc1 << 12 | crn << 8 | crm << 4 | opc2;
        iss = opc2 << 17 | opc1 << 14 | crn << 10 | rt << 5 | crm << 1 | (read ? 1 : 0);
    }

    @Override
    public void execute(Cpu cpu) {
        if (coproc == 15 && TimerRegister.claims32(crn)) {
            timer(cpu);
            return;
        }
        if (coproc == 14) {
            cp14(cpu);
            return;
        }
        if (coproc != 15 || !cpu.sys.defined32(key, read)) {
            ExceptionEntry.undefined(cpu, cpu.pc);
            return;
        }
        if (cpu.mode() != Mode.HYP && HypTraps.cp15(cpu.sys, key, read)) {
            ExceptionEntry.hypTrap(cpu, ExceptionEntry.EC_CP15_32, iss, cond);
            return;
        }
        if (read) {
            int value = cpu.sys.read32(key);
            if (rt == 15) {
                cpu.setFlags(value);
            } else {
                cpu.r[rt] = value;
            }
        } else {
            cpu.sys.write32(key, cpu.r[rt]);
        }
    }

    /**
     * CP14: the debug registers (opc1 0), ThumbEE (6) and Jazelle (7); the same order of checks,
     * a trap reports HSR.EC 0x05 (B3.13.6).
     */
    private void cp14(Cpu cpu) {
        boolean debug = opc1 == 0;
        boolean defined = debug ? cpu.debug.defined(key, read)
                : (opc1 == 6 || opc1 == 7) && cpu.jazelle.defined(key, read);
        if (!defined) {
            ExceptionEntry.undefined(cpu, cpu.pc);
            return;
        }
        if (cpu.mode() != Mode.HYP && HypTraps.cp14(cpu.sys, key, read)) {
            ExceptionEntry.hypTrap(cpu, ExceptionEntry.EC_CP14_32, iss, cond);
            return;
        }
        if (read) {
            int value = debug ? cpu.debug.read(key) : cpu.jazelle.read(key);
            if (rt == 15) {
                cpu.setFlags(value);   // MRC p14 to APSR_nzcv, as for DBGDSCRint polling
            } else {
                cpu.r[rt] = value;
            }
        } else if (debug) {
            cpu.debug.write(key, cpu.r[rt]);
        } else {
            cpu.jazelle.write(key, cpu.r[rt]);
        }
    }

    /** CRn = c14 is the generic timer's: it decides UNDEFINED / trap / access (ARM ARM B8.1). */
    private void timer(Cpu cpu) {
        int pl = cpu.privilegeLevel();
        Access a = read ? cpu.timer.read32(opc1, crn, crm, opc2, pl)
                : cpu.timer.write32(opc1, crn, crm, opc2, pl, cpu.r[rt]);
        switch (a) {
            case UNDEFINED -> ExceptionEntry.undefined(cpu, cpu.pc);
            case TRAP_TO_HYP -> ExceptionEntry.hypTrap(cpu, ExceptionEntry.EC_CP15_32, iss, cond);
            default -> {
                if (read) {
                    int value = (int) cpu.timer.value();
                    if (rt == 15) {
                        cpu.setFlags(value);
                    } else {
                        cpu.r[rt] = value;
                    }
                }
            }
        }
    }
}
