package org.hyplab.disasm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HypLab's disassembler against GNU objdump, the oracle: every instruction of the ARM programs
 * the build produced, and a seeded random sample of 10^6 words.
 *
 * <p>The oracle is {@code arm-none-eabi-objdump} (binutils 2.40) with {@code -m armv7}. Why:
 * objdump takes the architecture from {@code -m}; without it, an object file assembled with
 * {@code -march=armv7ve -mfpu=neon-vfpv4} still disassembles as "any architecture" (its
 * attributes do not narrow the machine), so CRC32, SEVL, HLT etc. would be decoded.
 * {@code armv7} is objdump's machine for the whole ARMv7 family; binutils gives it its most
 * featureful member, ARMv7-A with the Virtualization Extensions (and so Security,
 * Multiprocessing, integer divide) — the Cortex-A15's architecture. It rejects the ARMv8 core
 * instructions as an ARMv7 processor does (CRC32 prints as the TST it falls through to, SEVL as
 * {@code nop {5}}). What it cannot do is reject ARMv8 floating point and SIMD: binutils adds
 * every FP/SIMD extension to every architecture and does not feature-check Advanced SIMD rows
 * (and tags a few core rows, LDA/STL and HLT, with feature bits armv7 has). HypLab prints those
 * words as objdump does, followed by a note ({@code @ ARMv8: not on Cortex-A15}) that the
 * comparison drops as it drops objdump's own comments. Any difference kept on purpose must be
 * listed, with its reason, in tests/resources/.../known-differences.txt.
 *
 * <p>Each comparison must agree on at least 99.9% of the words objdump decodes, counting
 * every difference (known or not); a difference no known class covers fails the test anyway.
 * The random words are disassembled from a raw file ({@code -D -b binary}, addresses from 0),
 * the programs from their ELF files ({@code -d}: objdump's mapping symbols tell code from
 * literal pools). objdump runs once per file, never once per word.
 */
class DisassemblerObjdumpIT {

    private static final String OBJDUMP = "arm-none-eabi-objdump";
    private static final long SEED = 0x4879704c6162L; // "HypLab"
    private static final int SAMPLE = 1_000_000;
    private static final double REQUIRED = 0.999;

    /** One disassembled line of objdump: address, word, text after the word. */
    private static final Pattern LINE = Pattern.compile("^\\s*([0-9a-f]+):\\t([0-9a-f]{8}) \\t(.*)$");
    private static final Pattern UNDEFINED = Pattern.compile("<UNDEFINED> instruction: 0x[0-9a-f]+");
    /** An address followed by its symbol, as in ELF mode: "8001002c <park>". */
    private static final Pattern SYMBOL = Pattern.compile("\\b([0-9a-f]+) <[^>]*>");
    private static final Pattern BRANCH = Pattern.compile("^(bl?x?(eq|ne|cs|cc|mi|pl|vs|vc|hi|ls|ge|lt|gt|le)?) ([0-9a-f]+)$");

    @TempDir
    Path tmp;

    @Test
    void randomWordsAgreeWithObjdump() throws Exception {
        int[] words = new int[SAMPLE];
        Random random = new Random(SEED);
        for (int i = 0; i < SAMPLE; i++) {
            words[i] = random.nextInt();
        }
        ByteBuffer bytes = ByteBuffer.allocate(4 * SAMPLE).order(ByteOrder.LITTLE_ENDIAN);
        for (int w : words) {
            bytes.putInt(w);
        }
        Path file = tmp.resolve("random.bin");
        Files.write(file, bytes.array());

        Tally tally = new Tally("random sample of " + SAMPLE + " words, seed 0x" + Long.toHexString(SEED));
        objdump(List.of("-D", "-b", "binary", "-m", "armv7", "-w", file.toString()), (address, word, text) -> {
            assertEquals(words[address / 4], word, "objdump read the file differently at " + address);
            tally.compare(word, address, text);
        });
        assertEquals(SAMPLE, tally.total, "objdump printed a line per word");
        tally.check();
    }

    @Test
    void builtProgramsAgreeWithObjdump() throws Exception {
        Path armDir = Path.of(System.getProperty("hyplab.arm.dir", "target/arm"));
        List<Path> programs;
        try (Stream<Path> files = Files.walk(armDir)) {
            programs = files.filter(p -> p.toString().endsWith(".elf")).sorted().toList();
        }
        assertFalse(programs.isEmpty(), "no ARM programs under " + armDir);
        Tally tally = new Tally("built programs " + programs.stream().map(p -> armDir.relativize(p).toString()).toList());
        for (Path program : programs) {
            objdump(List.of("-d", "-m", "armv7", "-w", program.toString()), (address, word, text) -> {
                if (!text.startsWith(".")) { // .word/.short/.byte: data in a literal pool
                    tally.compare(word, address, text);
                }
            });
        }
        assertTrue(tally.total > 0, "no instructions found in " + programs);
        tally.check();
    }

    // ---- normalisation ----------------------------------------------------------------------

