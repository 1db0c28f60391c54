package org.hyplab.cpu;

/**
 * Whether a VFP or Advanced SIMD instruction may run (ARM ARM B1.14.?/B4.1.80 HCPTR, B4.1.40
 * CPACR, B6.1 FPEXC; the pseudocode CheckAdvSIMDOrVFPEnabled), in the architecture's order:
 * <ol>
 * <li>outside Hyp mode, CPACR.cp10/cp11 (no access, PL1 only, full) and CPACR.ASEDIS for an
 *     Advanced SIMD instruction: UNDEFINED at the current mode, so a CPACR refusal wins over a
 *     Hyp trap (QEMU 7.2 agrees);</li>
 * <li>(NSACR: no Security Extensions on this CPU)</li>
 * <li>HCPTR.TCP10/TCP11, and TASE for an Advanced SIMD instruction: a Hyp Trap with HSR.EC 0x07
 *     from PL0/PL1, UNDEFINED in Hyp mode itself;</li>
 * <li>FPEXC.EN = 0: UNDEFINED, except for the system register moves that skip this check.</li>
 * </ol>
 * The caller passes the coprocessor the encoding names (10 or 11; 10 for the unconditional
 * Advanced SIMD space) and whether the instruction is Advanced SIMD only, not also VFP.
 */
public final class FpAccess {

    /** HCPTR.TASE (B4.1.80). */
    static final int HCPTR_TASE = 1 << 15;
    /** CPACR.ASEDIS (B4.1.40). */
    static final int CPACR_ASEDIS = 1 << 31;

    private FpAccess() {
    }

    /**
     * Runs the checks; returns {@code true} when the instruction may go on, {@code false} after
     * it has taken the Undefined Instruction exception or the Hyp Trap.
     */
    public static boolean check(Cpu cpu, int coproc, boolean advSimd, boolean fpexcCheck, int cond) {
        Mode mode = cpu.mode();
        SystemRegisters sys = cpu.sys;
        if (mode != Mode.HYP) {
            // CPACR.cpN: 0b00 no access, 0b01 PL1 only, 0b11 full; 0b10 is reserved (UNPREDICTABLE: UNDEFINED here).
            int access = (sys.cpacr >>> (2 * coproc)) & 3;
            if (access == 0 || access == 2 || (access == 1 && mode == Mode.USR)
                    || (advSimd && (sys.cpacr & CPACR_ASEDIS) != 0)) {
                ExceptionEntry.undefined(cpu, cpu.pc);
                return false;
            }
        }
        if ((sys.hcptr & 1 << coproc) != 0 || (advSimd && (sys.hcptr & HCPTR_TASE) != 0)) {
            if (mode == Mode.HYP) {
                ExceptionEntry.undefined(cpu, cpu.pc);
            } else {
                // ISS (B3.13.6, EC 0x07): TA (bit 5) for an Advanced SIMD instruction, COPROC.
                ExceptionEntry.hypTrap(cpu, ExceptionEntry.EC_FP_ACCESS, (advSimd ? 1 << 5 : 0) | coproc, cond);
            }
            return false;
        }
        if (fpexcCheck && (cpu.fp.fpexc & FpSystemRegisters.FPEXC_EN) == 0) {
            ExceptionEntry.undefined(cpu, cpu.pc);
            return false;
        }
        return true;
    }
}
