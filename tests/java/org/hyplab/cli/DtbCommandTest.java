package org.hyplab.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.hyplab.fdt.Dtc;
import org.hyplab.testing.TestProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./hyplab dtb}, through {@link Main} as the launcher runs it. */
class DtbCommandTest {

    record Result(int exitCode, byte[] out, String err) {
    }

    private static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String[] all = new String[args.length + 1];
        all[0] = "dtb";
        System.arraycopy(args, 0, all, 1, args.length);
        int code = Main.run(all, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toByteArray(), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void writesTheBlobToStandardOutput() {
        Result r = run("--board", "arndale", "--mem", "512", "--bootargs", "console=ttySAC2");
        assertEquals(0, r.exitCode(), r.err());
        assertEquals("", r.err());
        String dts = Dtc.decompile(r.out());
        assertTrue(dts.contains("reg = <0x40000000 0x20000000>;"), dts);
        assertTrue(dts.contains("bootargs = \"console=ttySAC2\";"), dts);
    }

    @Test
    void writesToAFileWithDashO(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("v.dtb");
        Result r = run("--board", "vexpress-a15", "-o", file.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertEquals(0, r.out().length);
        String dts = Dtc.decompile(Files.readAllBytes(file));
        // Without --mem: the board's default, 1 GiB.
        assertTrue(dts.contains("reg = <0x00 0x80000000 0x00 0x40000000>;"), dts);
        assertArrayEquals(Files.readAllBytes(file), run("--board", "vexpress-a15").out(), "same blob either way");
    }

    @Test
    void badArgumentsExitWithTwoAndOneLine() {
        List<String[]> cases = List.of(
                new String[] {"--board", "zynq"},
                new String[] {},
                new String[] {"--board", "arndale", "--mem", "0"},
                new String[] {"--board", "arndale", "--mem", "4096"},
                new String[] {"--board", "arndale", "--mem", "lots"},
                new String[] {"--board"},
                new String[] {"--board", "arndale", "--colour"});
        for (String[] args : cases) {
            Result r = run(args);
            assertEquals(2, r.exitCode(), String.join(" ", args));
            assertEquals(1, r.err().lines().count(), r.err());
            assertEquals(0, r.out().length);
        }
        assertEquals("hyplab dtb: unknown board 'zynq' (boards: arndale, vexpress-a15)\n",
                run("--board", "zynq").err());
        assertEquals("hyplab dtb: --mem must be a whole number of MiB from 1 to 2048 on arndale, found '4096'\n",
                run("--board", "arndale", "--mem", "4096").err());
    }

    @Test
    void aBrokenBoardFileIsNamed(@TempDir Path dir) {
        TestProject project = TestProject.copyOfRepository(dir).with("boards/broken.yaml", "name: [x\n");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Command.UsageException e = org.junit.jupiter.api.Assertions.assertThrows(Command.UsageException.class,
                () -> new DtbCommand(project.root()).run(List.of("--board", "broken"),
                        new PrintStream(new ByteArrayOutputStream()), new PrintStream(err)));
        assertTrue(e.getMessage().startsWith("boards/broken.yaml:"), e.getMessage());
        assertTrue(e.getMessage().contains("not valid YAML"), e.getMessage());
    }
}