    /**
     * objdump's text made comparable: an undefined word becomes its {@code <UNDEFINED>} marker;
     * otherwise the comment ({@code @ ...}) and symbol annotations ({@code <main+0x4>}) go, a
     * branch target printed against a symbol gets its 0x back, and white space is collapsed.
     */
    static String normaliseObjdump(String text) {
        Matcher undefined = UNDEFINED.matcher(text);
        if (undefined.find()) {
            return undefined.group();
        }
        text = collapse(SYMBOL.matcher(withoutComment(text)).replaceAll("$1"));
        Matcher branch = BRANCH.matcher(text);
        return branch.matches() ? branch.group(1) + " 0x" + branch.group(3) : text;
    }

    /**
     * HypLab's text made comparable: its one kind of comment, the note after an instruction the
     * Cortex-A15 does not have ({@code @ ARMv8: not on Cortex-A15}), goes as objdump's do, and
     * white space is collapsed.
     */
    static String normaliseHypLab(String text) {
        return collapse(withoutComment(text));
    }

    /** The text before an ARM assembler comment ({@code @} to the end of the line). */
    static String withoutComment(String text) {
        int comment = text.indexOf('@');
        return comment >= 0 ? text.substring(0, comment) : text;
    }

    static String collapse(String text) {
        return String.join(" ", text.trim().split("\\s+"));
    }

    // ---- running objdump --------------------------------------------------------------------

    interface LineHandler {
        void line(int address, int word, String text);
    }

    private static void objdump(List<String> args, LineHandler handler) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(OBJDUMP);
        command.addAll(args);
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                Matcher m = LINE.matcher(line);
                if (m.matches()) {
                    handler.line((int) Long.parseLong(m.group(1), 16), (int) Long.parseLong(m.group(2), 16), m.group(3));
                }
            }
        }
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "objdump did not finish");
        assertEquals(0, process.exitValue(), "objdump failed: " + command);
    }

    // ---- the known differences and the tally -----------------------------------------------

    record KnownDifference(String id, Pattern objdump, Pattern hyplab, String reason) {
        boolean covers(String objdumpText, String hyplabText) {
            return objdump.matcher(objdumpText).find() && hyplab.matcher(hyplabText).find();
        }
    }

    static List<KnownDifference> knownDifferences() {
        List<KnownDifference> list = new ArrayList<>();
        try (InputStream in = DisassemblerObjdumpIT.class.getResourceAsStream("known-differences.txt")) {
            if (in == null) {
                throw new IllegalStateException("known-differences.txt is missing");
            }
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split(" \\| ");
                if (f.length != 4) {
                    throw new IllegalStateException("known-differences.txt: not 4 fields: " + line);
                }
                list.add(new KnownDifference(f[0].trim(), Pattern.compile(f[1].trim()), Pattern.compile(f[2].trim()), f[3].trim()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return list;
    }

    /** Counts agreements, and sorts every difference into a known class or the unexplained list. */
    private static final class Tally {
        final String what;
        final List<KnownDifference> known = knownDifferences();
        final Map<String, Integer> perClass = new LinkedHashMap<>();
        final Map<String, String> examples = new LinkedHashMap<>();
        final List<String> unexplained = new ArrayList<>();
        final long started = System.nanoTime();
        int total;
        int decoded;
        int decodedAgree;
        int known_;

        Tally(String what) {
            this.what = what;
            known.forEach(k -> perClass.put(k.id(), 0));
        }

        void compare(int word, int address, String objdumpText) {
            total++;
            String expected = normaliseObjdump(objdumpText);
            String actual = normaliseHypLab(A32Disassembler.disassemble(word, address));
            boolean isInstruction = !expected.startsWith("<UNDEFINED>");
            if (isInstruction) {
                decoded++;
            }
            if (expected.equals(actual)) {
                if (isInstruction) {
                    decodedAgree++;
                }
                return;
            }
            for (KnownDifference k : known) {
                if (k.covers(expected, actual)) {
                    perClass.merge(k.id(), 1, Integer::sum);
                    examples.putIfAbsent(k.id(), String.format("%08x: objdump '%s', HypLab '%s'", word, expected, actual));
                    known_++;
                    return;
                }
            }
            if (unexplained.size() < 200) {
                unexplained.add(String.format("%08x at 0x%x: objdump '%s' but HypLab '%s'", word, address, expected, actual));
            } else {
                unexplained.set(199, "... and more");
            }
        }

        void check() {
            double raw = decoded == 0 ? 1 : (double) decodedAgree / decoded;
            StringBuilder report = new StringBuilder();
            report.append(String.format("%s: %d words, %d decoded by objdump, %d identical (%.4f%%);%n",
                    what, total, decoded, decodedAgree, 100 * raw));
            report.append(String.format("  known differences: %d words; %.1f s%n",
                    known_, (System.nanoTime() - started) / 1e9));
            perClass.forEach((id, n) -> {
                if (n > 0) {
                    report.append(String.format("  %-22s %7d  e.g. %s%n", id, n, examples.get(id)));
                }
            });
            System.out.print(report);
            assertTrue(unexplained.isEmpty(), unexplained.size() + " differences no known class explains:\n"
                    + String.join("\n", unexplained) + "\n" + report);
            // Raw agreement: every word objdump decodes counts, the known differences included.
            assertTrue(raw >= REQUIRED, "agreement on the words objdump decodes below 99.9%:\n" + report);
        }
    }
}
