package org.hyplab.disasm;

import java.util.ArrayList;
import java.util.List;

/**
 * The FPA floating point coprocessor (coprocessors 1 and 2) and the Cirrus Logic Maverick
 * coprocessor (coprocessors 4, 5 and 6).
 *
 * <p>The Cortex-A15 has neither: on it these words are coprocessor instructions for absent
 * coprocessors and take the Undefined Instruction exception. binutils, however, decodes them with
 * their own mnemonics for every ARM architecture, so HypLab prints them the same way to stay
 * comparable with objdump. Neither is in the ARMv7 ARM; the encodings are those of the FPA10 and
 * EP93xx (MaverickCrunch) manuals as the GNU assembler accepts them.
 */
final class LegacyCoprocessors {

    private LegacyCoprocessors() {
    }

    private static final String[] FPA_CONSTANTS = {"0.0", "1.0", "2.0", "3.0", "4.0", "5.0", "0.5", "10.0"};

    /** Operands only these coprocessors use; see Rule for the template notation. */
    static Rule.Part named(String name) {
        return switch (name) {
            // Precision of an arithmetic operation: bits 19 and 7.
            case "fprec" -> (out, w, a) -> Operands.append(out, switch (w & 0x00080080) {
                case 0 -> "s";
                case 0x80 -> "d";
                case 0x00080000 -> "e";
                default -> "<illegal precision>";
            });
            // Rounding mode: bits 6:5.
            case "fround" -> (out, w, a) -> Operands.append(out, new String[] {"", "p", "m", "z"}[(w >>> 5) & 3]);
            // Precision of a load/store: bits 22 and 15.
            case "fprecls" -> (out, w, a) -> Operands.append(out, switch (w & 0x00408000) {
                case 0 -> "s";
                case 0x8000 -> "d";
                case 0x00400000 -> "e";
                default -> "p";
            });
            // Register count of LFM/SFM: bits 22 and 15.
            case "fcount" -> (out, w, a) -> Operands.append(out, switch (w & 0x00408000) {
                case 0 -> "4";
                case 0x8000 -> "1";
                case 0x00400000 -> "2";
                default -> "3";
            });
            // Fm, or one of eight constants when bit 3 is set.
            case "fpm" -> (out, w, a) -> Operands.append(out,
                    (w & 8) != 0 ? "#" + FPA_CONSTANTS[w & 7] : "f" + (w & 7));
            // MaverickCrunch shift amount: signed 7 bits in bits 7:5 and 3:0.
            case "cfimm" -> (out, w, a) -> {
                int imm = (w & 0xf) | ((w & 0xe0) >>> 1);
                return Operands.append(out, Integer.toString((imm & 0x40) != 0 ? imm - 0x80 : imm));
            };
            default -> null;
        };
    }

    private static final String[] FPA_DYADIC = {
        "adf", "muf", "suf", "rsf", "dvf", "rdf", "pow", "rpw", "rmf", "fml", "fdv", "frd", "pol"};
    private static final String[] FPA_MONADIC = {
        "mvf", "mnf", "abs", "rnd", "sqt", "log", "lgn", "exp",
        "sin", "cos", "tan", "asn", "acs", "atn", "urd", "nrm"};

    static final Rule[] FPA = buildFpa();

