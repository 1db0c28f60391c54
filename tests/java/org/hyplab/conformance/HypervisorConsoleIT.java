package org.hyplab.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;

import org.hyplab.board.BoardDescription;
import org.hyplab.machine.BoardAssembler;
import org.hyplab.machine.BootLoader;
import org.hyplab.machine.ConsoleInput;
import org.hyplab.machine.Machine;
import org.hyplab.scenario.GuestCatalog;
import org.hyplab.scenario.Scenario;
import org.hyplab.testing.Emulator;
import org.hyplab.testing.HypervisorScenarios;
import org.hyplab.testing.Qemu;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Console input, as on Xen (hypervisor/input.c): keystrokes go first to the hypervisor, which
 * answers 'h' with its help line; CTRL-a typed three times switches them to d1, whose vpl011
 * receives them; the test guest tests/arm/hypervisor/console_in.c prints the line it read, reads
 * a second one with console_io read, writes 3000 bytes in one console_io write (continued by
 * the hypervisor in batches) and shuts down, and the board powers off. The keystrokes are all there from the start, so the
 * run is the same every time.
 */
class HypervisorConsoleIT {

    /** Bytes typed, then the end of the input. */
    static ConsoleInput typed(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        return new ConsoleInput() {
            int next;

            @Override
            public int poll() {
                return next < bytes.length ? bytes[next++] & 0xFF : END;
            }

            @Override
            public int await() {
                return poll();
            }
        };
    }

    @ParameterizedTest
    @ValueSource(strings = {"vexpress-a15", "arndale"})
    void keystrokesReachTheHypervisorThenTheDomainTheyAreSwitchedTo(String boardId) throws Exception {
        BoardDescription board = Emulator.board(boardId);
        long mem = HypervisorScenarios.MEMORY.get(boardId);
        Scenario scenario = Scenario.of(board, mem,
                List.of(GuestCatalog.file(Qemu.armDir().resolve("tests/hypervisor/console_in.zImage"))));
        BootLoader.Request request = scenario.bootRequest("hypervisor", HypervisorScenarios.hypervisor());
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        Machine machine = BoardAssembler.build(board, new BoardAssembler.Options(mem, board.cpus(), console::write));
        machine.setConsoleInput(typed("h\u0001\u0001\u0001hi there\nand more\n"));
        BootLoader.boot(machine, board, mem, request);
        Machine.Stop stop = machine.run(50_000_000L);
        String text = console.toString(StandardCharsets.ISO_8859_1).replace("\r\n", "\n");
        assertEquals(Machine.Stop.POWERED_OFF, stop, text);
        List<String> lines = text.lines().toList();
        int toHypervisor = lines.indexOf("(XEN) *** Serial input to the hypervisor (type 'CTRL-a' three times to switch input)");
        int help = lines.indexOf("(XEN) 'd' lists the domains and their vCPUs; 'CTRL-a' three times switches input");
        int toDomain = lines.indexOf("(XEN) *** Serial input to DOM1 (type 'CTRL-a' three times to switch input)");
        int got = lines.indexOf("(d1) console_in: got 'hi there'");
        assertTrue(toHypervisor >= 0 && toHypervisor < help && help < toDomain && toDomain < got, text);
        List<String> expected = new java.util.ArrayList<>(List.of("(d1) console_in: type a line for me",
                "(d1) console_in: got 'hi there'", "(d1) console_in: console_io read gave 'and more'"));
        // 30 lines of 99 letters, each line starting one letter later: one write of 3000 bytes,
        // which the hypervisor does in batches (a continued hypercall), line for line.
        for (int line = 0; line < 30; line++) {
            StringBuilder b = new StringBuilder("(d1) ");
            for (int k = 0; k < 99; k++) {
                b.append((char) ('a' + (line + k) % 26));
            }
            expected.add(b.toString());
        }
        expected.add("(d1) console_in: 3000 bytes in one console_io write: 0");
        assertEquals(expected, HypervisorScenarios.domainLines(text).get(1), text);
    }
}
