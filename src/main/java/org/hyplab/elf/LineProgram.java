package org.hyplab.elf;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * One line number program of .debug_line (DWARF 5 §6.2; DWARF 2, 3 and 4 differ only in the
 * header): its header, then the byte-coded state machine run to produce rows, cut into
 * sequences. GCC 12 for arm-none-eabi emits version 5 for assembly and, through gas, version 3
 * for C; {@code -gdwarf-4} objects bring version 4.
 */
final class LineProgram {

    // Standard opcodes (DWARF 5 §6.2.5.2) and extended opcodes (§6.2.5.3), table 7.25 and 7.26.
    static final int DW_LNS_copy = 1, DW_LNS_advance_pc = 2, DW_LNS_advance_line = 3, DW_LNS_set_file = 4,
            DW_LNS_set_column = 5, DW_LNS_negate_stmt = 6, DW_LNS_set_basic_block = 7, DW_LNS_const_add_pc = 8,
            DW_LNS_fixed_advance_pc = 9, DW_LNS_set_prologue_end = 10, DW_LNS_set_epilogue_begin = 11,
            DW_LNS_set_isa = 12;
    static final int DW_LNE_end_sequence = 1, DW_LNE_set_address = 2, DW_LNE_define_file = 3,
            DW_LNE_set_discriminator = 4;
    // Content types of DWARF 5 directory and file entries (§6.2.4.1, table 7.27).
    static final int DW_LNCT_path = 1, DW_LNCT_directory_index = 2;

    private LineProgram() {
    }

    /** The header fields the state machine needs (DWARF 5 §6.2.4). */
    private record Header(int version, int addressSize, int minInstLength, int maxOps, boolean defaultIsStmt,
            int lineBase, int lineRange, int opcodeBase, int[] opcodeArgs, List<String> dirs, List<String> files,
            int firstFile) {
    }

    /**
     * Decodes the program at the reader's position, adds its sequences to {@code out}, and
     * leaves the reader after it. {@code names} numbers the files' paths.
     */
    static void decode(DwarfReader r, Optional<String> compDir, Optional<DwarfReader> str, Optional<DwarfReader> lineStr,
            FileNames names, List<LineSequence> out) throws ElfException {
        long unitStart = r.offset();
        long unitLength = r.u32();
        int offsetSize = 4;
        if (unitLength == 0xFFFF_FFFFL) {            // the 64-bit DWARF format (§7.4)
            unitLength = r.u64();
            offsetSize = 8;
        } else if (unitLength >= 0xFFFF_FFF0L) {
            throw r.error("reserved unit length 0x" + Long.toHexString(unitLength));
        }
        if (unitLength > r.limit() - r.offset()) {
            throw r.error("line program at 0x" + Long.toHexString(unitStart) + " claims 0x" + Long.toHexString(unitLength)
                    + " bytes, past the end of the section (truncated?)");
        }
        long end = r.offset() + unitLength;
        int outer = r.narrow(end, "the line program");
        Header h = header(r, offsetSize, compDir, str, lineStr);
        int[] ids = new int[h.files.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = names.number(h.files.get(i));
        }
        run(r, h, ids, names, out);
        r.widen(outer);
        r.seek(end);
    }

    private static Header header(DwarfReader r, int offsetSize, Optional<String> compDir, Optional<DwarfReader> str,
            Optional<DwarfReader> lineStr) throws ElfException {
        int version = r.u16();
        if (version < 2 || version > 5) {
            throw r.error("unsupported line program version " + version + " (HypLab reads DWARF 2 to 5)");
        }
        int addressSize = 4;
        if (version >= 5) {
            addressSize = r.u8();
            int segmentSelectorSize = r.u8();
            if (addressSize < 1 || addressSize > 8 || segmentSelectorSize != 0) {
                throw r.error("address size " + addressSize + " and segment selector size " + segmentSelectorSize
                        + " are not a flat address space");
            }
        }
        long headerLength = r.offset(offsetSize);
        if (headerLength > r.limit() - r.offset()) {
            throw r.error("header length 0x" + Long.toHexString(headerLength) + " runs past the end of the line program");
        }
        long programStart = r.offset() + headerLength;
        int minInstLength = r.u8();
        int maxOps = version >= 4 ? r.u8() : 1;   // maximum_operations_per_instruction arrived in DWARF 4
        boolean defaultIsStmt = r.u8() != 0;
        int lineBase = r.s8();
        int lineRange = r.u8();
        int opcodeBase = r.u8();
        if (maxOps == 0) {
            throw r.error("maximum operations per instruction is 0");
        }
        if (lineRange == 0) {
            throw r.error("line range is 0 (special opcodes would divide by it)");
        }
        if (opcodeBase == 0) {
            throw r.error("opcode base is 0 (it must be at least 1)");
        }
        int[] opcodeArgs = new int[opcodeBase];
        for (int i = 1; i < opcodeBase; i++) {
            opcodeArgs[i] = r.u8();
        }
        List<String> dirs = new ArrayList<>();
        List<String> files = new ArrayList<>();
        if (version >= 5) {
            tables5(r, offsetSize, str, lineStr, dirs, files);
        } else {
            tables2(r, compDir, dirs, files);
        }
        if (r.offset() > programStart) {
            throw r.error("the header's tables run past its header length");
        }
        r.seek(programStart);   // vendor fields may follow the tables; header_length says where code begins
        return new Header(version, addressSize, minInstLength, maxOps, defaultIsStmt, lineBase, lineRange, opcodeBase,
                opcodeArgs, dirs, files, version >= 5 ? 0 : 1);
    }

