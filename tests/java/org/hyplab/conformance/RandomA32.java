package org.hyplab.conformance;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * A seeded generator of random, valid, architecturally defined A32 instruction blocks for the
 * random-sequence conformance harness ({@link RandomSequences}, in the spirit of Linaro's RISU).
 * The same seed always gives the same blocks ({@link java.util.Random} is specified exactly).
 *
 * <h2>What a block is</h2>
 * Each block runs in a mode of its own (USR, FIQ, IRQ, SVC, ABT, UND or SYS), or, for {@code hyp},
 * in Hyp mode (the mode a program starts in). The harness also seeds and prints the other modes'
 * banked registers, so what MSR (banked register) and LDM/STM (User registers) write is compared.
 * A block is a straight-line run of instructions that starts from a random register state
 * (r0-r14, NZCV, Q and GE) and ends where the harness (tests/arm/risu/risu.c) saves every
 * register, the CPSR and a hash of a 1 KiB scratch window. One register of each block, chosen at
 * random, is the <em>base</em>: the harness points it at the middle of the window, no
 * instruction writes it except the write-back of a load or store, and every write-back is
 * followed at once by an ADD or SUB (same condition) that brings it back, so every access stays
 * inside the window. A register-offset access is preceded by MOVW (and MOVT when needed) that
 * gives the index register a value whose shifted form is a small, aligned offset.
 *
 * <h2>Classes covered</h2>
 * Data processing (all 16 opcodes, S and not, modified immediate, register shifted by an
 * immediate including RRX, register shifted by a register), under random conditions; MOVW,
 * MOVT; MUL, MLA, MLS, UMULL, UMLAL, SMULL, SMLAL (S and not), UMAAL; SMLA&lt;x&gt;&lt;y&gt;,
 * SMUL&lt;x&gt;&lt;y&gt;, SMLAW&lt;y&gt;, SMULW&lt;y&gt;, SMLAL&lt;x&gt;&lt;y&gt;; SMUAD, SMLAD, SMUSD, SMLSD,
 * SMLALD, SMLSLD (and X), SMMUL, SMMLA, SMMLS (and R); QADD, QSUB, QDADD, QDSUB; SSAT, USAT
 * (LSL and ASR, ASR #32 included), SSAT16, USAT16; the parallel additions and subtractions
 * (S, Q, SH, U, UQ, UH times ADD16, ASX, SAX, SUB16, ADD8, SUB8); SEL; SXTB, SXTH, SXTB16,
 * UXTB, UXTH, UXTB16 and their accumulating forms, with rotation; PKHBT, PKHTB; REV, REV16,
 * REVSH, RBIT, CLZ; BFC, BFI, SBFX, UBFX; USAD8, USADA8; SDIV, UDIV (divisor zero included);
 * MRS APSR, MSR APSR (register and immediate); LDR, STR, LDRB, STRB, LDRH, STRH, LDRSB, LDRSH,
 * LDRD, STRD with immediate and register offsets (word and byte forms with every shift but
 * RRX), offset, pre-indexed and post-indexed; LDRT, STRT, LDRBT, STRBT, LDRHT, STRHT, LDRSBT,
 * LDRSHT (with the MMU off they act as the plain forms, with it on they are checked against
 * PL0's permissions, which the harness grants everywhere; not in Hyp mode, where they are
 * UNPREDICTABLE); LDM and STM in all four modes, with and without write-back; LDR, LDRB, LDRH, LDRSB, LDRSH
 * and LDRD (literal); STR and STM of the PC; SETEND BE/LE (big-endian data accesses; a block
 * that set BE ends with SETEND LE for the harness); MRS and MSR of the SPSR (modes that have one);
 * MRS and MSR (banked register) of the other modes' R8-R14 and SPSRs; LDM and STM (User
 * registers) in the PL1 modes that have their own registers; SWP and SWPB (the harness sets
 * SCTLR.SW, without which they are UNDEFINED).
 *
 * <h2>Excluded, and why</h2>
 * <ul>
 * <li>Anything UNPREDICTABLE: R15 as a destination (a branch) and wherever the ARM ARM makes R15
 *     an operand UNPREDICTABLE (register-shifted-register forms, multiplies, media, loads and
 *     stores); RdHi == RdLo; write-back with Rn == Rt (or Rt2); LDRD/STRD with an odd Rt or
 *     Rt = R14; LDRD register forms with Rm == Rt or Rt2; LDM with the base in the list and
 *     write-back; STM with write-back and the base in the list; BFC/BFI with msb &lt; lsb;
 *     SBFX/UBFX with lsb + width &gt; 32; MSR with an empty mask; non-zero SBZ fields. R15 is
 *     read only where the ARM ARM defines it, as the instruction's address + 8 (the same in both
 *     runs): data processing with an immediate or an immediate-shifted register, the base of
 *     the PC-relative (literal) loads, and the value STR and STM store (PCStoreValue()).</li>
 * <li>Branches, exception-generating and mode-changing instructions (B, BL, BX, BLX, SVC, HVC,
 *     SMC, BKPT, CPS, SRS, RFE, ERET, MSR to the control field, LDM with the PC, data
 *     processing to the PC): a block must run straight to its end.</li>
 * <li>Mode-dependent forms where they are UNPREDICTABLE or UNDEFINED: SPSR access in User and
 *     System mode; banked-register access in User mode, to the current mode's own registers, to
 *     Hyp's and Monitor's, and (kept simple) from Hyp mode; LDM/STM (User registers) in User,
 *     System and Hyp mode, with write-back, or loading the base. SPSR writes keep the reserved
 *     bits 23:20 clear (they are UNK/SBZP).</li>
 * <li>Unaligned accesses with the MMU off: every data access is then Strongly-ordered (ARM ARM
 *     B3.2.1), for which the architecture does not support unaligned accesses (A3.2.1); neither
 *     QEMU 7.2 nor HypLab models memory types yet (both perform them, byte by byte), so there
 *     every generated access is aligned to its size. With the MMU on ({@code unaligned}: the
 *     window is Normal memory and SCTLR.A = 0) LDR, STR, LDRH, STRH, LDRSH and their T forms get
 *     offsets of every alignment (A3.2.1 allows them unaligned), some straddling the page
 *     boundary at the window's middle; LDRD, STRD, LDM, STM and SWP stay aligned (they fault
 *     when unaligned), and so do the literal loads.</li>
 * <li>LDREX/STREX and friends: QEMU implements the monitor as a compare-and-exchange of the
 *     value, not of the address (an ABA difference from A3.4), so transcripts could differ
 *     without either being wrong for real programs.</li>
 * <li>Coprocessor, VFP and Advanced SIMD instructions, Thumb: not implemented by HypLab yet.</li>
 * <li>Hints (NOP, YIELD, WFE, WFI, SEV, PLD, PLI, DMB, DSB, ISB, CLREX): no result to compare,
 *     and WFI would stop the CPU.</li>
 * </ul>
 */
