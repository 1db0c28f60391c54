package org.hyplab.disasm;

/**
 * Single loads and stores: word and unsigned byte (LDR, STR, LDRB, STRB and their T forms),
 * the extra loads and stores (halfword, signed byte, doubleword), the exclusives and SWP.
 * ARM ARM A5.3 (load/store word and unsigned byte), A5.2.8 (extra load/store instructions),
 * A5.2.9 (extra load/store instructions, unprivileged), A5.2.10 (synchronization primitives).
 */
final class LoadStore {

    private LoadStore() {
    }

    /** Tried after the multiplies and before the ALU rows, whose encoding space A5.2.8-A5.2.10 share. */
    static final Rule[] EXTRA = {
        Rule.of(0x01000090, 0x0fb00ff0, "swp{22:/b}{c}\t{r:12}, {r:0}, [{r:16}]"),
        // Unprivileged halfword/signed forms (A5.2.9).
        Rule.of(0x002000b0, 0x0f3000f0, "strht{c}\t{r:12}, {addr3}"),
        Rule.of(0x00300090, 0x0f3000f0, "{undefined}"),
        Rule.of(0x00300090, 0x0f300090, "ldr{6:/s}{5:b/h}t{c}\t{r:12}, {addr3}"),
        // Exclusives (A5.2.10).
        Rule.of(0x01d00f9f, 0x0ff00fff, "ldrexb{c}\t{r:12}, [{r:16}]"),
        Rule.of(0x01b00f9f, 0x0ff00fff, "ldrexd{c}\t{r:12}, [{r:16}]"),
        Rule.of(0x01f00f9f, 0x0ff00fff, "ldrexh{c}\t{r:12}, [{r:16}]"),
        Rule.of(0x01c00f90, 0x0ff00ff0, "strexb{c}\t{r:12}, {r:0}, [{r:16}]"),
        Rule.of(0x01a00f90, 0x0ff00ff0, "strexd{c}\t{r:12}, {r:0}, [{r:16}]"),
        Rule.of(0x01e00f90, 0x0ff00ff0, "strexh{c}\t{r:12}, {r:0}, [{r:16}]"),
        Rule.of(0x01900f9f, 0x0ff00fff, "ldrex{c}\tr{d:12-15}, [{r:16}]"),
        Rule.of(0x01800f90, 0x0ff00ff0, "strex{c}\t{r:12}, {r:0}, [{r:16}]"),
    };

    /** After the multiplies and media rules: the doubleword forms, words, bytes, halfwords. */
    static final Rule[] RULES = {
        Rule.of(0x000000d0, 0x0e1000f0, "ldrd{c}\t{r:12}, {addr3}"),
        Rule.of(0x000000f0, 0x0e1000f0, "strd{c}\t{r:12}, {addr3}"),
        // PUSH of one register is STR Rt, [sp, #-4]!.
        Rule.of(0x052d0004, 0x0fff0fff, "push{c}\t{{{r:12}}}"),
        Rule.of(0x04400000, 0x0e500000, "strb{t}{c}\t{r:12}, {addr}"),
        Rule.of(0x04000000, 0x0e500000, "str{t}{c}\t{r:12}, {addr}"),
        Rule.of(0x06400000, 0x0e500ff0, "strb{t}{c}\t{r:12}, {addr}"),
        Rule.of(0x06000000, 0x0e500ff0, "str{t}{c}\t{r:12}, {addr}"),
        Rule.of(0x04400000, 0x0c500010, "strb{t}{c}\t{r:12}, {addr}"),
        Rule.of(0x04000000, 0x0c500010, "str{t}{c}\t{r:12}, {addr}"),
        // Extra loads and stores (A5.2.8): bits 6:5 select halfword, signed byte, signed halfword.
        Rule.of(0x004000b0, 0x0e5000f0, "strh{c}\t{r:12}, {addr3}"),
        Rule.of(0x000000b0, 0x0e500ff0, "strh{c}\t{r:12}, {addr3}"),
        Rule.of(0x00500090, 0x0e5000f0, "{undefined}"),
        Rule.of(0x00500090, 0x0e500090, "ldr{6:/s}{5:b/h}{c}\t{r:12}, {addr3}"),
        Rule.of(0x00100090, 0x0e500ff0, "{undefined}"),
        Rule.of(0x00100090, 0x0e500f90, "ldr{6:/s}{5:b/h}{c}\t{r:12}, {addr3}"),
    };

    /** Loads of words and bytes; bit 4 set in the register form is the media space (A5.4). */
    static final Rule[] LOADS = {
        Rule.of(0x06000010, 0x0e000010, "{undefined}"),
        // POP of one register is LDR Rt, [sp], #4.
        Rule.of(0x049d0004, 0x0fff0fff, "pop{c}\t{{{r:12}}}"),
        Rule.of(0x04500000, 0x0c500000, "ldrb{t}{c}\t{r:12}, {addr}"),
        Rule.of(0x04300000, 0x0d700000, "ldrt{c}\t{r:12}, {addr}"),
        Rule.of(0x04100000, 0x0c500000, "ldr{c}\t{r:12}, {addr}"),
    };
}
