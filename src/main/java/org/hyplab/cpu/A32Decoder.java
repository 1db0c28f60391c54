package org.hyplab.cpu;

import org.hyplab.cpu.a32.BankedRegister;
import org.hyplab.cpu.a32.BitOperation;
import org.hyplab.cpu.a32.BlockTransfer;
import org.hyplab.cpu.a32.Branch;
import org.hyplab.cpu.a32.BranchExchange;
import org.hyplab.cpu.a32.ChangeState;
import org.hyplab.cpu.a32.Coprocessor;
import org.hyplab.cpu.a32.Coprocessor64;
import org.hyplab.cpu.a32.DpImmediate;
import org.hyplab.cpu.a32.DpRegister;
import org.hyplab.cpu.a32.DpShiftedRegister;
import org.hyplab.cpu.a32.ExceptionGenerating;
import org.hyplab.cpu.a32.ExceptionReturnInsn;
import org.hyplab.cpu.a32.Exclusive;
import org.hyplab.cpu.a32.Extend;
import org.hyplab.cpu.a32.FloatingPoint;
import org.hyplab.cpu.a32.Hint;
import org.hyplab.cpu.a32.HypervisorCall;
import org.hyplab.cpu.a32.LoadStore;
import org.hyplab.cpu.a32.LoadStore.Kind;
import org.hyplab.cpu.a32.MoveWide;
import org.hyplab.cpu.a32.Multiply;
import org.hyplab.cpu.a32.ParallelAddSubtract;
import org.hyplab.cpu.a32.ReturnState;
import org.hyplab.cpu.a32.Saturate;
import org.hyplab.cpu.a32.StatusRegister;
import org.hyplab.cpu.a32.Swap;
import org.hyplab.cpu.a32.Undefined;

/**
 * Decodes one A32 instruction word into its {@link Insn} form. The methods follow the
 * decoding tables of ARM ARM chapter A5 one for one (each names its table), so a reader can
 * check any path against the manual. Decoding never fails: every word yields an instruction,
 * {@link Undefined} when it is not one this core executes.
 */
public final class A32Decoder {

    private A32Decoder() {
    }

    /** A5.1, Table A5-1: the top-level split on cond, op1 (bits 27:25) and op (bit 4). */
    public static Insn decode(int w) {
        if (w >>> 28 == 0xF) {
            return unconditional(w);
        }
        return switch ((w >>> 25) & 7) {
            case 0, 1 -> dataProcessingAndMiscellaneous(w);
            case 2 -> loadStoreWordAndByte(w);
            case 3 -> (w & 0x10) == 0 ? loadStoreWordAndByte(w) : media(w);
            case 4, 5 -> branchAndBlockTransfer(w);
            default -> coprocessorAndSupervisorCall(w);
        };
    }

    private static int bits(int w, int hi, int lo) {
        return (w >>> lo) & ((1 << (hi - lo + 1)) - 1);
    }

    private static boolean bit(int w, int n) {
        return (w & (1 << n)) != 0;
    }

    // ---- A5.2 Data-processing and miscellaneous instructions --------------------------------

    /** A5.2, Table A5-2: op (bit 25), op1 (24:20), op2 (7:4). */
    private static Insn dataProcessingAndMiscellaneous(int w) {
        int op1 = bits(w, 24, 20);
        int op2 = bits(w, 7, 4);
        boolean op1Is10xx0 = (op1 & 0b11001) == 0b10000;
        if (!bit(w, 25)) {
            if (!op1Is10xx0) {
                if ((op2 & 1) == 0) {
                    return new DpRegister(w);
                }
                if ((op2 & 0b1001) == 0b0001) {
                    return new DpShiftedRegister(w);
                }
            } else {
                if ((op2 & 0b1000) == 0) {
                    return miscellaneous(w);
                }
                if ((op2 & 0b1001) == 0b1000) {
                    return halfwordMultiply(w);
                }
            }
            if (op2 == 0b1001) {
                return (op1 & 0b10000) == 0 ? multiply(w) : synchronization(w);
            }
            if (op2 == 0b1011 || (op2 & 0b1101) == 0b1101) {
                boolean unprivileged = (op1 & 0b10010) == 0b00010;   // P = 0, W = 1
                return extraLoadStore(w, unprivileged);
            }
            return new Undefined(w);
        }
        if (!op1Is10xx0) {
            return new DpImmediate(w);
        }
        return switch (op1) {
            case 0b10000 -> bits(w, 15, 12) == 15 ? new Undefined(w) : new MoveWide(w, false);
            case 0b10100 -> bits(w, 15, 12) == 15 ? new Undefined(w) : new MoveWide(w, true);
            case 0b10010, 0b10110 -> msrImmediateAndHints(w);
            default -> new Undefined(w);
        };
    }

