package org.hyplab.elf;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The code symbols of a 32-bit little-endian ARM ELF file (executable or position-independent):
 * the functions and the labels of assembly code (symbols in sections of instructions), from its
 * .symtab (System V gABI, "Symbol
 * Table"), sorted by address, so that a PC can be named "function+offset". The ARM mapping
 * symbols ($a, $t, $d: ARM ELF ABI, IHI 0044 §5.5.5) mark code and data, not places, and are
 * left out. A file without a symbol table gives an empty table; a malformed one an
 * {@link ElfException}.
 */
public final class SymbolTable {

    /** A symbol: its name, address and size (0 for an assembly label). */
    public record Symbol(String name, long address, long size) {
    }

    static final int SHT_SYMTAB = 2;
    static final int SHF_EXECINSTR = 0x4;
    static final int STT_NOTYPE = 0, STT_FUNC = 2;

    private final List<Symbol> symbols;

    private SymbolTable(List<Symbol> symbols) {
        this.symbols = List.copyOf(symbols);
    }

    public List<Symbol> symbols() {
        return symbols;
    }

    public static SymbolTable parse(byte[] file) throws ElfException {
        if (file.length < 52 || file[0] != 0x7F || file[1] != 'E' || file[2] != 'L' || file[3] != 'F' || file[4] != 1
                || file[5] != 1) {
            throw new ElfException("not a 32-bit little-endian ELF file");
        }
        ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        long shoff = Integer.toUnsignedLong(b.getInt(32));
        int shentsize = b.getShort(46) & 0xFFFF;
        int shnum = b.getShort(48) & 0xFFFF;
        if (shnum == 0) {
            return new SymbolTable(List.of());
        }
        if (shentsize < 40 || shoff + (long) shentsize * shnum > file.length) {
            throw new ElfException("the section header table lies outside the file (truncated?)");
        }
        boolean[] code = new boolean[shnum];        // sections of instructions (SHF_EXECINSTR)
        for (int i = 0; i < shnum; i++) {
            code[i] = (b.getInt((int) (shoff + (long) i * shentsize) + 8) & SHF_EXECINSTR) != 0;
        }
        List<Symbol> found = new ArrayList<>();
        for (int i = 0; i < shnum; i++) {
            int sh = (int) (shoff + (long) i * shentsize);
            if (b.getInt(sh + 4) != SHT_SYMTAB) {
                continue;
            }
            long offset = Integer.toUnsignedLong(b.getInt(sh + 16));
            long size = Integer.toUnsignedLong(b.getInt(sh + 20));
            int link = b.getInt(sh + 24);
            long entsize = Integer.toUnsignedLong(b.getInt(sh + 36));
            if (entsize < 16 || offset + size > file.length || link < 0 || link >= shnum) {
                throw new ElfException("the symbol table lies outside the file (truncated?)");
            }
            int strSh = (int) (shoff + (long) link * shentsize);
            long strOffset = Integer.toUnsignedLong(b.getInt(strSh + 16));
            long strSize = Integer.toUnsignedLong(b.getInt(strSh + 20));
            if (strOffset + strSize > file.length) {
                throw new ElfException("the symbol names lie outside the file (truncated?)");
            }
            for (long at = offset; at + 16 <= offset + size; at += entsize) {
                int nameAt = b.getInt((int) at);
                long value = Integer.toUnsignedLong(b.getInt((int) at + 4));
                long symSize = Integer.toUnsignedLong(b.getInt((int) at + 8));
                int type = file[(int) at + 12] & 0xF;
                int shndx = b.getShort((int) at + 14) & 0xFFFF;
                if ((type != STT_FUNC && type != STT_NOTYPE) || shndx == 0 || shndx >= shnum || !code[shndx]
                        || nameAt <= 0 || nameAt >= strSize) {
                    continue;
                }
                String name = cString(file, (int) (strOffset + nameAt), (int) (strOffset + strSize));
                if (!name.isEmpty() && !name.startsWith("$") && !name.startsWith(".")) {
                    found.add(new Symbol(name, value & ~1L, symSize));   // bit 0 of a Thumb symbol is not an address
                }
            }
        }
        found.sort(Comparator.comparingLong(Symbol::address).thenComparing(Symbol::name));
        return new SymbolTable(found);
    }

    private static String cString(byte[] file, int from, int limit) {
        int end = from;
        while (end < limit && file[end] != 0) {
            end++;
        }
        return new String(file, from, end - from, StandardCharsets.ISO_8859_1);
    }

    /** The symbol at or before {@code address} (within its size, when it has one). */
    public Optional<Symbol> at(long address) {
        Symbol best = null;
        for (Symbol s : symbols) {               // few hundred symbols: a scan is plenty
            if (s.address() > address) {
                break;
            }
            if (s.size() == 0 || address < s.address() + s.size()) {
                best = s;
            }
        }
        return Optional.ofNullable(best);
    }

    /**
     * The symbol called {@code name}, for a breakpoint on a function; of several (static
     * functions of one name in different files) the lowest.
     */
    public Optional<Symbol> named(String name) {
        for (Symbol s : symbols) {
            if (s.name().equals(name)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /** "name+0x10", "name", or the address in hex when no symbol covers it. */
    public String describe(long address) {
        return at(address).map(s -> address == s.address() ? s.name() : s.name() + "+0x" + Long.toHexString(address - s.address()))
                .orElse(String.format("%08x", address));
    }
}