    /**
     * DWARF 2-4 tables (DWARF 4 §6.2.4 items 11-12): include_directories, strings ending with an
     * empty one, where index 0 is the unrecorded compilation directory; then file_names, each a
     * name, a directory index, a time and a length, ending with an empty name. File 1 is the first.
     */
    private static void tables2(DwarfReader r, Optional<String> compDir, List<String> dirs, List<String> files)
            throws ElfException {
        dirs.add(compDir.orElse(""));
        for (String d = r.cString(); !d.isEmpty(); d = r.cString()) {
            dirs.add(d);
        }
        files.add("");                              // index 0: no file before DWARF 5
        for (String name = r.cString(); !name.isEmpty(); name = r.cString()) {
            files.add(path(dirs, r.ulebInt("directory index"), name, r));
            r.uleb();                                // modification time
            r.uleb();                                // length
        }
    }

    /**
     * DWARF 5 tables (§6.2.4 items 13-20): directories, then file names, each table described by
     * (content type, form) pairs. Directory 0 is the compilation directory; file 0 the primary
     * source file.
     */
    private static void tables5(DwarfReader r, int offsetSize, Optional<DwarfReader> str, Optional<DwarfReader> lineStr,
            List<String> dirs, List<String> files) throws ElfException {
        for (Entry e : entries5(r, offsetSize, str, lineStr, "directory")) {
            dirs.add(e.path);
        }
        for (Entry e : entries5(r, offsetSize, str, lineStr, "file")) {
            files.add(path(dirs, e.dir, e.path, r));
        }
    }

    /** A DWARF 5 directory or file entry: the fields HypLab uses (DW_LNCT_path, DW_LNCT_directory_index). */
    private record Entry(String path, int dir) {
    }

    /** The entries of one DWARF 5 table; a missing path is "", a missing directory 0. */
    private static List<Entry> entries5(DwarfReader r, int offsetSize, Optional<DwarfReader> str,
            Optional<DwarfReader> lineStr, String what) throws ElfException {
        int formats = r.u8();
        int[] type = new int[formats];
        int[] form = new int[formats];
        for (int i = 0; i < formats; i++) {
            type[i] = r.ulebInt("content type");
            form[i] = r.ulebInt("form");
        }
        int count = r.ulebInt("entry count");
        if (count > 0 && formats == 0) {
            throw r.error(count + " " + what + " entries without a format to read them");
        }
        List<Entry> entries = new ArrayList<>();
        for (int n = 0; n < count; n++) {
            long before = r.offset();
            String path = "";
            int dir = 0;
            for (int i = 0; i < formats; i++) {
                if (type[i] == DW_LNCT_path) {
                    Optional<String> s = DwarfForm.string(r, form[i], offsetSize, str, lineStr);
                    if (s.isEmpty()) {
                        throw r.error("a " + what + " name in an indexed string form, which HypLab does not read");
                    }
                    path = s.get();
                } else if (type[i] == DW_LNCT_directory_index) {
                    long index = DwarfForm.number(r, form[i], 5, 0, offsetSize);
                    if (index < 0 || index > Integer.MAX_VALUE) {
                        throw r.error("directory index " + index + " is out of range");
                    }
                    dir = (int) index;
                } else {
                    DwarfForm.skip(r, form[i], 5, 0, offsetSize);   // timestamp, size, MD5, vendor data
                }
            }
            if (r.offset() == before) {               // else a huge count would loop without reading
                throw r.error(what + " entries that take no bytes");
            }
            entries.add(new Entry(path, dir));
        }
        return entries;
    }

    /** A file's path as recorded: the name, under its directory unless already absolute. */
    private static String path(List<String> dirs, int dir, String name, DwarfReader r) throws ElfException {
        if (dir >= dirs.size()) {
            throw r.error("file \"" + name + "\" names directory " + dir + " of " + dirs.size());
        }
        if (name.startsWith("/")) {
            return name;
        }
        String d = dirs.get(dir);
        // A relative directory is relative to the compilation directory (DWARF 5 §6.2.4 item 16).
        if (dir != 0 && !d.startsWith("/") && !dirs.get(0).isEmpty()) {
            d = join(dirs.get(0), d);
        }
        return join(d, name);
    }

    private static String join(String dir, String name) {
        // concat, not +: string templates bootstrap on first use, a cost the first parse need not pay
        return dir.isEmpty() ? name : dir.endsWith("/") ? dir.concat(name) : dir.concat("/").concat(name);
    }

