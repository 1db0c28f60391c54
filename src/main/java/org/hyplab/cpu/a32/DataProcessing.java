package org.hyplab.cpu.a32;

import org.hyplab.cpu.Cpu;
import org.hyplab.cpu.ExceptionReturn;

/**
 * The sixteen data-processing operations (ARM ARM A5.2.1, opcode = bits 24:21) and their flag
 * rules: logical operations take C from the shifter, arithmetic ones compute C and V
 * (AddWithCarry, A2.2.1). Shared by the immediate, register and register-shifted forms.
 */
public final class DataProcessing {

    public static final int AND = 0, EOR = 1, SUB = 2, RSB = 3, ADD = 4, ADC = 5, SBC = 6, RSC = 7,
            TST = 8, TEQ = 9, CMP = 10, CMN = 11, ORR = 12, MOV = 13, BIC = 14, MVN = 15;

    private DataProcessing() {
    }

    /** Whether the operation writes no register (TST, TEQ, CMP, CMN: they always set flags). */
    static boolean isTest(int opcode) {
        return opcode >= TST && opcode <= CMN;
    }

    /**
     * Executes {@code opcode} on {@code a} (Rn) and {@code b} (the shifter operand, whose carry is
     * in {@code cpu.shifterCarry} when {@code s} is set).
     */
    static void execute(Cpu cpu, int opcode, boolean s, int rd, int a, int b) {
        int result;
        switch (opcode) {
            case AND, TST -> result = a & b;
            case EOR, TEQ -> result = a ^ b;
            case ORR -> result = a | b;
            case MOV -> result = b;
            case BIC -> result = a & ~b;
            case MVN -> result = ~b;
            case SUB, CMP -> {
                result = a - b;
                if (s && rd != 15 || opcode == CMP) {
                    cpu.c = Integer.compareUnsigned(a, b) >= 0;
                    cpu.v = ((a ^ b) & (a ^ result)) < 0;
                }
            }
            case RSB -> {
                result = b - a;
                if (s && rd != 15) {
                    cpu.c = Integer.compareUnsigned(b, a) >= 0;
                    cpu.v = ((b ^ a) & (b ^ result)) < 0;
                }
            }
            case ADD, CMN -> {
                result = a + b;
                if (s && rd != 15 || opcode == CMN) {
                    cpu.c = Integer.compareUnsigned(result, a) < 0;
                    cpu.v = ((a ^ result) & (b ^ result)) < 0;
                }
            }
            case ADC -> result = addWithCarry(cpu, a, b, cpu.c, s && rd != 15);
            case SBC -> result = addWithCarry(cpu, a, ~b, cpu.c, s && rd != 15);
            default -> result = addWithCarry(cpu, b, ~a, cpu.c, s && rd != 15);   // RSC
        }
        if (isTest(opcode)) {
            cpu.n = result < 0;
            cpu.z = result == 0;
            if (opcode <= TEQ) {
                cpu.c = cpu.shifterCarry;
            }
            return;
        }
        if (rd == 15) {
            if (s) {
                ExceptionReturn.fromAlu(cpu, result);   // SUBS PC, LR and friends
            } else {
                cpu.writeRegister(15, result);
            }
            return;
        }
        cpu.r[rd] = result;
        if (s) {
            cpu.n = result < 0;
            cpu.z = result == 0;
            if (opcode <= EOR || opcode >= ORR) {
                cpu.c = cpu.shifterCarry;   // logical: C from the shifter, V unchanged
            }
        }
    }

    /** AddWithCarry(x, y, carry_in) of ARM ARM A2.2.1, setting C and V when asked. */
    static int addWithCarry(Cpu cpu, int x, int y, boolean carryIn, boolean setCv) {
        long unsigned = (x & 0xFFFF_FFFFL) + (y & 0xFFFF_FFFFL) + (carryIn ? 1 : 0);
        int result = (int) unsigned;
        if (setCv) {
            cpu.c = (unsigned >>> 32) != 0;
            cpu.v = ((x ^ result) & (y ^ result)) < 0;
        }
        return result;
    }
}
