package org.hyplab.disasm;

/**
 * ARMv8 core instructions that objdump decodes even for ARMv7: HLT, and most of the
 * load-acquire/store-release family (binutils 2.40 tags these rows with a feature bit that
 * {@code -m armv7} enables; STLEX, STLEXD and LDAEXD it does gate, and they print as the ARMv7
 * encodings they fall through to). On the Cortex-A15 these encodings are unallocated (ARM ARM
 * A5.2.10 synchronization primitives, A5.2.12 miscellaneous instructions) and take the Undefined
 * Instruction exception; they print as objdump prints them, with a note ({@link Rule#later}).
 * ARMv8 ARM (ARM DDI 0487), AArch32 base instruction descriptions: HLT, LDA, LDAB, LDAH, LDAEX,
 * LDAEXB, LDAEXH, STL, STLB, STLH, STLEXB, STLEXH. Tried before all other core rows, as objdump
 * does (HLT's word would otherwise match the TST row).
 */
final class Armv8Core {

    private Armv8Core() {
    }

    private static final String V8 = "ARMv8";

    static final Rule[] RULES = {
        Rule.later(V8, 0xe1000070, 0xfff000f0, "hlt\t0x{h:16-19}{h:12-15}{h:8-11}{h:0-3}"),
        Rule.later(V8, 0x01900e9f, 0x0ff00fff, "ldaex{c}\t{r:12}, [{r:16}]"),
        Rule.later(V8, 0x01c00e90, 0x0ff00ff0, "stlexb{c}\t{r:12}, {r:0}, [{r:16}]"),
        Rule.later(V8, 0x01d00e9f, 0x0ff00fff, "ldaexb{c}\t{r:12}, [{r:16}]"),
        Rule.later(V8, 0x01e00e90, 0x0ff00ff0, "stlexh{c}\t{r:12}, {r:0}, [{r:16}]"),
        Rule.later(V8, 0x01f00e9f, 0x0ff00fff, "ldaexh{c}\t{r:12}, [{r:16}]"),
        Rule.later(V8, 0x0180fc90, 0x0ff0fff0, "stl{c}\t{r:0}, [{r:16}]"),
        Rule.later(V8, 0x01900c9f, 0x0ff00fff, "lda{c}\t{r:12}, [{r:16}]"),
        Rule.later(V8, 0x01c0fc90, 0x0ff0fff0, "stlb{c}\t{r:0}, [{r:16}]"),
        Rule.later(V8, 0x01d00c9f, 0x0ff00fff, "ldab{c}\t{r:12}, [{r:16}]"),
        Rule.later(V8, 0x01e0fc90, 0x0ff0fff0, "stlh{c}\t{r:0}, [{r:16}]"),
        Rule.later(V8, 0x01f00c9f, 0x0ff00fff, "ldah{c}\t{r:12}, [{r:16}]"),
    };
}
