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
 * @param name  what the user calls it ("hypervisor", "hello")
 * @param file  the ELF it came from
 */
public record Image(String name, Path file, SymbolTable symbols, LineTable lines) {

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
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(elf);
        } catch (java.io.IOException e) {
            throw new ElfException("cannot read " + elf + ": " + e.getMessage());
        }
        return new Image(name, elf, SymbolTable.parse(bytes), LineTable.parse(bytes));
    }

    /**
     * Where a breakpoint for {@code line} really shows that line: a statement row of the line
     * may share its address with a later row of another line (DWARF 5 §6.2.5: rows at one
     * address, views), and then that address is the other line's (the last row wins, as in
     * addr2line). The breakpoint moves to the next instruction of the same function that is
     * the line's, so that stopping there shows the line asked for.
     */
    private long ownedBy(long at, int line) {
        Optional<SymbolTable.Symbol> function = symbols.at(at);
        for (long a = at; a < at + 64 * 4; a += 4) {
            if (function.isPresent() && !symbols.at(a).equals(function)) {
                break;
            }
            Optional<SourceLine> l = lines.at(a);
            if (l.isPresent() && l.get().line() == line) {
                return a;
            }
        }
        return at;
    }

    /** The symbol called {@code name}. */
    public Optional<SymbolTable.Symbol> named(String name) {
        return symbols.symbols().stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** "name+0x10" of the function holding {@code pc}. */
    public Optional<String> function(long pc) {
        return symbols.at(pc).map(s -> pc == s.address() ? s.name() : s.name() + "+0x" + Long.toHexString(pc - s.address()));
    }

    public Optional<SymbolTable.Symbol> symbol(long pc) {
        return symbols.at(pc);
    }

    public Optional<SourceLine> line(long pc) {
        return lines.at(pc);
    }

    /**
     * Where a breakpoint named {@code where} goes: "file.c:LINE", a function's name, or an
     * address ("0x80001000"). Several addresses for a line the compiler split; empty when the
     * name means nothing here.
     */
    public List<Long> resolve(String where) {
        String w = where.trim();
        int colon = w.lastIndexOf(':');
        if (colon > 0 && w.substring(colon + 1).matches("[0-9]+")) {
            int line = Integer.parseInt(w.substring(colon + 1));
            return lines.addressesOf(w.substring(0, colon), line).stream().map(at -> ownedBy(at, line)).distinct().toList();
        }
        if (w.matches("(0x)?[0-9a-fA-F]{1,8}") && (w.startsWith("0x") || named(w).isEmpty())) {
            return List.of(Long.parseLong(w.startsWith("0x") ? w.substring(2) : w, 16));
        }
        return named(w).map(s -> List.of(s.address())).orElse(List.of());
    }
}
