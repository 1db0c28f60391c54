package org.hyplab.debug;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.hyplab.elf.ElfException;
import org.hyplab.elf.LineTable;
import org.hyplab.elf.SourceLine;
import org.hyplab.elf.SymbolTable;

/**
 * One program's debug information: the hypervisor's, a guest kernel's, a bare-metal program's.
 * Its symbols name functions; its line table maps PCs to source lines and lines to addresses.
 *
 * <p>Every address it takes and gives is a run-time address: the link address plus
 * {@code bias}. The teaching hypervisor is linked at 0 as a position-independent executable and
 * runs where the boot loader put it (hypervisor/README.md), so its bias is its load address;
 * programs that run where they are linked have none.
 *
 * @param name what the user calls it ("hypervisor", "hello")
 * @param file the ELF it came from
 * @param bias run-time address minus link address
 */
public record Image(String name, Path file, SymbolTable symbols, LineTable lines, long entry, long bias) {

    /**
     * Reads an ELF's symbols and line table. A zImage is looked up as the ELF beside it (the
     * build keeps both: {@code hello.zImage} and {@code hello.elf}).
     *
     * @throws ElfException when the file is not a readable ELF
     */
    public static Image load(String name, Path file) throws ElfException {
        Path elf = file;
        String fileName = file.getFileName().toString();
        if (fileName.endsWith(".zImage")) {
            elf = file.resolveSibling(fileName.substring(0, fileName.length() - ".zImage".length()) + ".elf");
        } else if (fileName.endsWith(".bin")) {
            elf = file.resolveSibling(fileName.substring(0, fileName.length() - ".bin".length()) + ".elf");
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(elf);
        } catch (java.io.IOException e) {
            throw new ElfException("cannot read " + elf + ": " + e.getMessage());
        }
        SymbolTable symbols = SymbolTable.parse(bytes);   // checks the ELF header: 32-bit, little-endian ARM
        // e_entry, at offset 0x18 of an ELF32 header (System V ABI, "ELF Header"); an executable
        // or, like the hypervisor, a position-independent one (ET_DYN).
        long entry = java.nio.ByteBuffer.wrap(bytes, 0x18, 4).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt() & 0xFFFF_FFFFL;
        return new Image(name, elf, symbols, LineTable.parse(bytes), entry, 0);
    }

    /** This image run from {@code entryAddress} (where the boot loader started it) rather than from its link address. */
    public Image startedAt(long entryAddress) {
        return new Image(name, file, symbols, lines, entry, entryAddress - entry);
    }

    /** "name+0x10" of the function holding {@code pc}. */
    public Optional<String> function(long pc) {
        return symbol(pc).map(s -> pc == s.address() ? s.name() : s.name() + "+0x" + Long.toHexString(pc - s.address()));
    }

    /** The function holding {@code pc}, at its run-time address. */
    public Optional<SymbolTable.Symbol> symbol(long pc) {
        return symbols.at(pc - bias).map(this::moved);
    }

    /** The symbol called {@code name}, at its run-time address. */
    public Optional<SymbolTable.Symbol> named(String name) {
        return symbols.symbols().stream().filter(s -> s.name().equals(name)).findFirst().map(this::moved);
    }

    /** The line-table row covering {@code pc}, its address at run time. */
    public Optional<SourceLine> line(long pc) {
        return lines.at(pc - bias).map(l -> bias == 0 ? l
                : new SourceLine(l.file(), l.line(), l.column(), l.address() + bias, l.isStmt()));
    }

    private SymbolTable.Symbol moved(SymbolTable.Symbol s) {
        return bias == 0 ? s : new SymbolTable.Symbol(s.name(), s.address() + bias, s.size());
    }

    /**
     * Where a breakpoint named {@code where} goes: "file.c:LINE", a function's name, or an
     * address ("0x80001000", taken as it is). Several addresses for a line the compiler split;
     * empty when the name means nothing here.
     */
    public List<Long> resolve(String where) {
        String w = where.trim();
        int colon = w.lastIndexOf(':');
        if (colon > 0 && w.substring(colon + 1).matches("[1-9][0-9]{0,8}")) {
            int line = Integer.parseInt(w.substring(colon + 1));
            return lines.addressesOf(w.substring(0, colon), line).stream()
                    .map(at -> ownedBy(at + bias, line)).distinct().toList();
        }
        if (w.matches("(0x)?[0-9a-fA-F]{1,8}") && (w.startsWith("0x") || named(w).isEmpty())) {
            return List.of(Long.parseLong(w.startsWith("0x") ? w.substring(2) : w, 16));
        }
        return named(w).map(s -> List.of(s.address())).orElse(List.of());
    }

    /**
     * Where a breakpoint for {@code line} really shows that line: a statement row of the line
     * may share its address with a later row of another line (DWARF 5 §6.2.5: rows at one
     * address, views), and then that address is the other line's (the last row wins, as in
     * addr2line). The breakpoint moves to the next instruction of the same function that is
     * the line's, so that stopping there shows the line asked for.
     */
    private long ownedBy(long at, int line) {
        Optional<SymbolTable.Symbol> function = symbol(at);
        for (long a = at; a < at + 64 * 4; a += 4) {
            if (function.isPresent() && !symbol(a).equals(function)) {
                break;
            }
            Optional<SourceLine> l = line(a);
            if (l.isPresent() && l.get().line() == line) {
                return a;
            }
        }
        return at;
    }
}