public final class RandomA32 {

    /** Bytes in the scratch window; the base register points at its middle. */
    public static final int WINDOW_BYTES = 1024;

    /** One block: its initial state and its instruction words (without the closing branch). */
    public record Block(int[] regs, int flags, int memSeed, int baseReg, int mode, int[] words) {
        public Block {
            regs = regs.clone();
            words = words.clone();
        }

        /** The same state with only the first {@code n} instructions (to find the first that differs). */
        public Block prefix(int n) {
            return new Block(regs, flags, memSeed, baseReg, mode, Arrays.copyOf(words, n));
        }
    }

    /** The instruction classes, with the relative weight each gets. */
    enum Kind {
        DP_IMM(8), DP_REG(8), DP_RSR(8), MOVW_MOVT(2), MULTIPLY(4), MULTIPLY_LONG(4), HALFWORD_MULTIPLY(4),
        DUAL_MULTIPLY(4), MOST_SIGNIFICANT_MULTIPLY(2), DIVIDE(2), SATURATING_ADD(3), SATURATE(3),
        PARALLEL(6), SEL(1), EXTEND(4), PACK(2), REVERSE(2), CLZ(1), BIT_FIELD(3), USAD(1), STATUS(2),
        LOAD_STORE(6), LOAD_STORE_EXTRA(5), LOAD_STORE_MULTIPLE(3), LITERAL(2), SETEND(1), SPSR(1), BANKED(2),
        USER_REGISTERS(1), SWAP(1);

        final int weight;

        Kind(int weight) {
            this.weight = weight;
        }
    }

    private static final Kind[] KINDS = Kind.values();
    private static final int TOTAL_WEIGHT = Arrays.stream(KINDS).mapToInt(k -> k.weight).sum();

    private static final int AL = 0xE;
    private static final int SETEND_LE = 0xF101_0000, SETEND_BE = 0xF101_0200;

    /** CPSR.M of the modes a block runs in. */
    static final int USR = 0x10, FIQ = 0x11, IRQ = 0x12, SVC = 0x13, ABT = 0x17, HYP = 0x1A, UND = 0x1B, SYS = 0x1F;
    private static final int[] BLOCK_MODES = {USR, FIQ, IRQ, SVC, ABT, UND, SYS};

