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
    private static final Path SLEEP_MINUTE = Qemu.armDir().resolve("tests/cli/sleep_minute.elf");
    private static final Path ECHO = Qemu.armDir().resolve("tests/cli/echo.elf");
    private static final Path LINUX_BOOT = Qemu.armDir().resolve("tests/boot/linux_boot.bin");

    record Result(int exit, String out, String err) {
    }

    private static Result run(String... args) {
        return runWithInput("", args);
    }

    private static Result runWithInput(String input, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String[] all = new String[args.length + 1];
        all[0] = "run";
        System.arraycopy(args, 0, all, 1, args.length);
        int exit = Main.run(all, new java.io.ByteArrayInputStream(input.getBytes(StandardCharsets.ISO_8859_1)),
                new PrintStream(out, true, StandardCharsets.UTF_8),
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
        Path empty = Files.write(dir.resolve("empty.bin"), new byte[0]);
        assertEquals(new Result(2, "", "hyplab run: " + empty + ": the kernel file is empty\n"),
                run("--kernel", empty.toString()));
        Path elfHeaderOnly = Files.write(dir.resolve("cut.elf"), new byte[] {0x7F, 'E', 'L', 'F', 1, 1, 1});
        assertEquals(new Result(2, "", "hyplab run: " + elfHeaderOnly + ": not an ELF file (no ELF header)\n"),
                run("--kernel", elfHeaderOnly.toString()));
        Result missing = run("--kernel", dir.resolve("nope.elf").toString());
        assertEquals(2, missing.exit());
        assertTrue(missing.err().endsWith("nope.elf: no such file\n"), missing.err());
        assertEquals("hyplab run: --kernel FILE is required\n", run().err());
        assertEquals("hyplab run: --max-insns must be a positive whole number, not 'lots'\n",
                run("--kernel", HELLO.toString(), "--max-insns", "lots").err());
        assertEquals("hyplab run: unknown board 'pc' (boards: arndale, vexpress-a15)\n",
                run("--board", "pc", "--kernel", HELLO.toString()).err());
        assertEquals("hyplab run: --smp is at most 4 (a Cortex-A15 cluster has 1 to 4 CPUs)\n",
                run("--kernel", HELLO.toString(), "--smp", "5").err());
    }

    /** A 32-bit little-endian executable ELF header for another machine (EM_386). */
    @Test
    void aNonArmElfIsExitTwo(@TempDir Path dir) throws Exception {
        byte[] elf = new byte[52];
        elf[0] = 0x7F; elf[1] = 'E'; elf[2] = 'L'; elf[3] = 'F';
        elf[4] = 1; elf[5] = 1; elf[6] = 1;
        elf[16] = 2;    // ET_EXEC
        elf[18] = 3;    // EM_386
        Path file = Files.write(dir.resolve("x86.elf"), elf);
        Result r = run("--kernel", file.toString());
        assertEquals(new Result(2, "", "hyplab run: " + file + ": not an ARM ELF (e_machine 3, ARM is 40)\n"), r);
    }

    /** A zImage whose header (start 0, end 0x4000 at offsets 0x28/0x2C) promises more than the file has. */
    @Test
    void aTruncatedZImageIsExitTwo(@TempDir Path dir) throws Exception {
        byte[] image = new byte[0x1000];
        putWord(image, 0x24, 0x016F2818);
        putWord(image, 0x28, 0);
        putWord(image, 0x2C, 0x4000);
        Path file = Files.write(dir.resolve("zImage"), image);
        Result r = run("--kernel", file.toString());
        assertEquals(new Result(2, "", "hyplab run: " + file
                + ": truncated zImage: its header says 16384 bytes, the file has 4096\n"), r);
    }

    @Test
    void anOverlappingModuleIsExitTwo(@TempDir Path dir) throws Exception {
        Path module = Files.write(dir.resolve("guest.bin"), new byte[0x2000]);
        Result r = run("--kernel", LINUX_BOOT.toString(), "--mem", "128", "--module", module + "@0x80010800");
        assertEquals(2, r.exit(), r.err());
        assertEquals("hyplab run: " + LINUX_BOOT + ": --module " + module + "@0x80010800 (0x80010800-0x80012800) "
                + "overlaps the kernel (0x80010000-0x" + Long.toHexString(0x80010000L + Files.size(LINUX_BOOT))
                + ")\n", r.err());
        Result twice = run("--kernel", LINUX_BOOT.toString(), "--module", module + "@0x90000000",
                "--module", module + "@0x90001000");
        assertEquals(2, twice.exit(), twice.err());
        assertTrue(twice.err().contains("overlaps --module " + module + "@0x90000000"), twice.err());
        Result outside = run("--kernel", LINUX_BOOT.toString(), "--mem", "128", "--module", module + "@0x90000000");
        assertTrue(outside.err().endsWith("does not fit in RAM (0x80000000-0x88000000)\n"), outside.err());
        assertEquals(2, run("--kernel", LINUX_BOOT.toString(), "--module", module + "@lots").exit());
    }

    @Test
    void aRawImageBootsWithTheLinuxProtocolAndPowersOff() {
        Result r = run("--kernel", LINUX_BOOT.toString(), "--mem", "256");
        assertEquals(0, r.exit(), r.err());
        // r2: the device tree half-way into 256 MiB of RAM, as QEMU places it (BOARDS.md §2.8)
        assertTrue(r.out().startsWith("r0=00000000\r\nr1=000008e0\r\nr2=88000000\r\n"), r.out());
        assertTrue(r.out().contains("dtb magic=d00dfeed\r\n"), r.out());
        assertTrue(r.out().contains("cpu1 started: yes\r\n"), r.out());
    }

    /** Waiting costs nothing: a minute of emulated sleep is a jump to the timer's event. */
    @Test
    void aMinuteInWfiTakesAFewInstructions() {
        Result r = run("--kernel", SLEEP_MINUTE.toString());
        assertEquals(0, r.exit(), r.err());
        assertEquals("cntp_ctl=00000005\r\na minute passed\r\n", r.out());
        long retired = Long.parseLong(r.err().replaceAll("(?s).*after ([0-9,]+) instructions.*", "$1").replace(",", ""));
        assertTrue(retired < 10_000, r.err());
    }

    /** Standard input reaches the console UART; the program sleeps between bytes. */
    @Test
    void theConsoleReadsStandardInput() {
        Result r = runWithInput("hello, world.", "--kernel", ECHO.toString());
        assertEquals(0, r.exit(), r.err());
        assertEquals("type:\r\nHELLO, WORLD\r\nbye\r\n", r.out());
        // Input ends before the '.': every CPU waits and no byte can come, a deadlock.
        Result cut = runWithInput("abc", "--kernel", ECHO.toString());
        assertEquals(4, cut.exit(), cut.err());
        assertEquals("type:\r\nABC", cut.out());
    }

    private static void putWord(byte[] b, int off, int v) {
        for (int i = 0; i < 4; i++) {
            b[off + i] = (byte) (v >>> (8 * i));
        }
    }
}
