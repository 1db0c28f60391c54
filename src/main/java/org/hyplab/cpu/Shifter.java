package org.hyplab.cpu;

/**
 * The barrel shifter: Shift_C() of ARM ARM A8.4.3 for the immediate and register-controlled
 * forms. The carry out goes to {@link Cpu#shifterCarry} rather than into a returned object,
 * because this runs for most data-processing instructions.
 */
public final class Shifter {

    public static final int LSL = 0, LSR = 1, ASR = 2, ROR = 3;
    /** RRX is encoded as ROR #0 in the immediate form. */
    public static final int RRX = 4;

    private Shifter() {
    }

    /**
     * DecodeImmShift + Shift_C for an immediate shift: {@code type} LSL/LSR/ASR/ROR and the
     * 5-bit amount as encoded (LSR/ASR #0 mean #32, ROR #0 means RRX).
     */
    public static int immediate(Cpu cpu, int value, int type, int imm5) {
        switch (type) {
            case LSL:
                if (imm5 == 0) {
                    cpu.shifterCarry = cpu.c;
                    return value;
                }
                cpu.shifterCarry = ((value >>> (32 - imm5)) & 1) != 0;
                return value << imm5;
            case LSR:
                if (imm5 == 0) {
                    cpu.shifterCarry = value < 0;
                    return 0;
                }
                cpu.shifterCarry = ((value >>> (imm5 - 1)) & 1) != 0;
                return value >>> imm5;
            case ASR:
                if (imm5 == 0) {
                    cpu.shifterCarry = value < 0;
                    return value >> 31;
                }
                cpu.shifterCarry = ((value >> (imm5 - 1)) & 1) != 0;
                return value >> imm5;
            default:
                if (imm5 == 0) {   // RRX
                    boolean carryIn = cpu.c;
                    cpu.shifterCarry = (value & 1) != 0;
                    return (value >>> 1) | (carryIn ? 0x8000_0000 : 0);
                }
                cpu.shifterCarry = ((value >>> (imm5 - 1)) & 1) != 0;
                return Integer.rotateRight(value, imm5);
        }
    }

    /** The immediate-shift value without carry, for instructions that do not set flags. */
    public static int immediateNoCarry(int value, int type, int imm5, boolean carryIn) {
        return switch (type) {
            case LSL -> value << imm5;
            case LSR -> imm5 == 0 ? 0 : value >>> imm5;
            case ASR -> value >> (imm5 == 0 ? 31 : imm5);
            default -> imm5 == 0 ? (value >>> 1) | (carryIn ? 0x8000_0000 : 0) : Integer.rotateRight(value, imm5);
        };
    }

    /** Shift_C with the amount from the bottom byte of a register (ARM ARM A8.4.3). */
    public static int register(Cpu cpu, int value, int type, int amountReg) {
        int amount = amountReg & 0xFF;
        if (amount == 0) {
            cpu.shifterCarry = cpu.c;
            return value;
        }
        switch (type) {
            case LSL:
                if (amount < 32) {
                    cpu.shifterCarry = ((value >>> (32 - amount)) & 1) != 0;
                    return value << amount;
                }
                cpu.shifterCarry = amount == 32 && (value & 1) != 0;
                return 0;
            case LSR:
                if (amount < 32) {
                    cpu.shifterCarry = ((value >>> (amount - 1)) & 1) != 0;
                    return value >>> amount;
                }
                cpu.shifterCarry = amount == 32 && value < 0;
                return 0;
            case ASR:
                if (amount < 32) {
                    cpu.shifterCarry = ((value >> (amount - 1)) & 1) != 0;
                    return value >> amount;
                }
                cpu.shifterCarry = value < 0;
                return value >> 31;
            default: {
                int rot = amount & 31;
                if (rot == 0) {
                    cpu.shifterCarry = value < 0;
                    return value;
                }
                cpu.shifterCarry = ((value >>> (rot - 1)) & 1) != 0;
                return Integer.rotateRight(value, rot);
            }
        }
    }
}