    /** A5.2.5, Table A5-7: multiply and multiply accumulate, op = bits 23:20. */
    private static Insn multiply(int w) {
        int op = bits(w, 23, 20);
        Multiply.Kind kind = switch (op >>> 1) {
            case 0b000 -> Multiply.Kind.MUL;
            case 0b001 -> Multiply.Kind.MLA;
            case 0b010 -> op == 0b0100 ? Multiply.Kind.UMAAL : null;
            case 0b011 -> op == 0b0110 ? Multiply.Kind.MLS : null;
            case 0b100 -> Multiply.Kind.UMULL;
            case 0b101 -> Multiply.Kind.UMLAL;
            case 0b110 -> Multiply.Kind.SMULL;
            default -> Multiply.Kind.SMLAL;
        };
        return kind == null ? new Undefined(w) : new Multiply(w, kind);
    }

    /** A5.2.7, Table A5-9: halfword multiply and multiply accumulate, op1 = bits 22:21. */
    private static Insn halfwordMultiply(int w) {
        return new Multiply(w, switch (bits(w, 22, 21)) {
            case 0 -> Multiply.Kind.SMLAXY;
            case 1 -> bit(w, 5) ? Multiply.Kind.SMULWY : Multiply.Kind.SMLAWY;
            case 2 -> Multiply.Kind.SMLALXY;
            default -> Multiply.Kind.SMULXY;
        });
    }

    /** A5.2.10, Table A5-12: synchronization primitives, op = bits 23:20. */
    private static Insn synchronization(int w) {
        int op = bits(w, 23, 20);
        if ((op & 0b1011) == 0b0000) {
            return new Swap(w);
        }
        int rt = bit(w, 20) ? bits(w, 15, 12) : bits(w, 3, 0);
        return switch (op) {
            case 0b1000, 0b1001 -> new Exclusive(w, 4);
            // LDREXD/STREXD need an even Rt other than R14 (Rt2 = Rt + 1).
            case 0b1010, 0b1011 -> rt % 2 != 0 || rt == 14 ? new Undefined(w) : new Exclusive(w, 8);
            case 0b1100, 0b1101 -> new Exclusive(w, 1);
            case 0b1110, 0b1111 -> new Exclusive(w, 2);
            default -> new Undefined(w);
        };
    }

    /**
     * A5.2.8, Table A5-10 and A5.2.9, Table A5-11: halfword, signed byte/halfword and doubleword
     * loads and stores; op2 = bits 6:5, L = bit 20, immediate when bit 22 is set.
     */
    private static Insn extraLoadStore(int w, boolean unprivileged) {
        boolean load = bit(w, 20);
        boolean immediate = bit(w, 22);
        Kind kind = switch (bits(w, 6, 5)) {
            case 0b01 -> load ? Kind.LDRH : Kind.STRH;
            case 0b10 -> load ? Kind.LDRSB : Kind.LDRD;
            default -> load ? Kind.LDRSH : Kind.STRD;
        };
        boolean dual = kind == Kind.LDRD || kind == Kind.STRD;
        if (dual && (unprivileged || bits(w, 15, 12) % 2 != 0)) {
            return new Undefined(w);   // no unprivileged doubleword; Rt must be even
        }
        int imm8 = bits(w, 11, 8) << 4 | bits(w, 3, 0);
        return new LoadStore(w, kind, imm8, !immediate, unprivileged);
    }

    /** A5.2.11, Table A5-13: MSR (immediate) and hints; op = bit 22, op1 = 19:16, op2 = 7:0. */
    private static Insn msrImmediateAndHints(int w) {
        if (bit(w, 22) || bits(w, 19, 16) != 0) {
            return new StatusRegister(w, false);
        }
        return switch (bits(w, 7, 0)) {
            case 2 -> new Hint(w, Hint.Kind.WFE);
            case 3 -> new Hint(w, Hint.Kind.WFI);
            case 4 -> new Hint(w, Hint.Kind.SEV);
            // NOP, YIELD, DBG and the unallocated hints execute as NOPs (ARM ARM A5.2.11).
            default -> new Hint(w, Hint.Kind.NOP);
        };
    }

