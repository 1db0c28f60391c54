package org.hyplab.disasm;

/**
 * Multiplies, multiply-accumulates and divides.
 * ARM ARM A5.2.5 (multiply and multiply accumulate), A5.2.7 (halfword multiply and multiply
 * accumulate), A5.4.4 (signed multiply, signed and unsigned divide), A5.4.1 (USAD8, USADA8).
 */
final class Multiply {

    private Multiply() {
    }

    static final Rule[] RULES = {
        Rule.of(0x00000090, 0x0fe000f0, "mul{s}{c}\t{r:16}, {r:0}, {r:8}"),
        Rule.of(0x00200090, 0x0fe000f0, "mla{s}{c}\t{r:16}, {r:0}, {r:8}, {r:12}"),
        Rule.of(0x00800090, 0x0fa000f0, "{22:u/s}mull{s}{c}\t{r:12}, {r:16}, {r:0}, {r:8}"),
        Rule.of(0x00a00090, 0x0fa000f0, "{22:u/s}mlal{s}{c}\t{r:12}, {r:16}, {r:0}, {r:8}"),
        // Integer divide extension (A8.8.165 SDIV, A8.8.248 UDIV).
        Rule.of(0x0710f010, 0x0ff0f0f0, "sdiv{c}\t{r:16}, {r:0}, {r:8}"),
        Rule.of(0x0730f010, 0x0ff0f0f0, "udiv{c}\t{r:16}, {r:0}, {r:8}"),
        Rule.of(0x00600090, 0x0ff000f0, "mls{c}\t{r:16}, {r:0}, {r:8}, {r:12}"),
        // Signed multiplies (A5.4.4); X (bit 5) swaps the halves of Rm, R (bit 5) rounds.
        Rule.of(0x0700f010, 0x0ff0f0d0, "smuad{5:/x}{c}\t{r:16}, {r:0}, {r:8}"),
        Rule.of(0x0700f050, 0x0ff0f0d0, "smusd{5:/x}{c}\t{r:16}, {r:0}, {r:8}"),
        Rule.of(0x07000010, 0x0ff000d0, "smlad{5:/x}{c}\t{r:16}, {r:0}, {r:8}, {r:12}"),
        Rule.of(0x07400010, 0x0ff000d0, "smlald{5:/x}{c}\t{r:12}, {r:16}, {r:0}, {r:8}"),
        Rule.of(0x07000050, 0x0ff000d0, "smlsd{5:/x}{c}\t{r:16}, {r:0}, {r:8}, {r:12}"),
        Rule.of(0x07400050, 0x0ff000d0, "smlsld{5:/x}{c}\t{r:12}, {r:16}, {r:0}, {r:8}"),
        Rule.of(0x0750f010, 0x0ff0f0d0, "smmul{5:/r}{c}\t{r:16}, {r:0}, {r:8}"),
        Rule.of(0x07500010, 0x0ff000d0, "smmla{5:/r}{c}\t{r:16}, {r:0}, {r:8}, {r:12}"),
        Rule.of(0x075000d0, 0x0ff000d0, "smmls{5:/r}{c}\t{r:16}, {r:0}, {r:8}, {r:12}"),
        Rule.of(0x00400090, 0x0ff000f0, "umaal{c}\t{r:12}, {r:16}, {r:0}, {r:8}"),
        Rule.of(0x0780f010, 0x0ff0f0f0, "usad8{c}\t{r:16}, {r:0}, {r:8}"),
        Rule.of(0x07800010, 0x0ff000f0, "usada8{c}\t{r:16}, {r:0}, {r:8}, {r:12}"),
        // Halfword multiplies (A5.2.7): bits 6:5 pick the bottom/top halves.
        Rule.of(0x01000080, 0x0ff00090, "smla{5:b/t}{6:b/t}{c}\t{r:16}, {r:0}, {r:8}, {r:12}"),
        Rule.of(0x01200080, 0x0ff000b0, "smlaw{6:b/t}{c}\t{r:16}, {r:0}, {r:8}, {r:12}"),
        Rule.of(0x01400080, 0x0ff00090, "smlal{5:b/t}{6:b/t}{c}\t{r:12}, {r:16}, {r:0}, {r:8}"),
        Rule.of(0x01600080, 0x0ff0f090, "smul{5:b/t}{6:b/t}{c}\t{r:16}, {r:0}, {r:8}"),
        Rule.of(0x012000a0, 0x0ff0f0b0, "smulw{6:b/t}{c}\t{r:16}, {r:0}, {r:8}"),
    };
}
