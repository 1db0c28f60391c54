package org.hyplab.disasm;

import java.util.ArrayList;
import java.util.List;

/**
 * Media instructions: parallel addition and subtraction, packing, extension with rotation,
 * byte reversal, saturation, select, bit-field operations.
 * ARM ARM A5.4 (media instructions): A5.4.1 parallel signed / A5.4.2 unsigned arithmetic,
 * A5.4.3 packing, unpacking, saturation and reversal, A5.4 bit-field rows (BFC, BFI, SBFX, UBFX).
 */
final class Media {

    private Media() {
    }

    /** A5.4.1/A5.4.2: prefix by op1 (bits 22:20) and operation by op2 (bits 7:5). */
    private static final String[][] PARALLEL_PREFIXES = {
        {"q", "2"}, {"s", "1"}, {"sh", "3"}, {"u", "5"}, {"uh", "7"}, {"uq", "6"}};
    private static final String[][] PARALLEL_OPS = {
        {"add16", "0"}, {"add8", "4"}, {"asx", "1"}, {"sub16", "3"}, {"sub8", "7"}, {"sax", "2"}};

    /** A5.4.3 extend-and-add: op1 (bits 22:20), Rn == 1111 giving the plain extend. */
    private static final String[][] EXTENDS = {
        {"sxtb16", "0"}, {"sxtb", "2"}, {"sxth", "3"}, {"uxtb16", "4"}, {"uxtb", "6"}, {"uxth", "7"}};

    private static final String ROTATION = "{10-11:/, ror #8/, ror #16/, ror #24}";

    static final Rule[] RULES = build();

    private static Rule[] build() {
        List<Rule> rules = new ArrayList<>(List.of(
            Rule.of(0x07c0001f, 0x0fe0007f, "bfc{c}\t{r:12}, {bitfield}"),
            Rule.of(0x07c00010, 0x0fe00070, "bfi{c}\t{r:12}, {r:0}, {bitfield}"),
            Rule.of(0x06ff0f30, 0x0fff0ff0, "rbit{c}\t{r:12}, {r:0}"),
            Rule.of(0x07a00050, 0x0fa00070, "{22:s/u}bfx{c}\t{r:12}, {r:0}, #{d:7-11}, #{d+1:16-20}"),
            Rule.of(0x06800010, 0x0ff00ff0, "pkhbt{c}\t{r:12}, {r:16}, {r:0}"),
            Rule.of(0x06800010, 0x0ff00070, "pkhbt{c}\t{r:12}, {r:16}, {r:0}, lsl #{d:7-11}"),
            Rule.of(0x06800050, 0x0ff00ff0, "pkhtb{c}\t{r:12}, {r:16}, {r:0}, asr #32"),
            Rule.of(0x06800050, 0x0ff00070, "pkhtb{c}\t{r:12}, {r:16}, {r:0}, asr #{d:7-11}")));
        for (String[] prefix : PARALLEL_PREFIXES) {
            for (String[] op : PARALLEL_OPS) {
                int value = 0x06000f10 | Integer.parseInt(prefix[1]) << 20 | Integer.parseInt(op[1]) << 5;
                rules.add(Rule.of(value, 0x0ff00ff0, prefix[0] + op[0] + "{c}\t{r:12}, {r:16}, {r:0}"));
            }
        }
        rules.addAll(List.of(
            Rule.of(0x06bf0f30, 0x0fff0ff0, "rev{c}\t{r:12}, {r:0}"),
            Rule.of(0x06bf0fb0, 0x0fff0ff0, "rev16{c}\t{r:12}, {r:0}"),
            Rule.of(0x06ff0fb0, 0x0fff0ff0, "revsh{c}\t{r:12}, {r:0}")));
        for (String[] ext : EXTENDS) {
            int value = 0x068f0070 | Integer.parseInt(ext[1]) << 20;
            rules.add(Rule.of(value, 0x0fff03f0, ext[0] + "{c}\t{r:12}, {r:0}" + ROTATION));
        }
        for (String[] ext : EXTENDS) {
            int value = 0x06800070 | Integer.parseInt(ext[1]) << 20;
            String name = ext[0].substring(0, 3) + "a" + ext[0].substring(3);
            // objdump spells one of these rotations in capitals; HypLab follows it.
            String rotation = name.equals("uxtab16") ? ROTATION.replace("ror #24", "ROR #24") : ROTATION;
            rules.add(Rule.of(value, 0x0ff003f0, name + "{c}\t{r:12}, {r:16}, {r:0}" + rotation));
        }
        rules.addAll(List.of(
            Rule.of(0x06800fb0, 0x0ff00ff0, "sel{c}\t{r:12}, {r:16}, {r:0}"),
            // Saturate (A8.8.193 SSAT, A8.8.252 USAT): SSAT prints sat_imm + 1.
            Rule.of(0x06a00010, 0x0fe00ff0, "ssat{c}\t{r:12}, #{d+1:16-20}, {r:0}"),
            Rule.of(0x06a00010, 0x0fe00070, "ssat{c}\t{r:12}, #{d+1:16-20}, {r:0}, lsl #{d:7-11}"),
            Rule.of(0x06a00050, 0x0fe00070, "ssat{c}\t{r:12}, #{d+1:16-20}, {r:0}, asr #{d:7-11}"),
            Rule.of(0x06a00f30, 0x0ff00ff0, "ssat16{c}\t{r:12}, #{d+1:16-19}, {r:0}"),
            Rule.of(0x06e00010, 0x0fe00ff0, "usat{c}\t{r:12}, #{d:16-20}, {r:0}"),
            Rule.of(0x06e00010, 0x0fe00070, "usat{c}\t{r:12}, #{d:16-20}, {r:0}, lsl #{d:7-11}"),
            Rule.of(0x06e00050, 0x0fe00070, "usat{c}\t{r:12}, #{d:16-20}, {r:0}, asr #{d:7-11}"),
            Rule.of(0x06e00f30, 0x0ff00ff0, "usat16{c}\t{r:12}, #{d:16-19}, {r:0}")));
        return rules.toArray(new Rule[0]);
    }
}
