package org.hyplab.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generator's own checks: a seed always gives the same blocks, and what it generates is what
 * it means to generate. The second check disassembles 40,000 generated instructions with
 * arm-none-eabi-objdump: none may be UNDEFINED or UNPREDICTABLE to binutils, branch, or write the
 * PC, and every instruction class the harness promises must appear.
 */
class RandomA32Test {

    @Test
    void aSeedAlwaysGivesTheSameBlocks() {
        List<RandomA32.Block> a = RandomSequences.blocks(77, 5_000), b = RandomSequences.blocks(77, 5_000);
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            assertArrayEquals(a.get(i).words(), b.get(i).words());
            assertArrayEquals(a.get(i).regs(), b.get(i).regs());
            assertEquals(a.get(i).baseReg(), b.get(i).baseReg());
        }
    }

    @Test
    void modifiedImmediatesRoundTrip() {
        for (int v : new int[] {0, 1, 255, 256, 508, 1020, 0xFF00_0000, 0xC000_003F}) {
            int imm12 = RandomA32.modifiedImmediate(v);
            assertEquals(v, Integer.rotateRight(imm12 & 0xFF, (imm12 >>> 8) * 2));
        }
    }

    /**
     * Counts, among word loads/stores and LDRH/STRH with an immediate offset ({@code [base, #+/-imm]}
     * forms, A5.3 and A5.2.8), those whose offset is not a multiple of the size, and those
     * (pre-indexed, U = 0, offset below the size) that straddle the window's middle: {unaligned
     * words, straddling words, unaligned halfwords, straddling halfwords}.
     */
    static int[] unalignedAccesses(boolean unaligned) {
        RandomA32 generator = new RandomA32(99, false, unaligned);
        int[] n = new int[4];
        for (int i = 0; i < 1000; i++) {
            for (int w : generator.block(32).words()) {
                boolean pre = (w & 1 << 24) != 0, down = (w & 1 << 23) == 0;
                if ((w & 0x0E40_0000) == 0x0400_0000) {            // LDR/STR (and T forms), immediate
                    int offset = w & 0xFFF;
                    n[0] += offset % 4 != 0 ? 1 : 0;
                    n[1] += pre && down && offset > 0 && offset < 4 ? 1 : 0;
                } else if ((w & 0x0E40_00F0) == 0x0040_00B0) {     // LDRH/STRH (and T forms), immediate
                    int offset = (w >>> 4 & 0xF0) | (w & 0xF);
                    n[2] += offset % 2 != 0 ? 1 : 0;
                    n[3] += pre && down && offset == 1 ? 1 : 0;
                }
            }
        }
        return n;
    }

    @Test
    void withTheMmuOnWordAndHalfwordAccessesAreAlsoUnalignedAndStraddleThePageBoundary() {
        int[] on = unalignedAccesses(true), off = unalignedAccesses(false);
        for (int i = 0; i < 4; i++) {
            assertTrue(on[i] > 10, "too few of kind " + i + ": " + java.util.Arrays.toString(on));
        }
        assertArrayEquals(new int[4], off, "the MMU-off generator must keep every access aligned");
    }

    static final String[] EXPECTED = {"and", "eor", "sub", "rsb", "add", "adc", "sbc", "rsc", "tst", "teq", "cmp",
        "cmn",
        "orr", "mov", "bic", "mvn", "lsl", "lsr", "asr", "ror", "rrx", "movw", "movt", "mul", "mla", "mls", "umull",
        "umlal", "smull", "smlal", "umaal", "smlabb", "smlatt", "smulbt", "smulwb", "smlawt", "smlalbt", "smuad",
        "smladx", "smusd", "smlsd", "smlald", "smlsldx", "smmul", "smmlar", "smmls", "qadd", "qsub", "qdadd", "qdsub",
        "ssat", "usat", "ssat16", "usat16", "sadd16", "qasx", "shsax", "ssub16", "uadd8", "uqsub8", "uhasx", "usub8",
        "sel", "sxtb", "sxth", "sxtb16", "uxtb", "uxth", "uxtb16", "sxtab", "uxtah", "pkhbt", "pkhtb", "rev", "rev16",
        "revsh", "rbit", "clz", "bfc", "bfi", "sbfx", "ubfx", "usad8", "usada8", "sdiv", "udiv", "mrs", "msr", "ldr",
        "str", "ldrb", "strb", "ldrh", "strh", "ldrsb", "ldrsh", "ldrd", "strd", "ldrt", "strt", "ldrbt", "strbt",
        "ldrht", "strht", "ldrsbt", "ldrsht", "ldm", "stm", "ldmib", "stmda", "ldmdb", "setend", "mrs", "msr", "swp",
        "swpb"};

    @Test
    void whatIsGeneratedDisassemblesAsDefinedStraightLineCode(@TempDir Path dir) throws Exception {
        List<RandomA32.Block> blocks = RandomSequences.blocks(4242, 40_000);
        StringBuilder s = new StringBuilder("\t.syntax unified\n\t.arm\n\t.text\n");
        for (RandomA32.Block b : blocks) {
            for (int w : b.words()) {
                s.append(String.format("\t.inst 0x%08x%n", w));
            }
        }
        Files.writeString(dir.resolve("g.S"), s);
        RandomSequences.exec(dir, List.of("arm-none-eabi-as", "-march=armv7ve", "-o", "g.o", "g.S"));
        String listing = RandomSequences.exec(dir, List.of("arm-none-eabi-objdump", "-d", "g.o"));
        Pattern line = Pattern.compile("^\\s*[0-9a-f]+:\\s+([0-9a-f]{8})\\s+(\\S+)\\s*(.*)$");
        List<String> bad = new ArrayList<>();
        List<String> mnemonics = new ArrayList<>();
        int count = 0;
        for (String l : listing.lines().toList()) {
            Matcher m = line.matcher(l);
            if (!m.matches()) {
                continue;
            }
            count++;
            String mnemonic = m.group(2), operands = m.group(3);
            mnemonics.add(mnemonic);
            boolean branch = mnemonic.matches(
                    "b|bl|bx|blx|bxj|b(eq|ne|cs|cc|mi|pl|vs|vc|hi|ls|ge|lt|gt|le)|bl[a-z]{2}");
            boolean undefined = l.contains("UNDEFINED") || l.contains("UNPREDICTABLE") || l.contains("undefined")
                    || mnemonic.startsWith(".") || mnemonic.startsWith("udf");
            boolean writesPc = operands.startsWith("pc,") && !mnemonic.matches("(tst|teq|cmp|cmn|str).*")
                    || operands.matches(".*\\{[^}]*pc[^}]*\\}.*") && !mnemonic.matches("(stm|push).*")
                    || operands.matches("[a-z0-9]+, pc, .*") && mnemonic.matches("(u|s)m(ull|lal).*");
            if (branch || undefined || writesPc) {
                bad.add(l.strip());
            }
        }
        assertTrue(count >= 40_000, "only " + count + " instructions disassembled");
        assertTrue(bad.isEmpty(), bad.size() + " bad instructions, e.g.:\n" + String.join("\n", bad.subList(0,
                Math.min(20, bad.size()))));
        List<String> missing = new ArrayList<>();
        for (String e : EXPECTED) {
            if (mnemonics.stream().noneMatch(m -> m.startsWith(e))) {
                missing.add(e);
            }
        }
        assertTrue(missing.isEmpty(), "never generated: " + missing);
    }
}