    /** A5.2.12, Table A5-14: miscellaneous instructions; op = 22:21, op2 = 6:4, B = bit 9. */
    private static Insn miscellaneous(int w) {
        int op = bits(w, 22, 21);
        int op2 = bits(w, 6, 4);
        return switch (op2) {
            case 0b000 -> bit(w, 9)
                    ? new BankedRegister(w, (op & 1) == 0)
                    : new StatusRegister(w, (op & 1) == 0);
            case 0b001 -> op == 0b01 ? new BranchExchange(w, false)
                    : op == 0b11 ? new BitOperation(w, BitOperation.Kind.CLZ) : new Undefined(w);
            case 0b010 -> op == 0b01 ? new BranchExchange(w, false) : new Undefined(w);   // BXJ as BX
            case 0b011 -> op == 0b01 ? new BranchExchange(w, true) : new Undefined(w);
            case 0b101 -> new Saturate(w, Saturate.Kind.values()[op]);   // QADD QSUB QDADD QDSUB
            case 0b110 -> op == 0b11 ? new ExceptionReturnInsn(w) : new Undefined(w);
            case 0b111 -> switch (op) {
                case 0b01 -> w >>> 28 == 0xE ? new ExceptionGenerating(w, ExceptionGenerating.Kind.BKPT)
                        : new Undefined(w);
                case 0b10 -> new HypervisorCall(w);
                case 0b11 -> new ExceptionGenerating(w, ExceptionGenerating.Kind.SMC);
                default -> new Undefined(w);
            };
            default -> new Undefined(w);
        };
    }

    // ---- A5.3 Load/store word and unsigned byte ---------------------------------------------

    /** A5.3, Table A5-15: A = bit 25 (register offset), op1 = 24:20. */
    private static Insn loadStoreWordAndByte(int w) {
        boolean load = bit(w, 20);
        boolean byteSized = bit(w, 22);
        boolean unprivileged = !bit(w, 24) && bit(w, 21);   // P = 0, W = 1: LDRT and friends
        Kind kind = byteSized ? (load ? Kind.LDRB : Kind.STRB) : (load ? Kind.LDR : Kind.STR);
        return new LoadStore(w, kind, bits(w, 11, 0), bit(w, 25), unprivileged);
    }

    // ---- A5.4 Media instructions -------------------------------------------------------------

    /** A5.4, Table A5-16: op1 = 24:20, op2 = 7:5, Rd = 15:12, Rn = 3:0. */
    private static Insn media(int w) {
        int op1 = bits(w, 24, 20);
        int op2 = bits(w, 7, 5);
        if ((op1 & 0b11000) == 0b00000) {
            int prefix = op1 & 0b111;
            boolean validOp = op2 <= 0b100 || op2 == 0b111;
            return (prefix & 3) != 0 && validOp ? new ParallelAddSubtract(w, prefix, op2) : new Undefined(w);
        }
        if ((op1 & 0b11000) == 0b01000) {
            return packingUnpackingSaturationReversal(w);
        }
        if ((op1 & 0b11000) == 0b10000) {
            return signedMultiply(w);
        }
        if (op1 == 0b11000 && op2 == 0b000) {
            return new BitOperation(w, bits(w, 15, 12) == 15 ? BitOperation.Kind.USAD8 : BitOperation.Kind.USADA8);
        }
        if ((op1 & 0b11110) == 0b11010 && (op2 & 0b011) == 0b010) {
            return new BitOperation(w, BitOperation.Kind.SBFX);
        }
        if ((op1 & 0b11110) == 0b11100 && (op2 & 0b011) == 0b000) {
            return new BitOperation(w, bits(w, 3, 0) == 15 ? BitOperation.Kind.BFC : BitOperation.Kind.BFI);
        }
        if ((op1 & 0b11110) == 0b11110 && (op2 & 0b011) == 0b010) {
            return new BitOperation(w, BitOperation.Kind.UBFX);
        }
        return new Undefined(w);   // includes UDF (op1 = 11111, op2 = 111): permanently undefined
    }

