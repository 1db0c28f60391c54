package org.hyplab.elf;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The source lines of a 32-bit little-endian ARM ELF file, from its .debug_line section (DWARF
 * 5 §6.2, "Line Number Information"; versions 2 to 5): which file:line an address comes from,
 * and at which addresses a breakpoint on a line belongs. Start reading here; {@link LineProgram}
 * decodes the section. A file without .debug_line gives an empty table; damaged debug data an
 * {@link ElfException} saying where.
 */
public final class LineTable {

    // No lambda: the first parse in a JVM should not pay for bootstrapping one.
    private static final Comparator<LineSequence> BY_START = new Comparator<>() {
        @Override
        public int compare(LineSequence a, LineSequence b) {
            return Long.compare(a.start(), b.start());
        }
    };

    private final List<String> files;               // file number -> path
    private final LineSequence[] sequences;         // by start address
    private final long[] maxEnd;                    // maxEnd[i]: the highest end of sequences[0..i]
    private final long[] functions;                 // code symbol addresses, ascending, to tell functions apart
    private final List<String> used;                // the paths that have rows, sorted

    private LineTable(List<String> files, List<LineSequence> sequences, long[] functions) {
        this.files = List.copyOf(files);
        this.functions = functions;
        this.sequences = sequences.toArray(new LineSequence[0]);
        Arrays.sort(this.sequences, BY_START);
        this.maxEnd = new long[this.sequences.length];
        long max = Long.MIN_VALUE;
        for (int i = 0; i < maxEnd.length; i++) {
            max = Math.max(max, this.sequences[i].end);
            maxEnd[i] = max;
        }
        TreeSet<String> used = new TreeSet<>();
        for (LineSequence s : this.sequences) {
            for (int f : s.file) {
                used.add(this.files.get(f));
            }
        }
        this.used = List.copyOf(used);
    }

    public static LineTable parse(byte[] elfFile) throws ElfException {
        ElfSections elf = ElfSections.of(elfFile);
        Optional<DwarfReader> section = elf.reader(".debug_line");
        FileNames names = new FileNames();
        List<LineSequence> sequences = new ArrayList<>();
        if (section.isEmpty()) {
            return new LineTable(names.paths(), sequences, new long[0]);
        }
        DwarfReader line = section.get();
        Optional<DwarfReader> str = elf.reader(".debug_str");
        Optional<DwarfReader> lineStr = elf.reader(".debug_line_str");
        Map<Long, String> compDirs = null;          // read only if a program predates DWARF 5
        while (!line.atEnd()) {
            long offset = line.offset();
            if (compDirs == null && version(line) < 5) {
                compDirs = CompilationDirs.read(elf);
            }
            Optional<String> compDir = Optional.ofNullable(compDirs == null ? null : compDirs.get(offset));
            LineProgram.decode(line, compDir, str, lineStr, names, sequences);
        }
        List<SymbolTable.Symbol> symbols = SymbolTable.parse(elfFile).symbols();
        long[] functions = new long[symbols.size()];
        for (int i = 0; i < functions.length; i++) {
            functions[i] = symbols.get(i).address();      // sorted by address already
        }
        return new LineTable(names.paths(), sequences, functions);
    }

    /** The version of the program at the reader's position, read without moving it (DWARF 5 §6.2.4 items 1-2). */
    private static int version(DwarfReader r) throws ElfException {
        long at = r.offset();
        if (r.u32() == 0xFFFF_FFFFL) {
            r.skip(8);                              // the 64-bit format's real length (§7.4)
        }
        int version = r.u16();
        r.seek(at);
        return version;
    }

    /** The row covering {@code address}: the last row at or before it in the sequence that contains it. */
    public Optional<SourceLine> at(long address) {
        int i = lastStartingAtOrBefore(address);
        // Sequences may overlap (code discarded at link time keeps its rows at address 0): the
        // one that starts nearest below the address wins; maxEnd stops the walk early.
        for (; i >= 0 && maxEnd[i] > address; i--) {
            int row = sequences[i].rowAt(address);
            if (row >= 0) {
                return Optional.of(row(sequences[i], row));
            }
        }
        return Optional.empty();
    }