    /**
     * The banked registers MRS/MSR (banked register) name (ARM ARM B9.2.3, Table B9-2): {R:SYSm,
     * mode, register number (16 for the SPSR)}. Hyp's and Monitor's are left out (Monitor mode does
     * not exist here; Hyp's registers are reachable only from Hyp or Monitor mode).
     */
    private static final int[][] BANKED_REGISTERS = {
        {0x00, USR, 8}, {0x01, USR, 9}, {0x02, USR, 10}, {0x03, USR, 11}, {0x04, USR, 12}, {0x05, USR, 13},
        {0x06, USR, 14}, {0x08, FIQ, 8}, {0x09, FIQ, 9}, {0x0A, FIQ, 10}, {0x0B, FIQ, 11}, {0x0C, FIQ, 12},
        {0x0D, FIQ, 13}, {0x0E, FIQ, 14}, {0x10, IRQ, 14}, {0x11, IRQ, 13}, {0x12, SVC, 14}, {0x13, SVC, 13},
        {0x14, ABT, 14}, {0x15, ABT, 13}, {0x16, UND, 14}, {0x17, UND, 13},
        {0x2E, FIQ, 16}, {0x30, IRQ, 16}, {0x32, SVC, 16}, {0x34, ABT, 16}, {0x36, UND, 16}};

    private final Random random;
    private final List<Integer> out = new ArrayList<>();
    private int base;
    /** Whether the block has run SETEND BE: it then ends with SETEND LE, for the harness. */
    private boolean bigEndian;
    /** The mode of the block being generated. */
    private int mode;

    /** Blocks for Hyp mode, where LDRT and the other unprivileged forms are UNPREDICTABLE. */
    private final boolean hyp;
    /**
     * The window is Normal memory (the MMU is on) and SCTLR.A/HSCTLR.A = 0: word and halfword
     * loads and stores may be unaligned, and some straddle the window's middle, a page boundary.
     */
    private final boolean unaligned;

    public RandomA32(long seed, boolean hyp) {
        this(seed, hyp, false);
    }

    public RandomA32(long seed, boolean hyp, boolean unaligned) {
        this.random = new Random(seed);
        this.hyp = hyp;
        this.unaligned = unaligned;
    }

    /** The next block: a random state and {@code length} to about {@code length + 2} instructions. */
    public Block block(int length) {
        int[] regs = new int[15];
        for (int i = 0; i < 15; i++) {
            regs[i] = value();
        }
        int flags = random.nextInt() & 0xF80F_0000;   // N Z C V Q and GE[3:0]
        int memSeed = random.nextInt() | 1;
        base = random.nextInt(15);
        mode = hyp ? HYP : BLOCK_MODES[random.nextInt(BLOCK_MODES.length)];
        out.clear();
        bigEndian = false;
        while (out.size() < length) {
            instruction();
        }
        if (bigEndian) {
            emit(SETEND_LE);
        }
        int[] words = out.stream().mapToInt(Integer::intValue).toArray();
        return new Block(regs, flags, memSeed, base, mode, words);
    }

    /** Initial register values: a mix of random words, small numbers and the edge cases of each lane width. */
    private int value() {
        return switch (random.nextInt(7)) {
            case 0, 1 -> random.nextInt();
            case 2 -> random.nextInt(70) - 3;          // small: shift amounts, divisors, -3..66
            case 3 -> new int[] {0, 1, -1, 0x7FFF_FFFF, 0x8000_0000, 0x7FFF, 0x8000, 0xFFFF, 0x1_0000,
                    0x7F, 0x80, 0xFF, 0x7F7F_7F7F, 0x8080_8080, 0x7FFF_8000, 0x8000_7FFF, 31, 32, 33}
                    [random.nextInt(19)];
            case 4 -> {                                 // bytes and halfwords near their edges
                int v = 0;
                for (int i = 0; i < 4; i++) {
                    v |= (new int[] {0x00, 0x01, 0x7F, 0x80, 0x81, 0xFE, 0xFF}[random.nextInt(7)]) << (8 * i);
                }
                yield v;
            }
            case 5 -> {                                 // halfwords near their edges (dual multiplies, SSAT16...)
                int[] halves = {0x0000, 0x0001, 0x7FFF, 0x8000, 0x8001, 0xFFFF};
                yield halves[random.nextInt(6)] << 16 | halves[random.nextInt(6)];
            }
            default -> random.nextInt() >> random.nextInt(32);
        };
    }

