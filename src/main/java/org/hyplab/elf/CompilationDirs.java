package org.hyplab.elf;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The compilation directory of each line program, from the first entry of each unit of
 * .debug_info (its DW_AT_stmt_list and DW_AT_comp_dir). Line programs before DWARF 5 do not
 * record that directory themselves, yet their directory 0 and their relative directories mean
 * it (DWARF 4 §6.2.4 item 11). Only the unit headers and one entry each are read.
 */
final class CompilationDirs {

    static final int DW_AT_stmt_list = 0x10, DW_AT_comp_dir = 0x1b;
    static final int DW_UT_skeleton = 0x04, DW_UT_split_compile = 0x05, DW_UT_type = 0x02, DW_UT_split_type = 0x06;

    private CompilationDirs() {
    }

    /** Line program offset -> compilation directory; empty without .debug_info. */
    static Map<Long, String> read(ElfSections elf) throws ElfException {
        Map<Long, String> dirs = new HashMap<>();
        Optional<DwarfReader> maybeInfo = elf.reader(".debug_info");
        Optional<DwarfReader> maybeAbbrev = elf.reader(".debug_abbrev");
        if (maybeInfo.isEmpty() || maybeAbbrev.isEmpty()) {
            return dirs;
        }
        DwarfReader info = maybeInfo.get();
        DwarfReader abbrev = maybeAbbrev.get();
        Optional<DwarfReader> str = elf.reader(".debug_str");
        Optional<DwarfReader> lineStr = elf.reader(".debug_line_str");
        while (!info.atEnd()) {
            // Unit header: DWARF 5 §7.5.1.1; DWARF 2-4 §7.5.1 (no unit_type, abbrev offset before address size).
            long unitLength = info.u32();
            int offsetSize = 4;
            if (unitLength == 0xFFFF_FFFFL) {
                unitLength = info.u64();
                offsetSize = 8;
            } else if (unitLength >= 0xFFFF_FFF0L) {
                throw info.error("reserved unit length 0x" + Long.toHexString(unitLength));
            }
            long end = info.offset() + unitLength;
            if (unitLength > info.limit() - info.offset()) {
                throw info.error("unit of 0x" + Long.toHexString(unitLength)
                        + " bytes runs past the end of the section (truncated?)");
            }
            int outer = info.narrow(end, "the unit");
            int version = info.u16();
            int addressSize;
            long abbrevOffset;
            int unitType = 0x01;
            if (version >= 2 && version <= 4) {
                abbrevOffset = info.offset(offsetSize);
                addressSize = info.u8();
            } else if (version == 5) {
                unitType = info.u8();
                addressSize = info.u8();
                abbrevOffset = info.offset(offsetSize);
                if (unitType == DW_UT_skeleton || unitType == DW_UT_split_compile) {
                    info.skip(8);                          // dwo_id
                } else if (unitType == DW_UT_type || unitType == DW_UT_split_type) {
                    info.skip(8 + offsetSize);             // type_signature, type_offset
                }
            } else {
                throw info.error("unsupported DWARF version " + version + " of a unit");
            }
            if (unitType != DW_UT_type && unitType != DW_UT_split_type) {
                firstEntry(info, abbrev, abbrevOffset, version, addressSize, offsetSize, str, lineStr, dirs);
            }
            info.widen(outer);
            info.seek(end);
        }
        return dirs;
    }

    /** Reads the unit's first entry (the compile unit) and records its line program's directory. */
    private static void firstEntry(DwarfReader info, DwarfReader abbrev, long abbrevOffset, int version, int addressSize,
            int offsetSize, Optional<DwarfReader> str, Optional<DwarfReader> lineStr, Map<Long, String> dirs)
            throws ElfException {
        long code = info.uleb();
        if (code == 0) {
            return;
        }
        // The abbreviation table (DWARF 5 §7.5.3): code, tag, children flag, then (attribute, form) pairs.
        if (abbrevOffset >= abbrev.limit()) {
            throw info.error("abbreviation table at 0x" + Long.toHexString(abbrevOffset) + ", past the end of .debug_abbrev");
        }
        abbrev.seek(abbrevOffset);
        while (true) {
            long c = abbrev.uleb();
            if (c == 0) {
                throw info.error("abbreviation " + code + " is not in its table");
            }
            abbrev.uleb();
            abbrev.u8();
            if (c == code) {
                break;
            }
            skipAttributeSpecs(abbrev);
        }
        long stmtList = -1;
        String compDir = null;
        while (true) {
            int name = abbrev.ulebInt("attribute");
            int form = abbrev.ulebInt("form");
            if (name == 0 && form == 0) {
                break;
            }
            if (form == DwarfForm.IMPLICIT_CONST) {
                abbrev.sleb();
            }
            if (name == DW_AT_stmt_list) {
                stmtList = DwarfForm.number(info, form, version, addressSize, offsetSize);
            } else if (name == DW_AT_comp_dir) {
                compDir = DwarfForm.string(info, form, offsetSize, str, lineStr).orElse(null);
            } else {
                DwarfForm.skip(info, form, version, addressSize, offsetSize);
            }
        }
        if (stmtList >= 0 && compDir != null) {
            dirs.put(stmtList, compDir);
        }
    }

    private static void skipAttributeSpecs(DwarfReader abbrev) throws ElfException {
        while (true) {
            long name = abbrev.uleb();
            long form = abbrev.uleb();
            if (name == 0 && form == 0) {
                return;
            }
            if (form == DwarfForm.IMPLICIT_CONST) {
                abbrev.sleb();
            }
        }
    }
}