    /** The state machine (DWARF 5 §6.2.2, table 6.4), run over the opcodes (§6.2.5). */
    private static void run(DwarfReader r, Header h, int[] fileIds, FileNames names,
            List<LineSequence> out) throws ElfException {
        long addressMask = h.addressSize >= 8 ? -1L : (1L << (8 * h.addressSize)) - 1;
        List<String> files = new ArrayList<>(h.files);
        int[] ids = fileIds;
        LineSequence.Builder rows = new LineSequence.Builder();
        long address = 0;
        long opIndex = 0;
        long file = 1;
        long line = 1;
        long column = 0;
        boolean isStmt = h.defaultIsStmt;
        while (!r.atEnd()) {
            long at = r.offset();
            int opcode = r.u8();
            boolean emit = false;
            if (opcode >= h.opcodeBase) {
                // Special opcode (§6.2.5.1): advance the address and the line, then append a row.
                int adjusted = opcode - h.opcodeBase;
                long advance = adjusted / h.lineRange;
                address = (address + h.minInstLength * ((opIndex + advance) / h.maxOps)) & addressMask;
                opIndex = (opIndex + advance) % h.maxOps;
                line += h.lineBase + adjusted % h.lineRange;
                emit = true;
            } else if (opcode == 0) {
                long length = r.uleb();
                if (length == 0 || length > r.limit() - r.offset()) {
                    throw r.error("extended opcode of length " + Long.toUnsignedString(length) + " at 0x"
                            + Long.toHexString(at) + " does not fit the line program");
                }
                long next = r.offset() + length;
                int sub = r.u8();
                switch (sub) {
                    case DW_LNE_end_sequence -> {
                        LineSequence done = rows.build(address);
                        if (done.size() > 0 && address > done.start()) {
                            out.add(done);                 // an empty range has nothing to look up
                        }
                        address = 0;
                        opIndex = 0;
                        file = 1;
                        line = 1;
                        column = 0;
                        isStmt = h.defaultIsStmt;
                    }
                    case DW_LNE_set_address -> {
                        int size = (int) (length - 1);
                        if (size < 1 || size > 8) {
                            throw r.error("DW_LNE_set_address with a " + size + "-byte address");
                        }
                        address = r.unsigned(size) & addressMask;
                        opIndex = 0;
                    }
                    case DW_LNE_define_file -> {       // DWARF 2-4 only: one more file entry
                        String name = r.cString();
                        int dir = r.ulebInt("directory index");
                        files.add(path(h.dirs, dir, name, r));
                        ids = Arrays.copyOf(ids, files.size());
                        ids[files.size() - 1] = names.number(files.get(files.size() - 1));
                    }
                    default -> { }                        // DW_LNE_set_discriminator, vendor opcodes: skipped by length
                }
                r.seek(next);
            } else {
                switch (opcode) {
                    case DW_LNS_copy -> emit = true;
                    case DW_LNS_advance_pc -> {
                        long advance = r.uleb();
                        address = (address + h.minInstLength * Long.divideUnsigned(opIndex + advance, h.maxOps)) & addressMask;
                        opIndex = Long.remainderUnsigned(opIndex + advance, h.maxOps);
                    }
                    case DW_LNS_advance_line -> line += r.sleb();
                    case DW_LNS_set_file -> file = r.uleb();
                    case DW_LNS_set_column -> column = r.uleb();
                    case DW_LNS_negate_stmt -> isStmt = !isStmt;
                    case DW_LNS_set_basic_block, DW_LNS_set_prologue_end, DW_LNS_set_epilogue_begin -> { }
                    case DW_LNS_const_add_pc -> {
                        long advance = (255 - h.opcodeBase) / h.lineRange;
                        address = (address + h.minInstLength * ((opIndex + advance) / h.maxOps)) & addressMask;
                        opIndex = (opIndex + advance) % h.maxOps;
                    }
                    case DW_LNS_fixed_advance_pc -> {
                        address = (address + r.u16()) & addressMask;
                        opIndex = 0;
                    }
                    default -> {
                        // DW_LNS_set_isa, and opcodes this reader does not know: the header says
                        // how many LEB128 operands each takes (§6.2.4 item 12), so they can be skipped.
                        for (int i = 0; i < h.opcodeArgs[opcode]; i++) {
                            r.uleb();
                        }
                    }
                }
            }
            if (emit) {
                if (file < h.firstFile || file >= ids.length) {
                    throw r.error("row names file " + file + ", not in the file table of " + (ids.length - h.firstFile));
                }
                if (line < 0 || line > Integer.MAX_VALUE || column < 0 || column > Integer.MAX_VALUE) {
                    throw r.error("line " + line + " column " + column + " is out of range");
                }
                rows.add(address, (int) line, (int) column, ids[(int) file], isStmt);
            }
        }
        // A sequence without DW_LNE_end_sequence has no known end: its rows are left out, as binutils does.
    }
}