    private void instruction() {
        int pick = random.nextInt(TOTAL_WEIGHT);
        Kind kind = KINDS[0];
        for (Kind k : KINDS) {
            if (pick < k.weight) {
                kind = k;
                break;
            }
            pick -= k.weight;
        }
        switch (kind) {
            case DP_IMM -> dataProcessing(0);
            case DP_REG -> dataProcessing(1);
            case DP_RSR -> dataProcessing(2);
            case MOVW_MOVT -> emit(cond() | (random.nextBoolean() ? 0x0340_0000 : 0x0300_0000)
                    | random.nextInt(16) << 16 | dest() << 12 | random.nextInt(0x1000));
            case MULTIPLY -> multiply();
            case MULTIPLY_LONG -> multiplyLong();
            case HALFWORD_MULTIPLY -> halfwordMultiply();
            case DUAL_MULTIPLY -> dualMultiply();
            case MOST_SIGNIFICANT_MULTIPLY -> mostSignificantMultiply();
            case DIVIDE -> emit(cond() | 0x0710_F010 | (random.nextBoolean() ? 0x0020_0000 : 0)
                    | dest() << 16 | reg() << 8 | reg());
            case SATURATING_ADD -> emit(cond() | 0x0100_0050 | random.nextInt(4) << 21
                    | reg() << 16 | dest() << 12 | reg());
            case SATURATE -> saturate();
            case PARALLEL -> emit(cond() | 0x0600_0F10 | new int[] {1, 2, 3, 5, 6, 7}[random.nextInt(6)] << 20
                    | reg() << 16 | dest() << 12 | new int[] {0, 1, 2, 3, 4, 7}[random.nextInt(6)] << 5 | reg());
            case SEL -> emit(cond() | 0x0680_0FB0 | reg() << 16 | dest() << 12 | reg());
            case EXTEND -> {
                int op = new int[] {0b000, 0b010, 0b011, 0b100, 0b110, 0b111}[random.nextInt(6)];
                int rn = random.nextBoolean() ? 15 : reg();   // 15: SXTB; otherwise SXTAB and friends
                emit(cond() | 0x0680_0070 | op << 20 | rn << 16 | dest() << 12 | random.nextInt(4) << 10 | reg());
            }
            case PACK -> emit(cond() | 0x0680_0010 | reg() << 16 | dest() << 12 | random.nextInt(32) << 7
                    | (random.nextBoolean() ? 1 << 6 : 0) | reg());
            case REVERSE -> emit(cond()   // REV, REV16, RBIT, REVSH
                    | new int[] {0x06BF_0F30, 0x06BF_0FB0, 0x06FF_0F30, 0x06FF_0FB0}[random.nextInt(4)]
                    | dest() << 12 | reg());
            case CLZ -> emit(cond() | 0x016F_0F10 | dest() << 12 | reg());
            case BIT_FIELD -> bitField();
            case USAD -> {
                int ra = random.nextInt(3) == 0 ? 15 : reg();   // 15: USAD8
                emit(cond() | 0x0780_0010 | dest() << 16 | ra << 12 | reg() << 8 | reg());
            }
            case STATUS -> status();
            case LOAD_STORE -> loadStore();
            case LOAD_STORE_EXTRA -> loadStoreExtra();
            case LOAD_STORE_MULTIPLE -> loadStoreMultiple();
            case LITERAL -> literal();
            case SETEND -> {
                bigEndian |= random.nextBoolean();
                emit(bigEndian && random.nextInt(3) != 0 ? SETEND_BE : SETEND_LE);
            }
            case SPSR -> spsr();
            case BANKED -> banked();
            case USER_REGISTERS -> userRegisters();
            case SWAP -> {   // SWP/SWPB Rt, Rt2, [base]: Rt and Rt2 not the base (UNPREDICTABLE)
                emit(cond() | 0x0100_0090 | (random.nextBoolean() ? 1 << 22 : 0) | base << 16 | notBase() << 12
                        | notBase());
            }
        }
    }

    // ---- data processing ----------------------------------------------------------------------

    /** @param form 0 modified immediate, 1 register shifted by an immediate, 2 register shifted by a register */
    private void dataProcessing(int form) {
        int op = random.nextInt(16);
        boolean test = op >= 8 && op <= 11;          // TST TEQ CMP CMN: S = 1, Rd = 0
        boolean move = op == 13 || op == 15;         // MOV MVN: Rn = 0
        int s = test || random.nextBoolean() ? 1 : 0;
        int rd = test ? 0 : dest();
        int w = cond() | op << 21 | s << 20 | rd << 12;
        int pcChance = form == 2 ? 0 : 20;            // R15 reads as address + 8 except in the RSR form
        if (!move) {
            w |= operand(pcChance) << 16;
        }
        switch (form) {
            case 0 -> w |= 1 << 25 | random.nextInt(16) << 8 | random.nextInt(256);
            // imm5 = 0 one time in four: LSL #0, LSR #32, ASR #32 and RRX are the edge cases
            case 1 -> w |= (random.nextInt(4) == 0 ? 0 : random.nextInt(32)) << 7 | random.nextInt(4) << 5
                    | operand(pcChance);
            default -> w |= reg() << 8 | random.nextInt(4) << 5 | 1 << 4 | reg();
        }
        emit(w);
    }

    // ---- multiplies ---------------------------------------------------------------------------

    private void multiply() {
        int w = switch (random.nextInt(3)) {
            case 0 -> 0x0000_0090 | (random.nextBoolean() ? 1 << 20 : 0);                        // MUL(S)
            case 1 -> 0x0020_0090 | (random.nextBoolean() ? 1 << 20 : 0) | reg() << 12;          // MLA(S)
            default -> 0x0060_0090 | reg() << 12;                                                 // MLS
        };
        emit(cond() | w | dest() << 16 | reg() << 8 | reg());
    }