    private static Rule[] buildFpa() {
        List<Rule> rules = new ArrayList<>();
        for (int op = 0; op < FPA_DYADIC.length; op++) {
            rules.add(Rule.of(0x0e000100 | op << 20, 0x0ff08f10,
                    FPA_DYADIC[op] + "{c}{fprec}{fround}\tf{d:12-14}, f{d:16-18}, {fpm}"));
        }
        for (int op = 0; op < FPA_MONADIC.length; op++) {
            rules.add(Rule.of(0x0e008100 | op << 20, 0x0ff08f10,
                    FPA_MONADIC[op] + "{c}{fprec}{fround}\tf{d:12-14}, {fpm}"));
        }
        rules.add(Rule.of(0x0e000110, 0x0ff00f1f, "flt{c}{fprec}{fround}\tf{d:16-18}, {r:12}"));
        rules.add(Rule.of(0x0e100110, 0x0fff0f98, "fix{c}{fround}\t{r:12}, f{d:0-2}"));
        String[] statusMoves = {"wfs", "rfs", "wfc", "rfc"};
        for (int i = 0; i < statusMoves.length; i++) {
            rules.add(Rule.of(0x0e200110 + (i << 20), 0x0fff0fff, statusMoves[i] + "{c}\t{r:12}"));
        }
        String[] compares = {"cmf", "cnf", "cmfe", "cnfe"};
        for (int i = 0; i < compares.length; i++) {
            rules.add(Rule.of(0x0e90f110 + (i << 21), 0x0ff8fff0, compares[i] + "{c}\tf{d:16-18}, {fpm}"));
        }
        rules.add(Rule.of(0x0c000100, 0x0e100f00, "stf{c}{fprecls}\tf{d:12-14}, {cpaddr}"));
        rules.add(Rule.of(0x0c100100, 0x0e100f00, "ldf{c}{fprecls}\tf{d:12-14}, {cpaddr}"));
        rules.add(Rule.of(0x0c000200, 0x0e100f00, "sfm{c}\tf{d:12-14}, {fcount}, {cpaddr}"));
        rules.add(Rule.of(0x0c100200, 0x0e100f00, "lfm{c}\tf{d:12-14}, {fcount}, {cpaddr}"));
        return rules.toArray(new Rule[0]);
    }

