package org.hyplab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.hyplab.testing.Qemu;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./hyplab run}'s contract: console on stdout, the exit codes, and clear errors. */
class RunCommandTest {

    private static final Path HELLO = Qemu.armDir().resolve("baremetal/hello-vexpress.elf");
    private static final Path WAIT_FOREVER = Qemu.armDir().resolve("tests/cli/wait_forever.elf");

    record Result(int exit, String out, String err) {
    }

    private static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String[] all = new String[args.length + 1];
        all[0] = "run";
        System.arraycopy(args, 0, all, 1, args.length);
        int exit = Main.run(all, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(exit, out.toString(StandardCharsets.ISO_8859_1), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aProgramThatPowersOffExitsZeroWithItsConsoleOnStdout() {
        Result r = run("--board", "vexpress-a15", "--kernel", HELLO.toString());
        assertEquals(0, r.exit(), r.err());
        assertEquals("Hello from HypLab on the Versatile Express A15!\r\nEntered in HYP mode.\r\nPowering off.\r\n", r.out());
        assertTrue(r.err().startsWith("hyplab run: powered off (SYS_CFGCTRL shutdown) after "), r.err());
    }

    @Test
    void runningOutOfInstructionsExitsThree() {
        Result r = run("--kernel", HELLO.toString(), "--max-insns", "50");
        assertEquals(3, r.exit(), r.err());
        assertEquals("hyplab run: stopped after 50 instructions (--max-insns)\n", r.err());
    }

    @Test
    void waitingForAnInterruptThatCannotComeExitsFour() {
        Result r = run("--kernel", WAIT_FOREVER.toString());
        assertEquals(4, r.exit(), r.err());
        assertEquals("waiting\r\n", r.out());
        assertTrue(r.err().contains("every CPU waits for an interrupt that nothing can raise"), r.err());
    }

    @Test
    void badInputIsExitTwoWithAReason(@TempDir Path dir) throws Exception {
        Path text = Files.writeString(dir.resolve("notes.txt"), "hello");
        assertEquals(new Result(2, "", "hyplab run: " + text + ": not an ELF file (no ELF header)\n"),
                run("--kernel", text.toString()));
        Result missing = run("--kernel", dir.resolve("nope.elf").toString());
        assertEquals(2, missing.exit());
        assertTrue(missing.err().endsWith("nope.elf: no such file\n"), missing.err());
        assertEquals("hyplab run: --kernel FILE is required\n", run().err());
        assertEquals("hyplab run: --max-insns must be a positive whole number, not 'lots'\n",
                run("--kernel", HELLO.toString(), "--max-insns", "lots").err());
        assertTrue(run("--board", "arndale", "--kernel", HELLO.toString()).err()
                .contains("board 'arndale' cannot run programs yet"));
    }
}
