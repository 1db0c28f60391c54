package org.hyplab.cpu.a32;

import org.hyplab.cpu.Cpu;
import org.hyplab.cpu.ExceptionEntry;
import org.hyplab.cpu.FpAccess;
import org.hyplab.cpu.FpSystemRegisters;
import org.hyplab.cpu.Insn;
import org.hyplab.cpu.Mode;
import org.hyplab.cpu.SystemRegisters;

/**
 * An instruction of the VFP / Advanced SIMD encoding space (ARM ARM A7: the cp10/cp11
 * coprocessor space and the unconditional Advanced SIMD space). Each first passes the access
 * checks of {@link FpAccess} (CPACR, HCPTR, FPEXC.EN), so that a hypervisor can trap a guest's
 * use of the unit today. After them only VMRS and VMSR of the floating-point system registers
 * execute ({@link FpSystemRegisters}); data processing, loads, stores and register transfers are
 * UNDEFINED until the VFP/Advanced SIMD issue implements them.
 */
public final class FloatingPoint extends Insn {

    /** What the word is: a system register move, or anything else of the unit. */
    public enum Kind { VMRS, VMSR, OTHER }

    private final Kind kind;
    private final int coproc, reg, rt;
    private final boolean advSimd;
    /** HSR ISS of an HCR.TID0/TID3 trap (B3.13.6, EC 0x08): the MRC form VMRS is, opc1 7, CRn = reg. */
    private final int idIss;

    /**
     * @param coproc  10 or 11, the coprocessor the encoding names (10 for the unconditional space)
     * @param advSimd an Advanced SIMD instruction that is not also a VFP one (CPACR.ASEDIS, HCPTR.TASE)
     */
    public FloatingPoint(int word, Kind kind, int coproc, boolean advSimd) {
        super(word);
        this.kind = kind;
        this.coproc = coproc;
        this.advSimd = advSimd;
        reg = (word >>> 16) & 0xF;
        rt = (word >>> 12) & 0xF;
        idIss = 7 << 14 | reg << 10 | rt << 5 | 1;
    }

    @Override
    public void execute(Cpu cpu) {
        switch (kind) {
            case VMRS -> vmrs(cpu);
            case VMSR -> vmsr(cpu);
            default -> {
                if (FpAccess.check(cpu, coproc, advSimd, true, cond)) {
                    ExceptionEntry.undefined(cpu, cpu.pc);   // not implemented yet
                }
            }
        }
    }

    /** A8.8.348: FPSCR needs the unit enabled; the others are privileged and ignore FPEXC.EN. */
    private void vmrs(Cpu cpu) {
        if (!FpSystemRegisters.exists(reg) || (reg != FpSystemRegisters.FPSCR && rt == 15)) {
            ExceptionEntry.undefined(cpu, cpu.pc);
            return;
        }
        if (reg == FpSystemRegisters.FPSCR) {
            if (FpAccess.check(cpu, coproc, false, true, cond)) {
                int value = cpu.fp.fpscr;
                if (rt == 15) {
                    cpu.setFlags(value);   // VMRS APSR_nzcv, FPSCR
                } else {
                    cpu.r[rt] = value;
                }
            }
            return;
        }
        if (cpu.mode() == Mode.USR) {
            ExceptionEntry.undefined(cpu, cpu.pc);   // ID registers and FPEXC: PL1 and up (B6.1.?)
            return;
        }
        if (!FpAccess.check(cpu, coproc, false, false, cond)) {
            return;
        }
        // HCR.TID0 traps FPSID, TID3 the MVFRs, from PL1 (B4.1.65; QEMU 7.2 agrees).
        int hcr = cpu.sys.hcr;
        boolean trap = cpu.mode() != Mode.HYP && switch (reg) {
            case FpSystemRegisters.FPSID -> (hcr & SystemRegisters.HCR_TID0) != 0;
            case FpSystemRegisters.MVFR0, FpSystemRegisters.MVFR1 -> (hcr & SystemRegisters.HCR_TID3) != 0;
            default -> false;
        };
        if (trap) {
            ExceptionEntry.hypTrap(cpu, ExceptionEntry.EC_FP_ID, idIss, cond);
            return;
        }
        cpu.r[rt] = cpu.fp.read(reg);
    }

    /** A8.8.349: as VMRS; writes to FPSID and the MVFRs are ignored. */
    private void vmsr(Cpu cpu) {
        if (!FpSystemRegisters.exists(reg) || rt == 15) {
            ExceptionEntry.undefined(cpu, cpu.pc);
            return;
        }
        boolean fpscr = reg == FpSystemRegisters.FPSCR;
        if (!fpscr && cpu.mode() == Mode.USR) {
            ExceptionEntry.undefined(cpu, cpu.pc);
            return;
        }
        if (FpAccess.check(cpu, coproc, false, fpscr, cond)) {
            cpu.fp.write(reg, cpu.r[rt]);
        }
    }
}