    /** A5.4.3, Table A5-19: op1 = 22:20, op2 = 7:5, A = 19:16. */
    private static Insn packingUnpackingSaturationReversal(int w) {
        int op1 = bits(w, 22, 20);
        int op2 = bits(w, 7, 5);
        if (op1 == 0b000 && (op2 & 1) == 0) {
            return new Extend(w, bit(w, 6) ? Extend.Kind.PKHTB : Extend.Kind.PKHBT);
        }
        if ((op1 & 0b110) == 0b010 && (op2 & 1) == 0) {
            return new Saturate(w, Saturate.Kind.SSAT);
        }
        if ((op1 & 0b110) == 0b110 && (op2 & 1) == 0) {
            return new Saturate(w, Saturate.Kind.USAT);
        }
        return switch (op1 << 3 | op2) {
            case 0b000_011 -> new Extend(w, Extend.Kind.SXTB16);
            case 0b000_101 -> new BitOperation(w, BitOperation.Kind.SEL);
            case 0b010_001 -> new Saturate(w, Saturate.Kind.SSAT16);
            case 0b010_011 -> new Extend(w, Extend.Kind.SXTB);
            case 0b011_001 -> new BitOperation(w, BitOperation.Kind.REV);
            case 0b011_011 -> new Extend(w, Extend.Kind.SXTH);
            case 0b011_101 -> new BitOperation(w, BitOperation.Kind.REV16);
            case 0b100_011 -> new Extend(w, Extend.Kind.UXTB16);
            case 0b110_001 -> new Saturate(w, Saturate.Kind.USAT16);
            case 0b110_011 -> new Extend(w, Extend.Kind.UXTB);
            case 0b111_001 -> new BitOperation(w, BitOperation.Kind.RBIT);
            case 0b111_011 -> new Extend(w, Extend.Kind.UXTH);
            case 0b111_101 -> new BitOperation(w, BitOperation.Kind.REVSH);
            default -> new Undefined(w);
        };
    }

    /** A5.4.4, Table A5-20: signed multiplies and divides; op1 = 22:20, op2 = 7:5. */
    private static Insn signedMultiply(int w) {
        int op1 = bits(w, 22, 20);
        int op2 = bits(w, 7, 5);
        return switch (op1 << 3 | op2 & 0b110) {
            case 0b000_000 -> new Multiply(w, Multiply.Kind.SMLAD);
            case 0b000_010 -> new Multiply(w, Multiply.Kind.SMLSD);
            case 0b100_000 -> new Multiply(w, Multiply.Kind.SMLALD);
            case 0b100_010 -> new Multiply(w, Multiply.Kind.SMLSLD);
            case 0b101_000 -> new Multiply(w, bits(w, 15, 12) == 15 ? Multiply.Kind.SMMUL : Multiply.Kind.SMMLA);
            case 0b101_110 -> new Multiply(w, Multiply.Kind.SMMLS);
            case 0b001_000 -> op2 == 0 ? new BitOperation(w, BitOperation.Kind.SDIV) : new Undefined(w);
            case 0b011_000 -> op2 == 0 ? new BitOperation(w, BitOperation.Kind.UDIV) : new Undefined(w);
            default -> new Undefined(w);
        };
    }

    // ---- A5.5 Branch, branch with link, and block data transfer ------------------------------

    /** A5.5, Table A5-21. LDM/STM with an empty list or Rn = PC are UNPREDICTABLE: UNDEF, as QEMU. */
    private static Insn branchAndBlockTransfer(int w) {
        if (bit(w, 25)) {
            return new Branch(w);
        }
        if (bits(w, 15, 0) == 0 || bits(w, 19, 16) == 15) {
            return new Undefined(w);
        }
        return new BlockTransfer(w);
    }

    // ---- A5.6 Coprocessor instructions, and Supervisor Call ---------------------------------

    /**
     * A5.6, Table A5-22: SVC, MRC/MCR and MCRR/MRRC; coprocessors 10 and 11 are the VFP and
     * Advanced SIMD space (A7.6-A7.9), the rest of LDC/STC and CDP are UNDEFINED.
     */
    private static Insn coprocessorAndSupervisorCall(int w) {
        if (bits(w, 27, 24) == 0b1111) {
            return new ExceptionGenerating(w, ExceptionGenerating.Kind.SVC);
        }
        if (bits(w, 25, 21) == 0) {
            return new Undefined(w);   // op1 = 00000x
        }
        if ((bits(w, 11, 8) & 0b1110) == 0b1010) {
            return floatingPoint(w);
        }
        if (bits(w, 27, 21) == 0b1100010) {
            return new Coprocessor64(w);
        }
        if (bits(w, 27, 24) == 0b1110 && bit(w, 4)) {
            return new Coprocessor(w);
        }
        return new Undefined(w);
    }

