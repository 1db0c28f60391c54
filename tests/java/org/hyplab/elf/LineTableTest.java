package org.hyplab.elf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;

import org.hyplab.testing.Qemu;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The line tables of the hypervisor, guests and test programs against GNU binutils' reading of
 * the same files: every row as {@code arm-none-eabi-objdump --dwarf=decodedline} decodes it,
 * every lookup as {@code arm-none-eabi-addr2line} answers it (the project's oracle for ELF).
 */
class LineTableTest {

    /** The hypervisor, four guests and three test programs, as the Makefiles build them. */
    private static final List<String> PROGRAMS = List.of("hypervisor.elf", "guests/hello.elf", "guests/pingpong.elf",
            "guests/vgic.elf", "guests/smp.elf", "tests/hypervisor/decode.elf", "tests/vmsa/stage2.elf",
            "baremetal/hello-vexpress.elf");

    private static Path arm(String path) {
        return Qemu.armDir().resolve(path);
    }

    // ---- the oracle ----

    /** A row as objdump prints it: the file's last path component, the line, the address, is_stmt. */
    private record Row(String name, int line, long address, boolean stmt) {
        @Override
        public String toString() {
            return String.format("%08x %s:%d%s", address, name, line, stmt ? " stmt" : "");
        }
    }

    /** One sequence as objdump prints it: its rows, then its end (the row whose line is "-"). */
    private record Sequence(List<Row> rows, long end) {
    }

    private static String run(Path input, String... command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        if (input != null) {
            builder.redirectInput(input.toFile());
        }
        Process p = builder.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), String.join(" ", command) + ": " + out);
        return out;
    }

    /** objdump's decoded line table, wide (-w) so that no file name is cut short. */
    private static List<Sequence> objdump(Path elf) throws Exception {
        List<Sequence> sequences = new ArrayList<>();
        List<Row> rows = new ArrayList<>();
        for (String line : run(null, "arm-none-eabi-objdump", "-w", "--dwarf=decodedline", elf.toString()).lines().toList()) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 3 || !f[1].matches("\\d+|-") || !f[2].matches("0x[0-9a-f]+|0")) {
                continue;                     // headings, "CU: path:" and "path:[++]" lines
            }
            long address = Long.parseLong(f[2].replace("0x", ""), 16);
            if (f[1].equals("-")) {
                sequences.add(new Sequence(rows, address));
                rows = new ArrayList<>();
            } else {
                rows.add(new Row(f[0], Integer.parseInt(f[1]), address, f.length > 3 && f[f.length - 1].equals("x")));
            }
        }
        assertTrue(rows.isEmpty(), elf + ": rows after the last end of sequence");
        return sequences;
    }

    /** addr2line's "path:line" for each address; "?" for the line where it knows none. */
    private static List<String> addr2line(Path elf, List<Long> addresses, Path dir) throws Exception {
        Path input = Files.createTempFile(dir, "addresses", ".txt");
        Files.write(input, addresses.stream().map(Long::toHexString).toList());
        List<String> answers = run(input, "arm-none-eabi-addr2line", "-e", elf.toString()).lines()
                .map(l -> l.replaceFirst(" \\(discriminator \\d+\\)$", "")).toList();
        assertEquals(addresses.size(), answers.size(), "one answer per address");
        return answers;
    }

    /** nm's code symbol addresses (types t and T, mapping symbols left out), ascending. */
    private static long[] nmCode(Path elf) throws Exception {
        TreeSet<Long> starts = new TreeSet<>();
        for (String line : run(null, "arm-none-eabi-nm", "-n", elf.toString()).lines().toList()) {
            String[] f = line.trim().split("\\s+");
            if (f.length == 3 && (f[1].equals("t") || f[1].equals("T")) && !f[2].startsWith("$")) {
                starts.add(Long.parseLong(f[0], 16));
            }
        }
        return starts.stream().mapToLong(Long::longValue).toArray();
    }

    private static String baseName(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    // ---- every row ----

    /** objdump's rows and ours agree as multisets, and the sequences end at the same addresses. */
    private static void assertSameRows(Path elf, LineTable table) throws Exception {
        List<String> expected = new ArrayList<>();
        List<Long> ends = new ArrayList<>();
        for (Sequence s : objdump(elf)) {
            long start = s.rows.stream().mapToLong(Row::address).min().orElse(s.end);
            if (s.end <= start) {
                continue;                     // covers no address, so LineTable keeps none of it
            }
            s.rows.forEach(r -> expected.add(r.toString()));
            ends.add(s.end);
        }
        List<String> actual = new ArrayList<>(table.rows().stream()
                .map(r -> new Row(baseName(r.file()), r.line(), r.address(), r.isStmt()).toString()).toList());
        assertFalse(expected.isEmpty(), elf + " has no line table rows");
        expected.sort(null);
        actual.sort(null);
        if (!expected.equals(actual)) {
            List<String> missing = new ArrayList<>(expected);
            actual.forEach(missing::remove);
            List<String> extra = new ArrayList<>(actual);
            expected.forEach(extra::remove);
            fail(elf + ": " + expected.size() + " rows in objdump, " + actual.size() + " ours; objdump only "
                    + missing.subList(0, Math.min(10, missing.size())) + ", ours only "
                    + extra.subList(0, Math.min(10, extra.size())));
        }
        ends.sort(null);
        assertEquals(ends, table.sequenceEnds(), elf + ": sequence ends");
        TreeSet<String> names = new TreeSet<>(expected.stream().map(r -> r.split(" ")[1].replaceFirst(":\\d+$", "")).toList());
        assertEquals(names, new TreeSet<>(table.files().stream().map(LineTableTest::baseName).toList()), elf + ": files()");
    }

    /**
     * at() answers as addr2line does: at each code symbol, at each row's address and two bytes
     * after it (inside an instruction); nothing where addr2line knows no line.
     */
    private static void assertSameLookups(Path elf, LineTable table, Path dir) throws Exception {
        TreeSet<Long> addresses = new TreeSet<>();
        for (long a : nmCode(elf)) {
            addresses.add(a);
        }
        for (SourceLine r : table.rows()) {
            addresses.add(r.address());
            addresses.add(r.address() + 2);
        }
        List<Long> list = List.copyOf(addresses);
        List<String> answers = addr2line(elf, list, dir);
        List<String> wrong = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String expected = answers.get(i).endsWith(":?") || answers.get(i).startsWith("??") ? "none" : answers.get(i);
            String actual = table.at(list.get(i)).map(s -> s.file() + ":" + s.line()).orElse("none");
            if (!expected.equals(actual)) {
                wrong.add(Long.toHexString(list.get(i)) + " addr2line " + answers.get(i) + " ours " + actual);
            }
        }
        assertTrue(wrong.isEmpty(), () -> elf + ": " + wrong.size() + " of " + list.size() + " lookups differ, e.g. "
                + wrong.subList(0, Math.min(10, wrong.size())));
    }

    @Test
    void everyRowOfTheHypervisorGuestsAndTestProgramsIsObjdumps(@TempDir Path dir) throws Exception {
        for (String program : PROGRAMS) {
            Path elf = arm(program);
            LineTable table = LineTable.parse(Files.readAllBytes(elf));
            assertSameRows(elf, table);
            assertSameLookups(elf, table, dir);
        }
    }

    @Test
    void theHypervisorsPathsAreAbsoluteWithTheCompilationDirectoryJoined() throws Exception {
        LineTable table = LineTable.parse(Files.readAllBytes(arm("hypervisor.elf")));
        // boot.S's program is DWARF 5 (directory 0 in the table); vgic.c's is DWARF 3 (from .debug_info).
        for (String name : List.of("boot.S", "vgic.c", "types.h")) {
            String path = table.files().stream().filter(f -> f.endsWith("/hypervisor/" + name)).findFirst()
                    .orElseThrow(() -> new AssertionError(name + " not in " + table.files()));
            assertTrue(path.startsWith("/"), path);
        }
        assertTrue(table.files().stream().allMatch(f -> f.startsWith("/")), table.files().toString());
    }

    // ---- breakpoints ----

    /**
     * What addressesOf should give, from objdump's rows and nm's symbols: the line, or the next
     * one of the file with an is_stmt row; then its lowest is_stmt address per sequence and function.
     */
    private static List<Long> expectedBreakpoints(List<Sequence> sequences, long[] functions, String name, int line) {
        int target = Integer.MAX_VALUE;
        for (Sequence s : sequences) {
            for (Row r : s.rows) {
                if (r.name.equals(name) && r.stmt && r.line >= line) {
                    target = Math.min(target, r.line);
                }
            }
        }
        TreeSet<Long> addresses = new TreeSet<>();
        for (Sequence s : sequences) {
            Map<Integer, Long> lowest = new TreeMap<>();
            for (Row r : s.rows) {
                if (r.name.equals(name) && r.stmt && r.line == target) {
                    int function = -1;
                    while (function + 1 < functions.length && functions[function + 1] <= r.address) {
                        function++;
                    }
                    lowest.merge(function, r.address, Math::min);
                }
            }
            addresses.addAll(lowest.values());
        }
        return List.copyOf(addresses);
    }

    private static int lineOf(Path source, String regex) throws Exception {
        List<String> lines = Files.readAllLines(source);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).matches(regex)) {
                return i + 1;
            }
        }
        throw new AssertionError("no line of " + source + " matches " + regex);
    }

    @Test
    void aBreakpointOnEveryLineOfFourHypervisorFilesGoesWhereObjdumpsRowsSay() throws Exception {
        Path elf = arm("hypervisor.elf");
        LineTable table = LineTable.parse(Files.readAllBytes(elf));
        List<Sequence> rows = objdump(elf);
        long[] functions = nmCode(elf);
        for (String file : List.of("hypervisor/vgic.c", "hypervisor/spinlock.h", "hypervisor/boot.S", "hypervisor/gic.c")) {
            int lines = Files.readAllLines(Path.of(file)).size();
            String name = baseName(file);
            String absolute = table.files().stream().filter(f -> f.endsWith("/" + file)).findFirst().orElseThrow();
            for (int line = 1; line <= lines + 1; line++) {
                List<Long> expected = expectedBreakpoints(rows, functions, name, line);
                assertEquals(expected, table.addressesOf(name, line), file + ":" + line);
                assertEquals(expected, table.addressesOf(file, line), file + ":" + line);
                assertEquals(expected, table.addressesOf(absolute, line), absolute + ":" + line);
            }
        }
        // Found in the source, not copied: a function's first line, and spin_lock's body, which
        // GCC inlines into several functions, each of them a place to stop.
        int inject = lineOf(Path.of("hypervisor/vgic.c"), "void vgic_inject\\(.*");
        assertFalse(table.addressesOf("vgic.c", inject).isEmpty(), "vgic.c:" + inject);
        int lock = lineOf(Path.of("hypervisor/spinlock.h"), "\\s*__asm__ volatile\\(");
        List<Long> inlined = table.addressesOf("spinlock.h", lock);
        assertTrue(inlined.size() > 1, "spinlock.h:" + lock + " " + inlined);
        // Whole components only: "gic.c" is not vgic.c, nor "c" any file.
        assertTrue(table.addressesOf("gic.c", 1).stream().noneMatch(a -> table.at(a).orElseThrow().file().endsWith("vgic.c")));
        assertEquals(List.of(), table.addressesOf("c", 1));
        assertEquals(List.of(), table.addressesOf("ic.c", 1));
    }

    @Test
    void aBreakpointBySymbolNameStopsWhereAddr2lineSays(@TempDir Path dir) throws Exception {
        Path elf = arm("hypervisor.elf");
        byte[] bytes = Files.readAllBytes(elf);
        SymbolTable symbols = SymbolTable.parse(bytes);
        LineTable table = LineTable.parse(bytes);
        SymbolTable.Symbol inject = symbols.named("vgic_inject").orElseThrow();
        String nm = run(null, "arm-none-eabi-nm", elf.toString()).lines().filter(l -> l.endsWith(" vgic_inject"))
                .findFirst().orElseThrow();
        assertEquals(Long.parseLong(nm.split(" ")[0], 16), inject.address());
        SourceLine at = table.at(inject.address()).orElseThrow();
        assertEquals(addr2line(elf, List.of(inject.address()), dir).get(0), at.file() + ":" + at.line());
        assertEquals(Optional.empty(), symbols.named("no_such_function"));
    }

    // ---- DWARF versions the built images do not contain ----

    /** {offset, size, where its header is} of the named section, read straight from the section headers. */
    private static int[] section(byte[] elf, String name) {
        ByteBuffer b = ByteBuffer.wrap(elf).order(ByteOrder.LITTLE_ENDIAN);
        int shoff = b.getInt(32), shentsize = b.getShort(46) & 0xFFFF, shnum = b.getShort(48) & 0xFFFF;
        int names = b.getInt(shoff + (b.getShort(50) & 0xFFFF) * shentsize + 16);
        for (int i = 0; i < shnum; i++) {
            int sh = shoff + i * shentsize;
            int at = names + b.getInt(sh);
            int end = at;
            while (elf[end] != 0) {
                end++;
            }
            if (new String(elf, at, end - at, StandardCharsets.ISO_8859_1).equals(name)) {
                return new int[] {b.getInt(sh + 16), b.getInt(sh + 20), sh};
            }
        }
        throw new AssertionError("no section " + name);
    }

    /** The version of each line program in the file (DWARF 5 §6.2.4 items 1-2). */
    private static List<Integer> versions(byte[] elf) {
        int[] s = section(elf, ".debug_line");
        ByteBuffer b = ByteBuffer.wrap(elf).order(ByteOrder.LITTLE_ENDIAN);
        List<Integer> versions = new ArrayList<>();
        for (int at = s[0]; at < s[0] + s[1]; at += 4 + b.getInt(at)) {
            versions.add(b.getShort(at + 4) & 0xFFFF);
        }
        return versions;
    }

    /**
     * GCC 12 links objects of any DWARF version: a small C program with an inline function from
     * a relative include directory, built as DWARF 2, 3, 4 and 5 (gas writes the line program;
     * it has no version 2, so that one is version 3 with its version field set to 2, the same
     * format), each read as objdump and addr2line read it.
     */
    @Test
    void lineProgramsOfEveryVersionFromTwoToFive(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("inc"));
        Files.writeString(dir.resolve("inc/square.h"), """
                static inline int square(int x)
                {
                    return x * x;
                }
                """);
        Files.writeString(dir.resolve("main.c"), """
                #include "square.h"
                int total;
                volatile int count = 10;
                int main(void)
                {
                    for (int i = 0; i < count; i++)
                        total += square(i);
                    return total;
                }
                """);
        for (int version = 2; version <= 5; version++) {
            String elf = "v" + version + ".elf";
            ProcessBuilder gcc = new ProcessBuilder("arm-none-eabi-gcc", "-marm", "-O2", "-gdwarf-" + version,
                    "-Wa,--gdwarf-" + Math.max(3, version), "-Iinc", "-nostdlib", "-e", "main", "-o", elf, "main.c")
                    .directory(dir.toFile()).redirectErrorStream(true);
            Process p = gcc.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, p.waitFor(), out);
            byte[] bytes = Files.readAllBytes(dir.resolve(elf));
            if (version == 2) {
                int[] s = section(bytes, ".debug_line");
                assertEquals(List.of(3), versions(bytes));
                bytes[s[0] + 4] = 2;
                Files.write(dir.resolve(elf), bytes);
            }
            assertEquals(List.of(version), versions(bytes), elf);
            LineTable table = LineTable.parse(bytes);
            assertSameRows(dir.resolve(elf), table);
            assertSameLookups(dir.resolve(elf), table, dir);
            String header = dir.toRealPath().resolve("inc/square.h").toString();
            assertTrue(table.files().contains(header), elf + ": " + table.files());
            assertFalse(table.addressesOf("inc/square.h", 3).isEmpty(), elf);
        }
    }

    // ---- damage ----

    private static String damage(byte[] elf) {
        return assertThrows(ElfException.class, () -> LineTable.parse(elf)).getMessage();
    }

    @Test
    void anElfWithoutDebugInformationHasAnEmptyTable(@TempDir Path dir) throws Exception {
        Path stripped = dir.resolve("hello-stripped.elf");
        run(null, "arm-none-eabi-objcopy", "--strip-debug", arm("guests/hello.elf").toString(), stripped.toString());
        LineTable table = LineTable.parse(Files.readAllBytes(stripped));
        assertEquals(List.of(), table.files());
        assertEquals(Optional.empty(), table.at(0x4000_8000L));
        assertEquals(List.of(), table.addressesOf("hello.c", 1));
    }

    @Test
    void compressedDebugSectionsAreRefusedInWords(@TempDir Path dir) throws Exception {
        Path compressed = dir.resolve("hello-compressed.elf");
        run(null, "arm-none-eabi-objcopy", "--compress-debug-sections", arm("guests/hello.elf").toString(),
                compressed.toString());
        assertEquals(".debug_line is compressed (SHF_COMPRESSED); link without --compress-debug-sections",
                damage(Files.readAllBytes(compressed)));
    }

    @Test
    void damagedDebugDataIsExplained() throws Exception {
        byte[] good = Files.readAllBytes(arm("hypervisor.elf"));
        int[] line = section(good, ".debug_line");
        int at = line[0];
        ByteBuffer b = ByteBuffer.wrap(good).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(5, b.getShort(at + 4), "the first program, boot.S's, is DWARF 5");
        int program = at + 12 + b.getInt(at + 8);     // after unit_length, version, sizes, header_length

        assertEquals("not a 32-bit little-endian ELF file", damage(new byte[100]));
        assertEquals("the section header table lies outside the file (truncated?)", damage(Arrays.copyOf(good, good.length / 2)));

        byte[] shortSection = good.clone();            // the last program now runs past the section's end
        ByteBuffer.wrap(shortSection).order(ByteOrder.LITTLE_ENDIAN).putInt(line[2] + 20, line[1] - 7);
        String message = damage(shortSection);
        assertTrue(message.startsWith(".debug_line at 0x") && message.endsWith("past the end of the section (truncated?)"),
                message);

        byte[] pastFile = good.clone();
        ByteBuffer.wrap(pastFile).order(ByteOrder.LITTLE_ENDIAN).putInt(line[2] + 20, good.length);
        assertEquals("section .debug_line lies outside the file (truncated?)", damage(pastFile));

        byte[] longHeader = good.clone();
        ByteBuffer.wrap(longHeader).order(ByteOrder.LITTLE_ENDIAN).putInt(at + 8, 0x7FFF_FFFF);
        assertEquals(".debug_line at 0xc: header length 0x7fffffff runs past the end of the line program", damage(longHeader));

        byte[] version = good.clone();
        version[at + 4] = 7;
        assertEquals(".debug_line at 0x6: unsupported line program version 7 (HypLab reads DWARF 2 to 5)", damage(version));

        byte[] opcodeBase = good.clone();
        opcodeBase[at + 17] = 0;
        assertEquals(".debug_line at 0x12: opcode base is 0 (it must be at least 1)", damage(opcodeBase));

        byte[] lineRange = good.clone();
        lineRange[at + 16] = 0;
        assertEquals(".debug_line at 0x12: line range is 0 (special opcodes would divide by it)", damage(lineRange));

        byte[] hugeLeb = good.clone();                 // DW_LNS_advance_pc with an 84-bit operand
        hugeLeb[program] = 2;
        Arrays.fill(hugeLeb, program + 1, program + 13, (byte) 0xFF);
        message = damage(hugeLeb);
        assertTrue(message.startsWith(".debug_line at 0x") && message.endsWith(": LEB128 number longer than 64 bits"), message);

        byte[] badFile = good.clone();                 // DW_LNS_set_file 99, then DW_LNS_copy
        badFile[program] = 4;
        badFile[program + 1] = 99;
        badFile[program + 2] = 1;
        assertTrue(damage(badFile).endsWith("row names file 99, not in the file table of 2"), damage(badFile));
    }

    /**
     * Random damage to .debug_line, or to the .debug_info and .debug_abbrev it reads for the
     * compilation directories, ends in a table or an ElfException, soon: never another
     * exception, never a hang.
     */
    @Test
    void garbageIsAnElfExceptionOrATableNeverACrashOrAHang() throws Exception {
        byte[] good = Files.readAllBytes(arm("hypervisor.elf"));
        List<int[]> sections = List.of(section(good, ".debug_line"), section(good, ".debug_info"),
                section(good, ".debug_abbrev"));
        assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
            for (int seed = 0; seed < 600; seed++) {
                Random random = new Random(seed);
                byte[] bad = good.clone();
                int[] s = sections.get(seed % 3);
                if (seed % 20 == 0) {                  // the whole section garbage
                    for (int i = 0; i < s[1]; i++) {
                        bad[s[0] + i] = (byte) random.nextInt();
                    }
                } else {                               // a few bytes, half the time in the first unit's header
                    int span = seed % 2 == 0 ? Math.min(64, s[1]) : s[1];
                    for (int n = 1 + random.nextInt(8); n > 0; n--) {
                        bad[s[0] + random.nextInt(span)] = (byte) random.nextInt();
                    }
                }
                try {
                    LineTable.parse(bad);
                } catch (ElfException expected) {
                    assertFalse(expected.getMessage().isBlank());
                } catch (RuntimeException e) {
                    throw new AssertionError("seed " + seed + ": " + e, e);
                }
            }
        });
    }

    /**
     * Timed in CPU time, not wall time: the test machine is shared, and a busy neighbour would
     * otherwise fail this test. Idle, the first parse in a JVM takes about 40 ms (classes loaded,
     * code interpreted), later ones under 10.
     */
    @Test
    void theHypervisorParsesInWellUnder100Milliseconds() throws Exception {
        byte[] elf = Files.readAllBytes(arm("hypervisor.elf"));
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long start = threads.getCurrentThreadCpuTime();
        LineTable.parse(elf);
        long firstMs = (threads.getCurrentThreadCpuTime() - start) / 1_000_000;
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            long t = threads.getCurrentThreadCpuTime();
            LineTable.parse(elf);
            best = Math.min(best, threads.getCurrentThreadCpuTime() - t);
        }
        long bestMs = best / 1_000_000;
        assertTrue(firstMs < 200, "first parse " + firstMs + " ms");
        assertTrue(bestMs < 40, "parse " + bestMs + " ms (first " + firstMs + " ms)");
    }
}