    /** UMULL UMLAL SMULL SMLAL (S and not) and UMAAL: RdHi (19:16) != RdLo (15:12). */
    private void multiplyLong() {
        int[] pair = destPair();
        int op = random.nextInt(9);
        int w = op == 8 ? 0x0040_0090 : 0x0080_0090 | op << 20;   // UMAAL, or 1 U A S
        emit(cond() | w | pair[0] << 16 | pair[1] << 12 | reg() << 8 | reg());
    }

    /** SMLA<x><y>, SMLAW<y>, SMULW<y>, SMLAL<x><y>, SMUL<x><y> (ARM ARM A5.2.7). */
    private void halfwordMultiply() {
        int mn = random.nextInt(4) << 5;   // M (bit 6), N (bit 5)
        int w = switch (random.nextInt(5)) {
            case 0 -> 0x0100_0080 | mn | dest() << 16 | reg() << 12;                  // SMLA<x><y>
            case 1 -> 0x0120_0080 | (mn & 0x40) | dest() << 16 | reg() << 12;         // SMLAW<y>
            case 2 -> 0x0120_00A0 | (mn & 0x40) | dest() << 16;                        // SMULW<y>
            case 3 -> {                                                                // SMLAL<x><y>
                int[] pair = destPair();
                yield 0x0140_0080 | mn | pair[0] << 16 | pair[1] << 12;
            }
            default -> 0x0160_0080 | mn | dest() << 16;                                // SMUL<x><y>
        };
        emit(cond() | w | reg() << 8 | reg());
    }

    /** SMLAD SMUAD SMLSD SMUSD SMLALD SMLSLD, with and without X (ARM ARM A5.4.4). */
    private void dualMultiply() {
        int x = random.nextBoolean() ? 1 << 5 : 0;
        int sub = random.nextBoolean() ? 1 << 6 : 0;
        int w;
        if (random.nextInt(3) == 0) {
            int[] pair = destPair();
            w = 0x0740_0010 | pair[0] << 16 | pair[1] << 12;
        } else {
            int ra = random.nextInt(3) == 0 ? 15 : reg();   // 15: SMUAD/SMUSD
            w = 0x0700_0010 | dest() << 16 | ra << 12;
        }
        emit(cond() | w | x | sub | reg() << 8 | reg());
    }

    /** SMMUL SMMLA SMMLS, with and without R. */
    private void mostSignificantMultiply() {
        int r = random.nextBoolean() ? 1 << 5 : 0;
        int w = switch (random.nextInt(3)) {
            case 0 -> 0x0750_F010;                        // SMMUL
            case 1 -> 0x0750_0010 | reg() << 12;          // SMMLA
            default -> 0x0750_00D0 | reg() << 12;         // SMMLS
        };
        emit(cond() | w | r | dest() << 16 | reg() << 8 | reg());
    }

    // ---- saturation, bit fields, status ---------------------------------------------------------

    private void saturate() {
        boolean unsigned = random.nextBoolean();
        if (random.nextBoolean()) {   // SSAT/USAT #imm, Rn{, LSL #n | ASR #n}
            emit(cond() | (unsigned ? 0x06E0_0010 : 0x06A0_0010) | random.nextInt(32) << 16 | dest() << 12
                    | random.nextInt(32) << 7 | (random.nextBoolean() ? 1 << 6 : 0) | reg());
        } else {                      // SSAT16/USAT16
            emit(cond() | (unsigned ? 0x06E0_0F30 : 0x06A0_0F30) | random.nextInt(16) << 16 | dest() << 12 | reg());
        }
    }

    private void bitField() {
        int lsb = random.nextInt(32);
        switch (random.nextInt(3)) {
            case 0 -> {   // BFI (BFC when Rn = 15): msb >= lsb
                int msb = lsb + random.nextInt(32 - lsb);
                int rn = random.nextInt(4) == 0 ? 15 : reg();
                emit(cond() | 0x07C0_0010 | msb << 16 | dest() << 12 | lsb << 7 | rn);
            }
            default -> {  // SBFX/UBFX: lsb + width <= 32
                int widthMinus1 = random.nextInt(32 - lsb);
                emit(cond() | (random.nextBoolean() ? 0x07E0_0050 : 0x07A0_0050) | widthMinus1 << 16
                        | dest() << 12 | lsb << 7 | reg());
            }
        }
    }

    private boolean hasSpsr() {
        return mode != USR && mode != SYS;
    }