    /**
     * MaverickCrunch: register files mvf (single), mvd (double), mvfx (32-bit integer),
     * mvdx (64-bit integer), mvax (accumulators), and the status register dspsc.
     * Each row: encoding, mask, mnemonic, operands.
     */
    private static final String[][] MAVERICK = {
        {"0e000450", "0ff00ff0", "cfmvsr", "mvf{d:16-19}, {r:12}"},
        {"0e100450", "0ff00ff0", "cfmvrs", "{r:12}, mvf{d:16-19}"},
        {"0e000410", "0ff00ff0", "cfmvdlr", "mvd{d:16-19}, {r:12}"},
        {"0e100410", "0ff00ff0", "cfmvrdl", "{r:12}, mvd{d:16-19}"},
        {"0e000430", "0ff00ff0", "cfmvdhr", "mvd{d:16-19}, {r:12}"},
        {"0e100430", "0ff00fff", "cfmvrdh", "{r:12}, mvd{d:16-19}"},
        {"0e000510", "0ff00fff", "cfmv64lr", "mvdx{d:16-19}, {r:12}"},
        {"0e100510", "0ff00fff", "cfmvr64l", "{r:12}, mvdx{d:16-19}"},
        {"0e000530", "0ff00fff", "cfmv64hr", "mvdx{d:16-19}, {r:12}"},
        {"0e100530", "0ff00fff", "cfmvr64h", "{r:12}, mvdx{d:16-19}"},
        {"0e200440", "0ff00fff", "cfmval32", "mvax{d:12-15}, mvfx{d:16-19}"},
        {"0e100440", "0ff00fff", "cfmv32al", "mvfx{d:12-15}, mvax{d:16-19}"},
        {"0e200460", "0ff00fff", "cfmvam32", "mvax{d:12-15}, mvfx{d:16-19}"},
        {"0e100460", "0ff00fff", "cfmv32am", "mvfx{d:12-15}, mvax{d:16-19}"},
        {"0e200480", "0ff00fff", "cfmvah32", "mvax{d:12-15}, mvfx{d:16-19}"},
        {"0e100480", "0ff00fff", "cfmv32ah", "mvfx{d:12-15}, mvax{d:16-19}"},
        {"0e2004a0", "0ff00fff", "cfmva32", "mvax{d:12-15}, mvfx{d:16-19}"},
        {"0e1004a0", "0ff00fff", "cfmv32a", "mvfx{d:12-15}, mvax{d:16-19}"},
        {"0e2004c0", "0ff00fff", "cfmva64", "mvax{d:12-15}, mvdx{d:16-19}"},
        {"0e1004c0", "0ff00fff", "cfmv64a", "mvdx{d:12-15}, mvax{d:16-19}"},
        {"0e2004e0", "0fff0fff", "cfmvsc32", "dspsc, mvdx{d:12-15}"},
        {"0e1004e0", "0fff0fff", "cfmv32sc", "mvdx{d:12-15}, dspsc"},
        {"0e000400", "0ff00fff", "cfcpys", "mvf{d:12-15}, mvf{d:16-19}"},
        {"0e000420", "0ff00fff", "cfcpyd", "mvd{d:12-15}, mvd{d:16-19}"},
        {"0e000460", "0ff00fff", "cfcvtsd", "mvd{d:12-15}, mvf{d:16-19}"},
        {"0e000440", "0ff00fff", "cfcvtds", "mvf{d:12-15}, mvd{d:16-19}"},
        {"0e000480", "0ff00fff", "cfcvt32s", "mvf{d:12-15}, mvfx{d:16-19}"},
        {"0e0004a0", "0ff00fff", "cfcvt32d", "mvd{d:12-15}, mvfx{d:16-19}"},
        {"0e0004c0", "0ff00fff", "cfcvt64s", "mvf{d:12-15}, mvdx{d:16-19}"},
        {"0e0004e0", "0ff00fff", "cfcvt64d", "mvd{d:12-15}, mvdx{d:16-19}"},
        {"0e100580", "0ff00fff", "cfcvts32", "mvfx{d:12-15}, mvf{d:16-19}"},
        {"0e1005a0", "0ff00fff", "cfcvtd32", "mvfx{d:12-15}, mvd{d:16-19}"},
        {"0e1005c0", "0ff00fff", "cftruncs32", "mvfx{d:12-15}, mvf{d:16-19}"},
        {"0e1005e0", "0ff00fff", "cftruncd32", "mvfx{d:12-15}, mvd{d:16-19}"},
        {"0e000550", "0ff00ff0", "cfrshl32", "mvfx{d:16-19}, mvfx{d:0-3}, {r:12}"},
        {"0e000570", "0ff00ff0", "cfrshl64", "mvdx{d:16-19}, mvdx{d:0-3}, {r:12}"},
        {"0e000500", "0ff00f10", "cfsh32", "mvfx{d:12-15}, mvfx{d:16-19}, #{cfimm}"},
        {"0e200500", "0ff00f10", "cfsh64", "mvdx{d:12-15}, mvdx{d:16-19}, #{cfimm}"},
        {"0e100490", "0ff00ff0", "cfcmps", "{r:12}, mvf{d:16-19}, mvf{d:0-3}"},
        {"0e1004b0", "0ff00ff0", "cfcmpd", "{r:12}, mvd{d:16-19}, mvd{d:0-3}"},
        {"0e100590", "0ff00ff0", "cfcmp32", "{r:12}, mvfx{d:16-19}, mvfx{d:0-3}"},
        {"0e1005b0", "0ff00ff0", "cfcmp64", "{r:12}, mvdx{d:16-19}, mvdx{d:0-3}"},
        {"0e300400", "0ff00fff", "cfabss", "mvf{d:12-15}, mvf{d:16-19}"},
        {"0e300420", "0ff00fff", "cfabsd", "mvd{d:12-15}, mvd{d:16-19}"},
        {"0e300440", "0ff00fff", "cfnegs", "mvf{d:12-15}, mvf{d:16-19}"},
        {"0e300460", "0ff00fff", "cfnegd", "mvd{d:12-15}, mvd{d:16-19}"},
        {"0e300480", "0ff00ff0", "cfadds", "mvf{d:12-15}, mvf{d:16-19}, mvf{d:0-3}"},
        {"0e3004a0", "0ff00ff0", "cfaddd", "mvd{d:12-15}, mvd{d:16-19}, mvd{d:0-3}"},
        {"0e3004c0", "0ff00ff0", "cfsubs", "mvf{d:12-15}, mvf{d:16-19}, mvf{d:0-3}"},
        {"0e3004e0", "0ff00ff0", "cfsubd", "mvd{d:12-15}, mvd{d:16-19}, mvd{d:0-3}"},
        {"0e100400", "0ff00ff0", "cfmuls", "mvf{d:12-15}, mvf{d:16-19}, mvf{d:0-3}"},
        {"0e100420", "0ff00ff0", "cfmuld", "mvd{d:12-15}, mvd{d:16-19}, mvd{d:0-3}"},
        {"0e300500", "0ff00fff", "cfabs32", "mvfx{d:12-15}, mvfx{d:16-19}"},
        {"0e300520", "0ff00fff", "cfabs64", "mvdx{d:12-15}, mvdx{d:16-19}"},
        {"0e300540", "0ff00fff", "cfneg32", "mvfx{d:12-15}, mvfx{d:16-19}"},
        {"0e300560", "0ff00fff", "cfneg64", "mvdx{d:12-15}, mvdx{d:16-19}"},
        {"0e300580", "0ff00ff0", "cfadd32", "mvfx{d:12-15}, mvfx{d:16-19}, mvfx{d:0-3}"},
        {"0e3005a0", "0ff00ff0", "cfadd64", "mvdx{d:12-15}, mvdx{d:16-19}, mvdx{d:0-3}"},
        {"0e3005c0", "0ff00ff0", "cfsub32", "mvfx{d:12-15}, mvfx{d:16-19}, mvfx{d:0-3}"},
        {"0e3005e0", "0ff00ff0", "cfsub64", "mvdx{d:12-15}, mvdx{d:16-19}, mvdx{d:0-3}"},
        {"0e100500", "0ff00ff0", "cfmul32", "mvfx{d:12-15}, mvfx{d:16-19}, mvfx{d:0-3}"},
        {"0e100520", "0ff00ff0", "cfmul64", "mvdx{d:12-15}, mvdx{d:16-19}, mvdx{d:0-3}"},
        {"0e100540", "0ff00ff0", "cfmac32", "mvfx{d:12-15}, mvfx{d:16-19}, mvfx{d:0-3}"},
        {"0e100560", "0ff00ff0", "cfmsc32", "mvfx{d:12-15}, mvfx{d:16-19}, mvfx{d:0-3}"},
        {"0e000600", "0ff00f10", "cfmadd32", "mvax{d:5-7}, mvfx{d:12-15}, mvfx{d:16-19}, mvfx{d:0-3}"},
        {"0e100600", "0ff00f10", "cfmsub32", "mvax{d:5-7}, mvfx{d:12-15}, mvfx{d:16-19}, mvfx{d:0-3}"},
        {"0e200600", "0ff00f10", "cfmadda32", "mvax{d:5-7}, mvax{d:12-15}, mvfx{d:16-19}, mvfx{d:0-3}"},
        {"0e300600", "0ff00f10", "cfmsuba32", "mvax{d:5-7}, mvax{d:12-15}, mvfx{d:16-19}, mvfx{d:0-3}"},
    };

    static final Rule[] MAVERICK_RULES = buildMaverick();

    private static Rule[] buildMaverick() {
        List<Rule> rules = new ArrayList<>();
        // Loads and stores: coprocessor 4 holds mvf/mvd, coprocessor 5 mvfx/mvdx; bit 22 picks.
        String[][] files = {{"4", "0", "s", "mvf"}, {"4", "1", "d", "mvd"}, {"5", "0", "32", "mvfx"}, {"5", "1", "64", "mvdx"}};
        for (int load = 1; load >= 0; load--) {
            for (String[] f : files) {
                int value = 0x0c000000 | load << 20 | Integer.parseInt(f[1]) << 22 | Integer.parseInt(f[0]) << 8;
                rules.add(Rule.of(value, 0x0e500f00,
                        "cf" + (load == 1 ? "ldr" : "str") + f[2] + "{c}\t" + f[3] + "{d:12-15}, {cpaddr}"));
            }
        }
        for (String[] row : MAVERICK) {
            rules.add(Rule.of(Integer.parseUnsignedInt(row[0], 16), Integer.parseUnsignedInt(row[1], 16),
                    row[2] + "{c}\t" + row[3]));
        }
        return rules.toArray(new Rule[0]);
    }
}
