package org.hyplab.elf;

import java.util.Optional;

/**
 * Attribute forms (DWARF 5 §7.5.6, table 7.6): how many bytes each value takes, and the values
 * HypLab reads: numbers (offsets, indexes) and strings (inline or in .debug_str/.debug_line_str).
 */
final class DwarfForm {

    static final int ADDR = 0x01, BLOCK2 = 0x03, BLOCK4 = 0x04, DATA2 = 0x05, DATA4 = 0x06, DATA8 = 0x07,
            STRING = 0x08, BLOCK = 0x09, BLOCK1 = 0x0a, DATA1 = 0x0b, FLAG = 0x0c, SDATA = 0x0d, STRP = 0x0e,
            UDATA = 0x0f, REF_ADDR = 0x10, REF1 = 0x11, REF2 = 0x12, REF4 = 0x13, REF8 = 0x14, REF_UDATA = 0x15,
            INDIRECT = 0x16, SEC_OFFSET = 0x17, EXPRLOC = 0x18, FLAG_PRESENT = 0x19, STRX = 0x1a, ADDRX = 0x1b,
            REF_SUP4 = 0x1c, STRP_SUP = 0x1d, DATA16 = 0x1e, LINE_STRP = 0x1f, REF_SIG8 = 0x20,
            IMPLICIT_CONST = 0x21, LOCLISTX = 0x22, RNGLISTX = 0x23, REF_SUP8 = 0x24, STRX1 = 0x25, STRX2 = 0x26,
            STRX3 = 0x27, STRX4 = 0x28, ADDRX1 = 0x29, ADDRX2 = 0x2a, ADDRX3 = 0x2b, ADDRX4 = 0x2c,
            GNU_ADDR_INDEX = 0x1f01, GNU_STR_INDEX = 0x1f02, GNU_REF_ALT = 0x1f20, GNU_STRP_ALT = 0x1f21;

    private DwarfForm() {
    }

    /** Steps over one value of {@code form}. */
    static void skip(DwarfReader r, int form, int version, int addressSize, int offsetSize) throws ElfException {
        switch (form) {
            case FLAG_PRESENT, IMPLICIT_CONST -> { }
            case DATA1, REF1, FLAG, STRX1, ADDRX1 -> r.skip(1);
            case DATA2, REF2, STRX2, ADDRX2 -> r.skip(2);
            case STRX3, ADDRX3 -> r.skip(3);
            case DATA4, REF4, REF_SUP4, STRX4, ADDRX4 -> r.skip(4);
            case DATA8, REF8, REF_SIG8, REF_SUP8 -> r.skip(8);
            case DATA16 -> r.skip(16);
            case ADDR -> r.skip(addressSize);
            // DWARF 2 sized DW_FORM_ref_addr like an address; DWARF 3 made it an offset.
            case REF_ADDR -> r.skip(version <= 2 ? addressSize : offsetSize);
            case STRP, LINE_STRP, SEC_OFFSET, STRP_SUP, GNU_REF_ALT, GNU_STRP_ALT -> r.skip(offsetSize);
            case SDATA -> r.sleb();
            case UDATA, REF_UDATA, STRX, ADDRX, LOCLISTX, RNGLISTX, GNU_ADDR_INDEX, GNU_STR_INDEX -> r.uleb();
            case STRING -> r.cString();
            case BLOCK1 -> r.skip(r.u8());
            case BLOCK2 -> r.skip(r.u16());
            case BLOCK4 -> r.skip(r.u32());
            case BLOCK, EXPRLOC -> r.skip(r.uleb());
            case INDIRECT -> skip(r, indirect(r), version, addressSize, offsetSize);
            default -> throw r.error("unknown attribute form 0x" + Integer.toHexString(form));
        }
    }

    /** A value of a constant, offset or index form; anything else is damage here. */
    static long number(DwarfReader r, int form, int version, int addressSize, int offsetSize) throws ElfException {
        return switch (form) {
            case DATA1 -> r.u8();
            case DATA2 -> r.u16();
            case DATA4 -> r.u32();
            case DATA8 -> r.u64();
            case UDATA -> r.uleb();
            case SDATA -> r.sleb();
            case SEC_OFFSET -> r.offset(offsetSize);
            case INDIRECT -> number(r, indirect(r), version, addressSize, offsetSize);
            default -> throw r.error("form 0x" + Integer.toHexString(form) + " where a number was expected");
        };
    }

    /**
     * A string of an inline or string-section form; empty for the indexed forms (DW_FORM_strx*
     * need the unit's DW_AT_str_offsets_base, which GCC only emits for split DWARF).
     */
    static Optional<String> string(DwarfReader r, int form, int offsetSize, Optional<DwarfReader> str,
            Optional<DwarfReader> lineStr) throws ElfException {
        switch (form) {
            case STRING:
                return Optional.of(r.cString());
            case STRP:
                return Optional.of(in(r, str, ".debug_str").stringAt(r.offset(offsetSize)));
            case LINE_STRP:
                return Optional.of(in(r, lineStr, ".debug_line_str").stringAt(r.offset(offsetSize)));
            case INDIRECT:
                return string(r, indirect(r), offsetSize, str, lineStr);
            default:
                skip(r, form, 5, 4, offsetSize);
                return Optional.empty();
        }
    }

    private static DwarfReader in(DwarfReader r, Optional<DwarfReader> section, String name) throws ElfException {
        if (section.isEmpty()) {
            throw r.error("a string in " + name + ", but the file has no " + name);
        }
        return section.get();
    }

    private static int indirect(DwarfReader r) throws ElfException {
        int form = r.ulebInt("form");
        if (form == INDIRECT) {
            throw r.error("DW_FORM_indirect naming itself");   // would nest without end
        }
        return form;
    }
}
