package org.hyplab.elf;

import java.nio.charset.StandardCharsets;

/**
 * A cursor over one DWARF section of a little-endian file: fixed-size numbers, LEB128 (DWARF 5
 * §7.6) and strings. Every read is checked against the section's end, so damaged debug data is
 * an {@link ElfException} naming the section and offset, never an index error.
 */
final class DwarfReader {

    private final byte[] data;
    private final int start;       // where the section begins in data
    private final String section;
    private int pos;
    private int limit;             // reads stop here: the section's end, or a unit's

    DwarfReader(byte[] data, int start, int size, String section) {
        this.data = data;
        this.start = start;
        this.section = section;
        this.pos = start;
        this.limit = start + size;
    }

    /** The offset from the start of the section. */
    long offset() {
        return pos - start;
    }

    void seek(long offset) throws ElfException {
        if (offset < 0 || offset > limit - start) {
            throw error("offset 0x" + Long.toHexString(offset) + " lies outside the section");
        }
        pos = start + (int) offset;
    }

    int limit() {
        return limit - start;
    }

    /** Confines reads to {@code [offset(), end)}, e.g. to one unit; returns the previous limit. */
    int narrow(long end, String what) throws ElfException {
        if (end > limit - start) {
            throw error(what + " ends at 0x" + Long.toHexString(end) + ", past the end of the section at 0x"
                    + Integer.toHexString(limit - start) + " (truncated?)");
        }
        int old = limit - start;
        limit = start + (int) end;
        return old;
    }

    void widen(int oldLimit) {
        limit = start + oldLimit;
    }

    boolean atEnd() {
        return pos >= limit;
    }

    ElfException error(String message) {
        return new ElfException(section + " at 0x" + Long.toHexString(offset()) + ": " + message);
    }

    private void need(int n) throws ElfException {
        if (n < 0 || limit - pos < n) {
            throw error("needs " + n + " more bytes but the data ends (truncated?)");
        }
    }

    void skip(long n) throws ElfException {
        if (n < 0 || n > limit - pos) {
            throw error("skips 0x" + Long.toHexString(n) + " bytes, past the end of the data (truncated?)");
        }
        pos += (int) n;
    }

    int u8() throws ElfException {
        need(1);
        return data[pos++] & 0xFF;
    }

    int s8() throws ElfException {
        need(1);
        return data[pos++];
    }

    int u16() throws ElfException {
        need(2);
        int v = (data[pos] & 0xFF) | (data[pos + 1] & 0xFF) << 8;
        pos += 2;
        return v;
    }

    long u32() throws ElfException {
        need(4);
        long v = 0;
        for (int i = 3; i >= 0; i--) {
            v = v << 8 | (data[pos + i] & 0xFF);
        }
        pos += 4;
        return v;
    }

    long u64() throws ElfException {
        need(8);
        long v = 0;
        for (int i = 7; i >= 0; i--) {
            v = v << 8 | (data[pos + i] & 0xFF);
        }
        pos += 8;
        return v;
    }

    /** An unsigned number of {@code size} bytes (1 to 8), e.g. a target address. */
    long unsigned(int size) throws ElfException {
        need(size);
        long v = 0;
        for (int i = size - 1; i >= 0; i--) {
            v = v << 8 | (data[pos + i] & 0xFF);
        }
        pos += size;
        return v;
    }

    /** A section offset: 4 bytes in the 32-bit DWARF format, 8 in the 64-bit one (DWARF 5 §7.4). */
    long offset(int offsetSize) throws ElfException {
        return offsetSize == 8 ? u64() : u32();
    }

    /** Unsigned LEB128 (DWARF 5 §7.6); more than 64 bits of value is damage, not a number. */
    long uleb() throws ElfException {
        long result = 0;
        int shift = 0;
        while (true) {
            int b = u8();
            if (shift == 63 && (b & 0x7E) != 0 || shift > 63 && (b & 0x7F) != 0) {
                throw error("LEB128 number longer than 64 bits");
            }
            if (shift < 64) {
                result |= (long) (b & 0x7F) << shift;
            }
            if ((b & 0x80) == 0) {
                return result;
            }
            shift += 7;
            if (shift > 70) {        // padding bytes (0x80) are legal, but not without end
                throw error("LEB128 number longer than 64 bits");
            }
        }
    }

    /** Signed LEB128 (DWARF 5 §7.6). */
    long sleb() throws ElfException {
        long result = 0;
        int shift = 0;
        int b;
        do {
            b = u8();
            if (shift > 63 || shift == 63 && (b & 0x7F) != 0 && (b & 0x7F) != 0x7F) {
                throw error("LEB128 number longer than 64 bits");
            }
            result |= (long) (b & 0x7F) << shift;
            shift += 7;
        } while ((b & 0x80) != 0);
        if (shift < 64 && (b & 0x40) != 0) {
            result |= -1L << shift;
        }
        return result;
    }

    /** An unsigned LEB128 that must fit an int (an index or a count). */
    int ulebInt(String what) throws ElfException {
        long at = offset();
        long v = uleb();
        if (v < 0 || v > Integer.MAX_VALUE) {
            pos = start + (int) at;
            throw error(what + " " + Long.toUnsignedString(v) + " is out of range");
        }
        return (int) v;
    }

    /** A NUL-terminated string (DW_FORM_string). */
    String cString() throws ElfException {
        int end = pos;
        while (end < limit && data[end] != 0) {
            end++;
        }
        if (end >= limit) {
            throw error("string runs past the end of the data (no NUL)");
        }
        String s = new String(data, pos, end - pos, StandardCharsets.UTF_8);
        pos = end + 1;
        return s;
    }

    /** The NUL-terminated string at {@code offset} of this section (for .debug_str and .debug_line_str). */
    String stringAt(long offset) throws ElfException {
        if (offset < 0 || offset >= limit - start) {
            throw new ElfException(section + ": no string at 0x" + Long.toHexString(offset) + ", past its end at 0x"
                    + Integer.toHexString(limit - start));
        }
        int saved = pos;
        seek(offset);
        String s = cString();
        pos = saved;
        return s;
    }
}