    /**
     * MRS Rd, SPSR and MSR SPSR_&lt;fields&gt;, Rn or #imm, in the modes that have an SPSR (in User
     * and System mode they are UNPREDICTABLE). SPSR bits 23:20 are reserved (UNK/SBZP): a written
     * value has them clear, the register form after a BIC of them.
     */
    private void spsr() {
        if (!hasSpsr()) {
            return;
        }
        int mask = 1 + random.nextInt(15);
        switch (random.nextInt(3)) {
            case 0 -> emit(cond() | 0x014F_0000 | dest() << 12);
            case 1 -> {
                int rn = dest();
                emit(AL << 28 | 0x03C0_0000 | rn << 16 | rn << 12 | 0x60F);   // BIC rn, rn, #0x00F00000
                emit(cond() | 0x0160_F000 | mask << 16 | rn);
            }
            default -> {
                int imm12;
                do {
                    imm12 = random.nextInt(0x1000);
                } while ((Integer.rotateRight(imm12 & 0xFF, (imm12 >>> 8) * 2) & 0x00F0_0000) != 0);
                emit(cond() | 0x0360_F000 | mask << 16 | imm12);
            }
        }
    }

    /**
     * MRS Rd, &lt;banked&gt; and MSR &lt;banked&gt;, Rn (ARM ARM B9.3.9, B9.3.10), not in User mode
     * (UNDEFINED) nor in Hyp programs, and never naming a register the current mode itself uses
     * (UNPREDICTABLE): its own SP, LR and SPSR, and the R8-R12 it shares.
     */
    private void banked() {
        if (mode == USR || mode == HYP) {
            return;
        }
        int[] target;
        do {
            target = BANKED_REGISTERS[random.nextInt(BANKED_REGISTERS.length)];
        } while (!bankedAllowed(target[1], target[2]));
        int r = target[0] >>> 5, sysm = target[0] & 0x1F;
        int fields = r << 22 | (sysm & 0xF) << 16 | (sysm >>> 4) << 8;
        if (random.nextBoolean()) {
            emit(cond() | 0x0100_0200 | fields | dest() << 12);
        } else {
            int rn = reg();
            if (target[2] == 16) {   // an SPSR: clear the reserved bits first
                rn = dest();
                emit(AL << 28 | 0x03C0_0000 | rn << 16 | rn << 12 | 0x60F);
            }
            emit(cond() | 0x0120_F200 | fields | rn);
        }
    }

    private boolean bankedAllowed(int targetMode, int reg) {
        boolean sameBank = switch (reg) {
            case 8, 9, 10, 11, 12 -> (targetMode == FIQ) == (mode == FIQ);
            case 13, 14 -> targetMode == mode || targetMode == USR && mode == SYS;
            default -> targetMode == mode;   // SPSR
        };
        return !sameBank;
    }

    /**
     * LDM/STM (User registers), {@code ..^} without the PC (ARM ARM B9.3.6, B9.3.7): in the PL1
     * modes that have their own registers (UNPREDICTABLE in User and System mode, UNDEFINED in Hyp
     * mode); no write-back (UNPREDICTABLE), never the base in an LDM's list.
     */
    private void userRegisters() {
        if (!hasSpsr() || mode == HYP) {
            return;
        }
        boolean load = random.nextBoolean();
        int p = random.nextInt(2), u = random.nextInt(2);
        int list = 0;
        while (list == 0) {
            list = random.nextInt(1 << 15) & random.nextInt(1 << 15) | 1 << random.nextInt(15);
            if (load) {
                list &= ~(1 << base);
            }
        }
        emit(cond() | 0x0840_0000 | p << 24 | u << 23 | (load ? 1 << 20 : 0) | base << 16 | list);
    }

    /** MRS Rd, APSR; MSR APSR_{nzcvq,g,nzcvqg}, Rn or #imm (never the control or extension fields). */
    private void status() {
        int mask = 1 + random.nextInt(3);   // bits 19:18: 10 nzcvq, 01 g
        switch (random.nextInt(3)) {
            case 0 -> emit(cond() | 0x010F_0000 | dest() << 12);
            case 1 -> emit(cond() | 0x0120_F000 | mask << 18 | reg());
            default -> emit(cond() | 0x0320_F000 | mask << 18 | random.nextInt(0x1000));
        }
    }

    // ---- loads and stores -----------------------------------------------------------------------

