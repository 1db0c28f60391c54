package org.hyplab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * {@code ./hyplab trace}: the trap timeline of a scenario. The expected traps follow from the
 * guests' sources, not from a run: hello (hypervisor/guests/hello/hello.c) makes five console_io
 * calls (three lines, the middle one built of three calls: "My device tree is at ", the
 * address, the rest) and then SCHEDOP_shutdown; vuart reads the flag register once, then for
 * each character reads it (a word read into r3) and writes the data register (a word write of
 * r1), all stage-2 translation faults at level 2 (its 0x22000000 is in a mapped 1 GiB range whose
 * 2 MiB entry is empty).
 */
class TraceCommandTest {

    record Result(int exit, String out, String err) {
    }

    private static Result main(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** The "trap" column of the lines of vCPU 'dom' ("d1/0": domain 1, vCPU 0). */
    private static List<String> traps(String out, String dom) {
        return out.lines().skip(1).map(l -> l.trim().split("\\s+", 5))   // cycle, CPU, dom, guest pc, trap
                .filter(f -> f[2].equals(dom)).map(f -> f[4]).toList();
    }

    @Test
    void helloMakesFiveConsoleWritesThenShutsDown() {
        for (String board : List.of("vexpress-a15", "arndale")) {
            Result r = main("trace", "--board", board, "--guest", "hello");
            assertEquals(0, r.exit(), r.err());
            assertTrue(r.out().startsWith("       cycle  CPU   vCPU   guest pc  trap"), r.out());
            String console = "HVC #0xea1: hypercall 18 console_io, r0 0";
            // Each console_io returns into print(); the shutdown into main() (hello.elf's symbols).
            String inPrint = "  in print+0x";
            List<String> traps = traps(r.out(), "d1/0");
            assertEquals(List.of(console, console, console, console, console, "HVC #0xea1: hypercall 29 sched_op, r0 2"),
                    traps.stream().map(t -> t.substring(0, t.indexOf("  in "))).toList(), r.out());
            assertTrue(traps.subList(0, 5).stream().allMatch(t -> t.contains(inPrint)), r.out());
            assertTrue(traps.get(5).contains("  in main+0x"), r.out());
            // Which hypervisor code handled them: trap.c's guest_trap sends an HVC #0xEA1 to
            // do_hypercall (hypercall.c), whose busiest callee copies the text from the guest.
            assertTrue(traps.subList(0, 5).stream().allMatch(t -> t.endsWith("-> guest_trap > do_hypercall > copy_from_guest")),
                    r.out());
        }
    }

    @Test
    void untilEndsAfterTheFirstMatchingTrap() {
        Result r = main("trace", "--board", "vexpress-a15", "--hypervisor", "--guest", "hello", "--until", "console_io");
        assertEquals(0, r.exit(), r.err());
        List<String> traps = traps(r.out(), "d1/0");
        assertEquals(1, traps.size(), r.out());
        assertTrue(traps.get(0).endsWith("-> guest_trap > do_hypercall > copy_from_guest"), r.out());
        assertTrue(r.err().contains("STOPPED"), r.err());
        Result early = main("trace", "--board", "vexpress-a15", "--guest", "hello", "--until", "1");
        assertEquals(List.of(), traps(early.out(), "d1/0"), early.out());
    }

    @Test
    void vuartTrapsOnEveryUartAccess() {
        Result r = main("trace", "--board", "vexpress-a15", "--guest", "vuart");
        assertEquals(0, r.exit(), r.err());
        List<String> traps = traps(r.out(), "d1/0");
        // The flag register once, then per character a flag read and a data write (putc, which
        // the compiler puts inside puts: vuart.elf's symbols); then shutdown.
        String text = "Hello through the emulated PL011 at 0x22000000.\nIts flag register reads 00000090: transmitter empty, nothing received.\n";
        assertEquals(1 + 2 * text.length() + 1, traps.size(), r.out());
        assertTrue(traps.get(0).startsWith("data abort: word read into "), traps.get(0));
        assertTrue(traps.get(1).startsWith("data abort: word read into r3, translation fault, level 2  in puts+0x"), traps.get(1));
        assertTrue(traps.get(2).startsWith("data abort: word write of r1, translation fault, level 2  in puts+0x"), traps.get(2));
        // trap.c sends a guest's data abort to do_data_abort (mmio.c), which finds the vpl011.
        assertTrue(traps.get(2).contains("-> guest_trap > do_data_abort > "), traps.get(2));
        assertTrue(traps.get(traps.size() - 1).startsWith("HVC #0xea1: hypercall 29 sched_op, r0 2"), r.out());
    }

    @Test
    void badInputIsOneLine() {
        Result r = main("trace", "--guest", "hello");
        assertEquals(2, r.exit());
        assertTrue(r.err().startsWith("hyplab trace: --board is required"), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
    }
}
