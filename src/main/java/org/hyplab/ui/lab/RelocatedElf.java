package org.hyplab.ui.lab;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A copy of a position-independent ELF (the teaching hypervisor is linked at 0 and relocates
 * itself to where the boot loader put it) with its symbols and line table moved by the load
 * bias, so that PCs of the running code find their functions and lines, and breakpoints their
 * addresses. Only what {@code SymbolTable} and {@code LineTable} read is moved: the allocated
 * sections' addresses, the symbol values, and each DW_LNE_set_address of .debug_line (DWARF 5
 * §6.2.5.3; the program is decoded opcode by opcode, so no operand is mistaken for one).
 *
 * <p>A stopgap for the Lab until the engine's {@code Image} takes a load bias itself.
 */
final class RelocatedElf {

    private static final int SHT_SYMTAB = 2, SHF_ALLOC = 2;
    private static final int SHN_LORESERVE = 0xFF00;
    private static final int DW_LNE_SET_ADDRESS = 2, DW_LNS_FIXED_ADVANCE_PC = 9;

    private RelocatedElf() {
    }

    /** Writes the moved copy of {@code elf} to a temporary file (deleted when the server exits). */
    static Path write(Path elf, long bias) throws IOException {
        byte[] bytes = Files.readAllBytes(elf);
        relocate(bytes, (int) bias);
        Path copy = Files.createTempFile("hyplab-" + elf.getFileName().toString().replace(".elf", ""), ".elf");
        copy.toFile().deleteOnExit();
        Files.write(copy, bytes);
        return copy;
    }

    /** Moves a 32-bit little-endian ELF's addresses by {@code bias}, in place. */
    static void relocate(byte[] file, int bias) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        if (file.length < 52 || b.getInt(0) != 0x464C457F || file[4] != 1 || file[5] != 1) {
            throw new IOException("not a 32-bit little-endian ELF");
        }
        int shoff = b.getInt(0x20);
        int shentsize = b.getShort(0x2E) & 0xFFFF;
        int shnum = b.getShort(0x30) & 0xFFFF;
        int shstrndx = b.getShort(0x32) & 0xFFFF;
        int strtab = b.getInt(shoff + shstrndx * shentsize + 0x10);
        for (int i = 0; i < shnum; i++) {
            int sh = shoff + i * shentsize;
            int type = b.getInt(sh + 4), flags = b.getInt(sh + 8), offset = b.getInt(sh + 0x10), size = b.getInt(sh + 0x14);
            if ((flags & SHF_ALLOC) != 0) {
                b.putInt(sh + 0x0C, b.getInt(sh + 0x0C) + bias);
            }
            if (type == SHT_SYMTAB) {
                for (int s = offset; s + 16 <= offset + size; s += 16) {
                    int shndx = b.getShort(s + 14) & 0xFFFF;
                    if (shndx != 0 && shndx < SHN_LORESERVE) {
                        b.putInt(s + 4, b.getInt(s + 4) + bias);
                    }
                }
            }
            if (name(file, strtab + b.getInt(sh)).equals(".debug_line")) {
                lines(b, offset, offset + size, bias);
            }
        }
    }

    private static String name(byte[] file, int at) {
        int end = at;
        while (end < file.length && file[end] != 0) {
            end++;
        }
        return new String(file, at, end - at, java.nio.charset.StandardCharsets.US_ASCII);
    }

    /** Each unit of .debug_line: its header (DWARF 2 to 5), then its program, whose set_address operands move. */
    private static void lines(ByteBuffer b, int from, int to, int bias) throws IOException {
        int unit = from;
        while (unit + 4 <= to) {
            int length = b.getInt(unit);
            if (length == 0xFFFF_FFFF) {
                throw new IOException("64-bit DWARF is not expected in a 32-bit ARM ELF");
            }
            int end = unit + 4 + length;
            int p = unit + 4;
            int version = b.getShort(p) & 0xFFFF;
            p += 2;
            if (version >= 5) {
                p += 2;                                   // address_size, segment_selector_size
            }
            int headerLength = b.getInt(p);
            p += 4;
            int program = p + headerLength;
            p += 1;                                       // minimum_instruction_length
            if (version >= 4) {
                p += 1;                                   // maximum_operations_per_instruction
            }
            p += 3;                                       // default_is_stmt, line_base, line_range
            int opcodeBase = b.get(p++) & 0xFF;
            int[] operands = new int[opcodeBase];
            for (int op = 1; op < opcodeBase; op++) {
                operands[op] = b.get(p++) & 0xFF;
            }
            p = program;
            while (p < end) {
                int op = b.get(p++) & 0xFF;
                if (op >= opcodeBase) {
                    continue;                             // a special opcode: no operands
                }
                if (op == 0) {
                    long[] len = uleb(b, p);
                    p = (int) len[1];
                    int sub = b.get(p) & 0xFF;
                    if (sub == DW_LNE_SET_ADDRESS && len[0] == 5) {
                        b.putInt(p + 1, b.getInt(p + 1) + bias);
                    }
                    p += (int) len[0];
                } else if (op == DW_LNS_FIXED_ADVANCE_PC) {
                    p += 2;
                } else {
                    for (int k = 0; k < operands[op]; k++) {
                        p = (int) uleb(b, p)[1];
                    }
                }
            }
            unit = end;
        }
    }

    /** An (U or S)LEB128 at {@code p}: its value (unsigned) and where the next byte is. */
    private static long[] uleb(ByteBuffer b, int p) {
        long value = 0;
        int shift = 0;
        int x;
        do {
            x = b.get(p++) & 0xFF;
            value |= (long) (x & 0x7F) << shift;
            shift += 7;
        } while ((x & 0x80) != 0);
        return new long[] {value, p};
    }
}
