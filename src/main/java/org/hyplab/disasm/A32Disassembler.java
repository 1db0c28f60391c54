package org.hyplab.disasm;

/**
 * The A32 (ARM state) disassembler of the Cortex-A15 as HypLab models it: ARMv7-A with the
 * Security, Multiprocessing and Virtualization Extensions and integer divide, VFPv4-D32 and
 * Advanced SIMD v1 with half-precision conversion and fused multiply-add. Start reading here.
 *
 * <p>The text is what GNU objdump 2.40 prints for the word ({@code objdump -b binary -m armv7}),
 * without its comments ({@code @ 0x...}) and symbol annotations: the mnemonic with condition and
 * {@code s} suffix, a TAB, the operands. Branch targets are absolute ({@code bl\t0x1000}). A word
 * that is no instruction prints as {@code <UNDEFINED> instruction: 0x%08x}.
 *
 * <p>objdump {@code -m armv7} still decodes some instructions of later architectures (ARMv8
 * floating point and Advanced SIMD, a few core instructions). The Cortex-A15 takes the Undefined
 * Instruction exception on them; HypLab prints them as objdump does followed by its one comment,
 * a TAB and a note such as {@code @ ARMv8: not on Cortex-A15} ({@link Rule#later}).
 *
 * <p>Decoding tries the encoding tables in the order objdump does, since some encodings are
 * claimed by more than one row and the first one wins:
 * <ol>
 *   <li>coprocessor-space instructions with a specific meaning: VFP ({@link Vfp}, and
 *       {@link Armv8FloatingPoint} around it) and the FPA and Maverick coprocessors
 *       ({@link LegacyCoprocessors});</li>
 *   <li>Advanced SIMD ({@link AdvancedSimd}, with {@link Armv8AdvancedSimd});</li>
 *   <li>the generic coprocessor instructions ({@link Coprocessor});</li>
 *   <li>the core instructions: {@link Armv8Core}, {@link Branch}, {@link Miscellaneous},
 *       {@link Multiply}, {@link Media}, {@link LoadStore}, {@link StatusRegister},
 *       {@link DataProcessing}, {@link BlockTransfer}.</li>
 * </ol>
 * Where core groups overlap, their order in {@code CORE} settles it as objdump does: the hints
 * before MSR (immediate), the extra loads and stores before the ALU rows, MRS/MSR before the
 * comparisons (which share their opcodes with S clear). In the unconditional space (cond = 1111,
 * ARM ARM A5.7) a row matches only if it spells out those four bits itself. The class is
 * stateless and thread-safe; no word throws.
 */
public final class A32Disassembler {

    private A32Disassembler() {
    }

    private static final Table COPROCESSOR_SPACE = new Table(
        LegacyCoprocessors.FPA, Armv8FloatingPoint.TRANSFERS, Vfp.RULES,
        LegacyCoprocessors.MAVERICK_RULES, Vfp.FUSED, Armv8FloatingPoint.DATA_PROCESSING);

    private static final Table ADVANCED_SIMD = new Table(AdvancedSimd.RULES);

    private static final Table CORE = new Table(
        Armv8Core.RULES, Branch.RULES, Miscellaneous.RULES, Multiply.RULES, LoadStore.EXTRA,
        Media.RULES, LoadStore.RULES, DataProcessing.FIRST, DataProcessing.ARITHMETIC,
        StatusRegister.RULES, DataProcessing.REST, LoadStore.LOADS, BlockTransfer.RULES);

    /**
     * MSR-immediate encodings with no fields and SBO bits clear: a hint with an unpredictable
     * form. A table, so that it leaves the unconditional space (cond = 1111) alone.
     */
    private static final Table UNPREDICTABLE_HINT = new Table(new Rule[] {
        Rule.of(0x03200000, 0x0fff00ff, "nop{c}\t{{{d:0-7}}}")});

    /**
     * The text objdump prints for {@code word} at {@code address}, without objdump's comments
     * (with HypLab's note on an instruction the Cortex-A15 does not have).
     *
     * @param word    the instruction, as read little-endian from memory
     * @param address where it is; branch targets are relative to it
     */
    public static String disassemble(int word, int address) {
        String text = COPROCESSOR_SPACE.decode(word, address);
        if (text != null) {
            return text;
        }
        Rule simd = ADVANCED_SIMD.match(word);
        if (simd != null) {
            text = simd.print(word, address);
            return text != null ? text : undefined(word);
        }
        text = Coprocessor.decode(word, address);
        if (text == null) {
            text = CORE.decode(word, address);
        }
        if (text == null) {
            text = UNPREDICTABLE_HINT.decode(word, address);
        }
        return text != null ? text : undefined(word);
    }

    static String undefined(int word) {
        return String.format("<UNDEFINED> instruction: 0x%08x", word);
    }
}