    private int lastStartingAtOrBefore(long address) {
        int lo = 0, hi = sequences.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sequences[mid].start() <= address) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo - 1;
    }

    /**
     * Where a breakpoint on {@code file:line} belongs: the lowest address of an is_stmt row for
     * that line in each sequence and, within a sequence, in each function (by the ELF's code
     * symbols): several when the line was inlined into several functions or split into a cold
     * part, one when the compiler merely scattered it within a function (a loop's condition).
     * GCC makes one sequence per compilation unit unless -ffunction-sections, hence functions
     * too. A line without such a row (a function's signature, a comment, a declaration) moves,
     * as in GDB, to the next line of the file that has one; {@link #at} names the line reached.
     * The file may be a path or its tail, matched on whole components: "vgic.c",
     * "hypervisor/vgic.c" or the absolute path.
     */
    public List<Long> addressesOf(String file, int line) {
        boolean[] wanted = new boolean[files.size()];
        String[] tail = components(file);
        for (int f = 0; f < wanted.length; f++) {
            wanted[f] = endsWith(components(files.get(f)), tail);
        }
        int target = Integer.MAX_VALUE;             // the requested line, or the next one with a statement
        for (LineSequence s : sequences) {
            for (int i = 0; i < s.size(); i++) {
                if (s.stmt[i] && wanted[s.file[i]] && s.line[i] >= line && s.line[i] < target) {
                    target = s.line[i];
                }
            }
        }
        return target == Integer.MAX_VALUE ? List.of() : statementsOf(wanted, target);
    }

    private List<Long> statementsOf(boolean[] wanted, int line) {
        TreeSet<Long> found = new TreeSet<>();
        for (LineSequence s : sequences) {
            int lastFunction = -2;
            for (int i = 0; i < s.size(); i++) {
                if (s.line[i] == line && s.stmt[i] && wanted[s.file[i]]) {
                    int function = function(s.address[i]);
                    if (function != lastFunction) {  // rows ascend, so a function's first is its lowest
                        found.add(s.address[i]);
                        lastFunction = function;
                    }
                }
            }
        }
        return List.copyOf(found);
    }

    /** The index of the last code symbol at or before {@code address}; -1 before the first. */
    private int function(long address) {
        int lo = 0, hi = functions.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (functions[mid] <= address) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo - 1;
    }

    /** The source files that have rows, sorted. */
    public List<String> files() {
        return used;
    }

    /** Every row, sequence by sequence in address order (for tests and tools that draw a whole file). */
    List<SourceLine> rows() {
        List<SourceLine> all = new ArrayList<>();
        for (LineSequence s : sequences) {
            for (int i = 0; i < s.size(); i++) {
                all.add(row(s, i));
            }
        }
        return all;
    }

    /** The end address of each sequence (the address of its DW_LNE_end_sequence), in address order. */
    List<Long> sequenceEnds() {
        return Arrays.stream(sequences).map(s -> s.end).toList();
    }

    private SourceLine row(LineSequence s, int i) {
        return new SourceLine(files.get(s.file[i]), s.line[i], s.column[i], s.address[i], s.stmt[i]);
    }

    /** A path's components without empty and "." ones, which name nothing ("./types.h" is "types.h"). */
    private static String[] components(String path) {
        return Arrays.stream(path.split("[/\\\\]")).filter(c -> !c.isEmpty() && !c.equals(".")).toArray(String[]::new);
    }

    private static boolean endsWith(String[] path, String[] tail) {
        if (tail.length == 0 || tail.length > path.length) {
            return false;
        }
        for (int i = 1; i <= tail.length; i++) {
            if (!path[path.length - i].equals(tail[tail.length - i])) {
                return false;
            }
        }
        return true;
    }
}