    /** LDR STR LDRB STRB (and the T forms), immediate or shifted-register offset (ARM ARM A5.3). */
    private void loadStore() {
        boolean load = random.nextBoolean();
        boolean byteSized = random.nextBoolean();
        int size = byteSized ? 1 : 4;
        int p = random.nextInt(3) == 0 ? 0 : 1;                 // P = 0: post-indexed
        int wbit = random.nextInt(3) == 0 && (p == 1 || !hyp) ? 1 : 0;   // P = 0, W = 1: LDRT and friends
        boolean writeback = p == 0 || wbit == 1;
        int u = random.nextBoolean() ? 1 : 0;
        int offset = byteSized ? aligned(255, 1) : unaligned ? unalignedOffset(4) : aligned(508, 4);
        if (unaligned && !byteSized && offset < 4 && random.nextBoolean()) {
            u = 0;   // base - 1..3: the word straddles the page boundary at the window's middle
        }
        int rt = load ? dest() : writeback ? notBase() : reg();
        if (!load && !byteSized && random.nextInt(16) == 0) {
            rt = 15;   // STR PC stores PCStoreValue(), the address + 8 (ARM ARM A8.8.204)
        }
        int cond = cond();
        int w = 0x0400_0000 | p << 24 | u << 23 | (byteSized ? 1 << 22 : 0) | wbit << 21 | (load ? 1 << 20 : 0)
                | base << 16 | rt << 12;
        if (random.nextBoolean()) {
            emit(cond | w | offset);
        } else {
            int rm = indexRegister(rt, -1);
            int[] shift = shiftFor(offset);   // {type, imm5, value}
            setRegister(rm, shift[2]);
            emit(cond | w | 1 << 25 | shift[1] << 7 | shift[0] << 5 | rm);
        }
        restoreBase(cond, writeback, u == 1 ? offset : -offset);
    }

    /** LDRH STRH LDRSB LDRSH LDRD STRD (and LDRHT STRHT LDRSBT LDRSHT), A5.2.8. */
    private void loadStoreExtra() {
        int which = random.nextInt(6);   // 0 STRH, 1 LDRH, 2 LDRSB, 3 LDRSH, 4 LDRD, 5 STRD
        boolean load = which >= 1 && which <= 4;
        boolean dual = which >= 4;
        int op2 = new int[] {0b01, 0b01, 0b10, 0b11, 0b10, 0b11}[which];
        int lBit = which >= 1 && which <= 3 ? 1 : 0;           // LDRD/STRD have L = 0
        int size = dual ? 4 : which == 2 ? 1 : 2;
        int p = random.nextInt(3) == 0 ? 0 : 1;
        int wbit = random.nextInt(3) == 0 && !((dual || hyp) && p == 0) ? 1 : 0;   // no LDRDT; no LDRHT in Hyp
        boolean writeback = p == 0 || wbit == 1;
        int u = random.nextBoolean() ? 1 : 0;
        int offset = size == 2 && unaligned ? unalignedOffset(2) : aligned(dual ? 252 : 255, size);
        if (size == 2 && unaligned && offset < 2 && random.nextBoolean()) {
            u = 0;   // base - 1: the halfword straddles the page boundary
        }
        int rt;
        if (dual) {
            do {
                rt = 2 * random.nextInt(7);                     // even, not R14
            } while ((load || writeback) && (rt == base || rt + 1 == base));
        } else {
            rt = load ? dest() : writeback ? notBase() : reg();
        }
        int cond = cond();
        int w = 0x0000_0090 | p << 24 | u << 23 | wbit << 21 | lBit << 20 | base << 16 | rt << 12 | op2 << 5;
        if (random.nextBoolean()) {
            emit(cond | w | 1 << 22 | (offset >>> 4) << 8 | (offset & 0xF));
        } else {
            int rm = indexRegister(rt, dual ? rt + 1 : -1);
            setRegister(rm, offset);
            emit(cond | w | rm);
        }
        restoreBase(cond, writeback, u == 1 ? offset : -offset);
    }

    /** LDM/STM IA IB DA DB with and without write-back; never the PC, never ^. */
    private void loadStoreMultiple() {
        boolean load = random.nextBoolean();
        int p = random.nextInt(2), u = random.nextInt(2), wbit = random.nextInt(2);
        int list = 0;
        while (list == 0) {
            list = random.nextInt(1 << 15) & random.nextInt(1 << 15) | 1 << random.nextInt(15);
            if (load || wbit == 1) {
                list &= ~(1 << base);
            }
        }
        if (!load && random.nextInt(8) == 0) {
            list |= 1 << 15;   // STM stores PCStoreValue() for the PC (ARM ARM A8.8.199)
        }
        int cond = cond();
        emit(cond | 0x0800_0000 | p << 24 | u << 23 | wbit << 21 | (load ? 1 << 20 : 0) | base << 16 | list);
        int bytes = 4 * Integer.bitCount(list);
        restoreBase(cond, wbit == 1, u == 1 ? bytes : -bytes);
    }

    /**
     * PC-relative loads (LDR, LDRB, LDRH, LDRSB, LDRSH, LDRD (literal)): forwards only, so they
     * read this program's code and data (the same bytes in both runs), never below it.
     */
    private void literal() {
        int which = random.nextInt(6);   // LDR LDRB LDRH LDRSB LDRSH LDRD
        if (which < 2) {
            int offset = aligned(4088, which == 0 ? 4 : 1);
            emit(cond() | 0x059F_0000 | (which == 1 ? 1 << 22 : 0) | dest() << 12 | offset);
            return;
        }
        int size = which == 2 || which == 4 ? 2 : which == 3 ? 1 : 4;
        int offset = aligned(248, size);
        int op2 = new int[] {0b01, 0b10, 0b11, 0b10}[which - 2];
        int lBit = which == 5 ? 0 : 1;
        int rt;
        if (which == 5) {
            do {
                rt = 2 * random.nextInt(7);
            } while (rt == base || rt + 1 == base);
        } else {
            rt = dest();
        }
        emit(cond() | 0x01CF_0090 | lBit << 20 | rt << 12 | (offset >>> 4) << 8 | op2 << 5 | (offset & 0xF));
    }