    /**
     * A7.6-A7.9: the cp10/cp11 space. VMRS and VMSR (A7.8: C = 0, A = 111) move the
     * floating-point system registers; everything else only passes the access checks for now.
     * Advanced SIMD only: VDUP and the 8/16-bit scalar forms of VMOV (C = 1).
     */
    private static Insn floatingPoint(int w) {
        int coproc = bits(w, 11, 8);
        boolean transfer = bits(w, 27, 24) == 0b1110 && bit(w, 4);
        if (transfer && coproc == 10 && bits(w, 23, 21) == 0b111) {
            return new FloatingPoint(w, bit(w, 20) ? FloatingPoint.Kind.VMRS : FloatingPoint.Kind.VMSR, coproc, false);
        }
        boolean advSimd = transfer && coproc == 11 && (bit(w, 23) || bit(w, 22) || bits(w, 6, 5) != 0);
        return new FloatingPoint(w, FloatingPoint.Kind.OTHER, coproc, advSimd);
    }

    // ---- A5.7 Unconditional instructions ----------------------------------------------------

    /** A5.7, Table A5-23: cond = 1111. */
    private static Insn unconditional(int w) {
        int op1 = bits(w, 27, 20);
        if ((op1 & 0b1000_0000) == 0) {
            return memoryHintsAndMiscellaneous(w);
        }
        if ((op1 & 0b1110_0101) == 0b1000_0100) {
            return new ReturnState(w, true);    // SRS
        }
        if ((op1 & 0b1110_0101) == 0b1000_0001) {
            return new ReturnState(w, false);   // RFE
        }
        if ((op1 & 0b1110_0000) == 0b1010_0000) {
            return new Branch(w);               // BLX <label>
        }
        return new Undefined(w);                // coprocessor "2" forms
    }

    /** A5.7.1, Table A5-24: op1 = 26:20, op2 = 7:4, Rn = 19:16. */
    private static Insn memoryHintsAndMiscellaneous(int w) {
        int op1 = bits(w, 26, 20);
        int op2 = bits(w, 7, 4);
        int rn = bits(w, 19, 16);
        if (op1 == 0b001_0000) {
            if ((op2 & 0b0010) == 0 && (rn & 1) == 0) {
                return new ChangeState(w, false);   // CPS
            }
            if (op2 == 0 && (rn & 1) == 1) {
                return new ChangeState(w, true);    // SETEND
            }
            return new Undefined(w);
        }
        if (op1 == 0b101_0111) {
            return switch (op2) {
                case 0b0001 -> new Hint(w, Hint.Kind.CLREX);
                case 0b0100, 0b0101, 0b0110 -> new Hint(w, Hint.Kind.NOP);   // DSB, DMB, ISB
                default -> new Undefined(w);
            };
        }
        // Preload hints: PLI, PLD, PLDW (immediate, literal, register) and the unallocated
        // memory hints; all are NOPs here. Register forms need op2 bit 0 clear.
        boolean hintSpace = (op1 & 0b110_0011) == 0b100_0001 || (op1 & 0b110_0011) == 0b110_0001;
        if (hintSpace && ((op1 & 0b010_0000) == 0 || (op2 & 1) == 0)) {
            boolean pldwLiteral = (op1 & 0b111_0111) == 0b101_0001 && rn == 15;
            return pldwLiteral ? new Undefined(w) : new Hint(w, Hint.Kind.NOP);
        }
        // Advanced SIMD data processing (01xxxxx) and element/structure loads and stores (100xxx0):
        // the access checks, then UNDEFINED until that issue.
        if ((op1 & 0b110_0000) == 0b010_0000 || (op1 & 0b111_0001) == 0b100_0000) {
            return new FloatingPoint(w, FloatingPoint.Kind.OTHER, 10, true);
        }
        return new Undefined(w);   // UNPREDICTABLE encodings
    }
}
