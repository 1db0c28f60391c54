package org.hyplab.cpu;

/**
 * The floating-point system registers that VMRS and VMSR reach (ARM ARM B6.1 "About the system
 * control registers for VFP and Advanced SIMD"; A8.8.348 VMRS, A8.8.349 VMSR). Only these exist
 * until the VFP/Advanced SIMD data-processing issue: the register file and every arithmetic
 * instruction still take the Undefined Instruction exception, after the access checks of
 * {@link FpAccess}.
 *
 * <p>Identification values are the Cortex-A15 TRM's (DDI 0438, "Advanced SIMD and Floating-point
 * Extensions"), which QEMU 7.2's {@code cortex-a15} reports too (probed): MVFR0/MVFR1 describe
 * VFPv4 with 32 double registers, no short vectors or trapping, and full Advanced SIMD with half
 * precision and fused multiply-add.
 */
public final class FpSystemRegisters {

    /** VMRS/VMSR register numbers (the instruction's reg field, bits 19:16). */
    public static final int FPSID = 0, FPSCR = 1, MVFR1 = 6, MVFR0 = 7, FPEXC = 8;

    /** Implementer 0x41, subarchitecture 0x04 (Common VFP Subarchitecture v3), part 0x30, variant 0xF (A15), revision 0. */
    static final int FPSID_VALUE = 0x4104_30F0;
    static final int MVFR0_VALUE = 0x1011_0222;
    static final int MVFR1_VALUE = 0x1111_1111;
    /** FPEXC.EN (bit 30) enables the extension; EX, DEX and the rest are RAZ/WI on the A15 (no trapped exceptions). */
    public static final int FPEXC_EN = 1 << 30;
    /**
     * FPSCR bits that hold a value: N Z C V QC AHP DN FZ RMode Stride, Len, IDC and the cumulative
     * flags IXC..IOC. Bit 19 and the trap enables (bits 15, 12:8) are RAZ/WI: the A15 does not
     * trap floating-point exceptions (MVFR0.Trapping = 0).
     */
    static final int FPSCR_MASK = 0xFFF7_009F;

    public int fpexc, fpscr;

    void reset() {
        fpexc = 0;   // EN = 0: the extension starts disabled (B6.1.?, FPEXC)
        fpscr = 0;
    }

    /** Whether {@code reg} names a register this implementation has (others are UNDEFINED). */
    public static boolean exists(int reg) {
        return reg == FPSID || reg == FPSCR || reg == MVFR0 || reg == MVFR1 || reg == FPEXC;
    }

    public int read(int reg) {
        return switch (reg) {
            case FPSID -> FPSID_VALUE;
            case FPSCR -> fpscr;
            case MVFR0 -> MVFR0_VALUE;
            case MVFR1 -> MVFR1_VALUE;
            case FPEXC -> fpexc;
            default -> throw new IllegalArgumentException("no FP system register " + reg);
        };
    }

    /** VMSR: FPSID and the MVFRs are read-only and ignore writes (A8.8.349, as QEMU). */
    public void write(int reg, int value) {
        switch (reg) {
            case FPSCR -> fpscr = value & FPSCR_MASK;
            case FPEXC -> fpexc = value & FPEXC_EN;
            default -> { }
        }
    }
}
