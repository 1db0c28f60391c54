package org.hyplab.elf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.hyplab.testing.Qemu;
import org.junit.jupiter.api.Test;

/**
 * The code symbols of the hypervisor and of a guest, against GNU binutils' own reading of the
 * same files ({@code arm-none-eabi-nm}, the project's oracle for ELF and disassembly).
 */
class SymbolTableTest {

    /** nm's text symbols (types t and T), mapping symbols left out, as "address name". */
    private static Set<String> nmText(Path elf) throws Exception {
        Process nm = new ProcessBuilder("arm-none-eabi-nm", "-n", elf.toString()).redirectErrorStream(true).start();
        String out = new String(nm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, nm.waitFor(), out);
        Set<String> text = new HashSet<>();
        for (String line : out.lines().toList()) {
            String[] f = line.trim().split("\\s+");
            if (f.length == 3 && (f[1].equals("t") || f[1].equals("T")) && !f[2].startsWith("$")) {
                text.add(Long.parseLong(f[0], 16) + " " + f[2]);
            }
        }
        return text;
    }

    private static Set<String> ours(SymbolTable table) {
        Set<String> set = new HashSet<>();
        table.symbols().forEach(s -> set.add(s.address() + " " + s.name()));
        return set;
    }

    @Test
    void everyCodeSymbolNmSeesIsThereAtItsAddress() throws Exception {
        for (Path elf : List.of(Qemu.armDir().resolve("hypervisor.elf"), Qemu.armDir().resolve("guests/hello.elf"))) {
            SymbolTable table = SymbolTable.parse(Files.readAllBytes(elf));
            Set<String> expected = nmText(elf);
            assertFalse(expected.isEmpty(), elf.toString());
            assertTrue(ours(table).containsAll(expected), () -> {
                Set<String> missing = new HashSet<>(expected);
                missing.removeAll(ours(table));
                return elf + ": missing " + missing;
            });
        }
    }

    @Test
    void aPcIsNamedByItsFunction() throws Exception {
        SymbolTable hyp = SymbolTable.parse(Files.readAllBytes(Qemu.armDir().resolve("hypervisor.elf")));
        SymbolTable.Symbol trap = hyp.symbols().stream().filter(s -> s.name().equals("guest_trap")).findFirst().orElseThrow();
        assertEquals("guest_trap", hyp.describe(trap.address()));
        assertEquals("guest_trap+0x8", hyp.describe(trap.address() + 8));
        SymbolTable hello = SymbolTable.parse(Files.readAllBytes(Qemu.armDir().resolve("guests/hello.elf")));
        assertEquals("_start", hello.describe(0x4000_8000L));   // guest.ld links the guest at 0x40008000
        assertEquals("00000010", hello.describe(0x10));          // before the first symbol
    }

    @Test
    void aBrokenFileIsRefusedInWords() throws Exception {
        byte[] elf = Files.readAllBytes(Qemu.armDir().resolve("guests/hello.elf"));
        assertThrows(ElfException.class, () -> SymbolTable.parse(Arrays.copyOf(elf, 40)));
        byte[] cut = Arrays.copyOf(elf, elf.length / 2);   // the section headers are at the end
        assertEquals("the section header table lies outside the file (truncated?)",
                assertThrows(ElfException.class, () -> SymbolTable.parse(cut)).getMessage());
    }
}