    /** After a write-back of {@code delta}: SUB/ADD base, base, #|delta| under the same condition. */
    private void restoreBase(int cond, boolean writeback, int delta) {
        if (!writeback || delta == 0) {
            return;
        }
        int opcode = delta > 0 ? 0b0010 : 0b0100;   // SUB : ADD
        emit(cond | 1 << 25 | opcode << 21 | base << 16 | base << 12 | modifiedImmediate(Math.abs(delta)));
    }

    /** The 12-bit modified immediate for {@code value} (which must have one). */
    static int modifiedImmediate(int value) {
        for (int rot = 0; rot < 16; rot++) {
            int imm8 = Integer.rotateLeft(value, 2 * rot);
            if ((imm8 & ~0xFF) == 0) {
                return rot << 8 | imm8;
            }
        }
        throw new IllegalArgumentException("no modified immediate for " + value);
    }

    /** An index register: not the base, not Rt, not Rt2. */
    private int indexRegister(int rt, int rt2) {
        int rm;
        do {
            rm = reg();
        } while (rm == base || rm == rt || rm == rt2);
        return rm;
    }

    /** MOVW (and MOVT) rm, #value, unconditionally. */
    private void setRegister(int rm, int value) {
        emit(AL << 28 | 0x0300_0000 | (value >>> 12 & 0xF) << 16 | rm << 12 | (value & 0xFFF));
        int high = value >>> 16;
        if (high != 0) {
            emit(AL << 28 | 0x0340_0000 | (high >>> 12) << 16 | rm << 12 | (high & 0xFFF));
        }
    }

    /**
     * A shift of a register value that yields {@code offset}: {type, imm5, register value}. Every
     * type but RRX (which depends on the carry flag); LSR/ASR #32 (imm5 = 0) only for offset 0.
     */
    private int[] shiftFor(int offset) {
        while (true) {
            int type = random.nextInt(4);
            int imm5 = random.nextInt(32);
            switch (type) {
                case 0 -> {   // LSL
                    if (Integer.numberOfTrailingZeros(offset) >= imm5 || offset == 0) {
                        return new int[] {0, imm5, offset >>> imm5};
                    }
                }
                case 1, 2 -> {   // LSR, ASR
                    if (imm5 == 0) {
                        if (offset == 0) {
                            return new int[] {type, 0, random.nextInt() >>> 1};
                        }
                    } else if (imm5 <= 22) {
                        return new int[] {type, imm5, offset << imm5};
                    }
                }
                default -> {   // ROR (imm5 = 0 would be RRX)
                    if (imm5 != 0) {
                        return new int[] {3, imm5, Integer.rotateLeft(offset, imm5)};
                    }
                }
            }
        }
    }

    private int aligned(int max, int size) {
        return random.nextInt(max / size + 1) * size;
    }

    /**
     * An offset for a word or halfword access where unaligned ones are allowed: a quarter of them
     * within a size of the base (so that with U = 0 they straddle the window's middle), the rest
     * 0-255, every alignment (255 at most: the write-back's ADD/SUB needs a modified immediate).
     */
    private int unalignedOffset(int size) {
        return random.nextInt(4) == 0 ? random.nextInt(size) : random.nextInt(256);
    }

    // ---- registers and conditions -------------------------------------------------------------

    /** Half the instructions always execute; the rest get a random condition (never 1111). */
    private int cond() {
        return (random.nextBoolean() ? AL : random.nextInt(15)) << 28;
    }

    /** Any of R0-R14. */
    private int reg() {
        return random.nextInt(15);
    }

    /** A source operand where R15 is defined: R15 one time in {@code oneIn}, if oneIn > 0. */
    private int operand(int oneIn) {
        return oneIn > 0 && random.nextInt(oneIn) == 0 ? 15 : reg();
    }

    private int notBase() {
        int r;
        do {
            r = reg();
        } while (r == base);
        return r;
    }

    /** A destination: any of R0-R14 but the base. */
    private int dest() {
        return notBase();
    }

    /** Two different destinations, neither the base: {RdHi, RdLo}. */
    private int[] destPair() {
        int hi = dest(), lo;
        do {
            lo = dest();
        } while (lo == hi);
        return new int[] {hi, lo};
    }

    private void emit(int word) {
        out.add(word);
    }
}
