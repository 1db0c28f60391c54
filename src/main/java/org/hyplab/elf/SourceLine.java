package org.hyplab.elf;

/**
 * A row of a line table: the instructions from {@code address} on come from {@code line} (and
 * {@code column}, 0 when unknown) of {@code file}, the path as the compiler recorded it with its
 * directory joined. {@code isStmt}: the row begins a statement, where a breakpoint belongs
 * (DWARF 5 §6.2.2).
 */
public record SourceLine(String file, int line, int column, long address, boolean isStmt) {
}
