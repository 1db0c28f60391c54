package org.hyplab.ui.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.hyplab.elf.LineTable;
import org.hyplab.elf.SourceLine;
import org.hyplab.elf.SymbolTable;
import org.hyplab.testing.TestProject;
import org.junit.jupiter.api.Test;

/**
 * The Lab's relocated copy of the position-independent hypervisor ELF: every symbol and every
 * line-table row moves by the load bias and nothing else changes, checked against the original
 * file as the build made it.
 */
class LabHypervisorImageTest {

    private static final long BIAS = 0x8001_0000L;   // where vexpress's boot loader puts it: RAM + 64 KiB

    @Test
    void symbolsAndLinesMoveByTheBias() throws Exception {
        Path elf = TestProject.repositoryRoot().resolve("target/arm/hypervisor.elf");
        byte[] original = Files.readAllBytes(elf);
        byte[] moved = original.clone();
        RelocatedElf.relocate(moved, (int) BIAS);

        SymbolTable before = SymbolTable.parse(original), after = SymbolTable.parse(moved);
        assertEquals(before.symbols().size(), after.symbols().size());
        for (int i = 0; i < before.symbols().size(); i++) {
            SymbolTable.Symbol a = before.symbols().get(i), b = after.symbols().get(i);
            assertEquals(a.name(), b.name());
            assertEquals(a.address() + BIAS, b.address(), a.name());
            assertEquals(a.size(), b.size(), a.name());
        }
        SymbolTable.Symbol handler = before.symbols().stream().filter(s -> s.name().equals("do_hypercall")).findFirst()
                .orElseThrow();
        assertEquals(Optional.of(handler.name()), after.at(handler.address() + BIAS).map(SymbolTable.Symbol::name));

        LineTable lb = LineTable.parse(original), la = LineTable.parse(moved);
        int rows = 0;
        for (long pc = handler.address(); pc < handler.address() + handler.size(); pc += 4) {
            Optional<SourceLine> x = lb.at(pc), y = la.at(pc + BIAS);
            assertEquals(x.isPresent(), y.isPresent(), Long.toHexString(pc));
            if (x.isPresent()) {
                assertEquals(x.get().file(), y.get().file());
                assertEquals(x.get().line(), y.get().line(), Long.toHexString(pc));
                assertEquals(x.get().address() + BIAS, y.get().address());
                rows++;
            }
        }
        assertTrue(rows > 0, "do_hypercall has line rows");
        SourceLine first = lb.at(handler.address()).orElseThrow();
        List<Long> at = la.addressesOf("hypercall.c", first.line());
        assertFalse(at.isEmpty());
        assertEquals(lb.addressesOf("hypercall.c", first.line()).stream().map(a -> a + BIAS).toList(), at);
    }
}
