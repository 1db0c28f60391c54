package org.hyplab.elf;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The named sections of a 32-bit little-endian ELF file (System V gABI, "Sections"), found
 * through the section header string table, for readers of non-loaded data such as DWARF.
 */
final class ElfSections {

    static final int SHT_NOBITS = 8;
    static final int SHF_COMPRESSED = 0x800;

    private final byte[] file;
    private final Map<String, int[]> sections;   // name -> {offset, size}

    private ElfSections(byte[] file, Map<String, int[]> sections) {
        this.file = file;
        this.sections = sections;
    }

    static ElfSections of(byte[] file) throws ElfException {
        if (file.length < 52 || file[0] != 0x7F || file[1] != 'E' || file[2] != 'L' || file[3] != 'F' || file[4] != 1
                || file[5] != 1) {
            throw new ElfException("not a 32-bit little-endian ELF file");
        }
        ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        long shoff = Integer.toUnsignedLong(b.getInt(32));
        int shentsize = b.getShort(46) & 0xFFFF;
        int shnum = b.getShort(48) & 0xFFFF;
        int shstrndx = b.getShort(50) & 0xFFFF;
        Map<String, int[]> found = new HashMap<>();
        if (shnum == 0 || shstrndx == 0) {        // no sections, or none named (SHN_UNDEF)
            return new ElfSections(file, found);
        }
        if (shentsize < 40 || shoff + (long) shentsize * shnum > file.length) {
            throw new ElfException("the section header table lies outside the file (truncated?)");
        }
        if (shstrndx >= shnum) {
            throw new ElfException("the section name table index " + shstrndx + " is not a section");
        }
        int[] names = extent(b, (int) (shoff + (long) shstrndx * shentsize), file.length, null);
        for (int i = 0; i < shnum; i++) {
            int sh = (int) (shoff + (long) i * shentsize);
            long nameAt = Integer.toUnsignedLong(b.getInt(sh));
            if (nameAt >= names[1]) {
                throw new ElfException("section " + i + " has its name outside the section name table");
            }
            int end = names[0] + (int) nameAt;
            while (end < names[0] + names[1] && file[end] != 0) {
                end++;
            }
            String name = new String(file, names[0] + (int) nameAt, end - names[0] - (int) nameAt, StandardCharsets.ISO_8859_1);
            if (b.getInt(sh + 4) != SHT_NOBITS) {
                int[] extent = extent(b, sh, file.length, name);
                found.putIfAbsent(name, (b.getInt(sh + 8) & SHF_COMPRESSED) != 0 ? new int[] {-1, 0} : extent);
            }
        }
        return new ElfSections(file, found);
    }

    /** {offset, size} of the section whose header is at {@code sh}, checked to lie in the file. */
    private static int[] extent(ByteBuffer b, int sh, int fileLength, String name) throws ElfException {
        long offset = Integer.toUnsignedLong(b.getInt(sh + 16));
        long size = Integer.toUnsignedLong(b.getInt(sh + 20));
        if (offset + size > fileLength) {
            throw new ElfException((name == null ? "the section name table" : "section " + name)
                    + " lies outside the file (truncated?)");
        }
        return new int[] {(int) offset, (int) size};
    }

    /** A reader over the named section, if the file has it. */
    Optional<DwarfReader> reader(String name) throws ElfException {
        int[] s = sections.get(name);
        if (s != null && s[0] < 0) {
            throw new ElfException(name + " is compressed (SHF_COMPRESSED); link without --compress-debug-sections");
        }
        return s == null ? Optional.empty() : Optional.of(new DwarfReader(file, s[0], s[1], name));
    }
}
