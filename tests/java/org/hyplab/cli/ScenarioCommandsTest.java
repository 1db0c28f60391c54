package org.hyplab.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.hyplab.fdt.Dtc;
import org.hyplab.testing.HypervisorScenarios;
import org.hyplab.testing.Qemu;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./hyplab run --hypervisor --guest ...} and {@code ./hyplab export}: what they boot and
 * write, and that bad input is exit code 2 with one line on standard error.
 */
class ScenarioCommandsTest {

    private static final Path GUESTS = Qemu.armDir().resolve("guests");

    record Result(int exit, String out, String err) {
    }

    private static Result main(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(exit, out.toString(StandardCharsets.ISO_8859_1), err.toString(StandardCharsets.UTF_8));
    }

    /**
     * hello alone: the guest's lines of the reviewed transcript of tests/hypervisor/ (see the
     * README there), its module where the scenario puts it, and the board powered off.
     */
    @Test
    void runBootsTheHypervisorWithItsGuests() throws Exception {
        Result r = main("run", "--board", "vexpress-a15", "--mem", "256", "--hypervisor", "--guest", "hello");
        assertEquals(0, r.exit(), r.err());
        assertEquals(HypervisorScenarios.domainLines(HypervisorScenarios.golden("hello", "vexpress-a15")),
                HypervisorScenarios.domainLines(r.out()), r.out());
        assertTrue(r.out().contains("kernel from the boot module at 84000000"), r.out());
        assertTrue(r.err().startsWith("hyplab run: powered off"), r.err());
        // A guest given as a file is the same guest.
        Result file = main("run", "--board", "vexpress-a15", "--mem", "256", "--hypervisor",
                "--guest", GUESTS.resolve("hello.zImage").toString());
        assertEquals(r.out(), file.out());
    }

    @Test
    void exportWritesTheScenarioAndItsScripts(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("trio");
        Result r = main("export", "--board", "arndale", "--guest", "crash", "--guest", "vuart", "--guest", "hello",
                "-o", out.toString());
        assertEquals(0, r.exit(), r.err());
        assertEquals("wrote " + out + ": hypervisor.bin, d1-crash.zImage, d2-vuart.zImage, d3-hello.zImage, "
                + "arndale.dtb, vexpress-a15.dtb, qemu.sh, xen.sh\n", r.out());
        assertArrayEquals(Files.readAllBytes(Qemu.armDir().resolve("hypervisor.bin")),
                Files.readAllBytes(out.resolve("hypervisor.bin")));
        for (String guest : List.of("crash", "vuart", "hello")) {
            byte[] built = Files.readAllBytes(GUESTS.resolve(guest + ".zImage"));
            byte[] module = Files.readAllBytes(out.resolve("d" + (List.of("crash", "vuart", "hello").indexOf(guest) + 1)
                    + "-" + guest + ".zImage"));
            // The module is the built zImage, padded with zeros to its header's end - start at most.
            assertArrayEquals(built, Arrays.copyOf(module, built.length), guest);
            assertTrue(module.length - built.length < 4, guest);
        }
        // The Arndale's tree places the modules in its RAM; QEMU's vexpress tree in the vexpress RAM.
        assertTrue(Dtc.decompile(Files.readAllBytes(out.resolve("arndale.dtb"))).contains("module@44200000 {"));
        assertTrue(Dtc.decompile(Files.readAllBytes(out.resolve("vexpress-a15.dtb"))).contains("module@84200000 {"));
        String qemu = Files.readString(out.resolve("qemu.sh"));
        assertTrue(qemu.contains("exec qemu-system-arm -M vexpress-a15,secure=off -smp 2 -m 256 -nographic -monitor none "
                + "-no-reboot \\\n    -kernel hypervisor.bin -dtb vexpress-a15.dtb \\\n"
                + "    -device loader,file=d1-crash.zImage,addr=0x84000000,force-raw=on \\\n"
                + "    -device loader,file=d2-vuart.zImage,addr=0x84100000,force-raw=on \\\n"
                + "    -device loader,file=d3-hello.zImage,addr=0x84200000,force-raw=on \\\n    \"$@\"\n"), qemu);
        assertTrue(qemu.contains("# QEMU has no arndale board."), qemu);
        String xen = Files.readString(out.resolve("xen.sh"));
        assertTrue(xen.contains("    -kernel \"$XEN\" -dtb vexpress-a15.dtb \\\n"
                + "    -device loader,file=d1-crash.zImage,addr=0x84000000,force-raw=on \\\n"), xen);
        assertTrue(Files.isExecutable(out.resolve("qemu.sh")) && Files.isExecutable(out.resolve("xen.sh")));
    }

    @Test
    void aVersatileExpressExportHasOneTree(@TempDir Path dir) throws Exception {
        Result r = main("export", "--board", "vexpress-a15", "--guest", "hello", "-o", dir.toString());
        assertEquals(0, r.exit(), r.err());
        assertEquals("wrote " + dir + ": hypervisor.bin, d1-hello.zImage, vexpress-a15.dtb, qemu.sh, xen.sh\n", r.out());
        assertTrue(!Files.readString(dir.resolve("qemu.sh")).contains("QEMU has no"));
    }

    private static void refused(String expected, String... args) {
        Result r = main(args);
        assertEquals(new Result(2, "", expected + "\n"), r, String.join(" ", args));
    }

    @Test
    void badInputIsExitTwoWithOneLine(@TempDir Path dir) throws Exception {
        String out = dir.resolve("x").toString();
        refused("hyplab export: -o DIR is required; usage: export --board B "
                + "--guest NAME|FILE[,cpus=N][,memory=MiB][,bootargs=TEXT] ... -o DIR [--hypervisor FILE]", "export", "--board", "vexpress-a15", "--guest", "hello");
        // The exact message, with its list of guests, is ScenarioTest's; here: one line, exit 2.
        Result unknown = main("export", "--board", "vexpress-a15", "--guest", "nope", "-o", out);
        assertEquals(2, unknown.exit());
        assertTrue(unknown.err().startsWith("hyplab export: unknown guest 'nope' (guests: ") && unknown.err().contains("hello")
                && unknown.err().endsWith("; or give the path of a zImage or ELF file)\n")
                && unknown.err().indexOf('\n') == unknown.err().length() - 1, unknown.err());
        Path elf = Files.write(dir.resolve("hello.elf"), org.hyplab.testing.GuestImages.elf(0x40008000, 0x100));
        refused("hyplab export: d1 hello.elf: is an ELF; an export also boots on real Xen 4.17, which loads only zImages "
                + "(XEN-ABI.md §6): give this guest as a zImage",
                "export", "--board", "vexpress-a15", "--guest", elf.toString(), "-o", out);
        refused("hyplab export: d1 hello: cpus must be from 1 to 2 (the arndale has 2 CPUs), not 3",
                "export", "--board", "arndale", "--guest", "hello,cpus=3", "-o", out);
        refused("hyplab export: " + dir.resolve("none.bin") + ": no such file",
                "export", "--board", "arndale", "--guest", "hello", "--hypervisor", dir.resolve("none.bin").toString(),
                "-o", out);
        assertTrue(Files.notExists(dir.resolve("x")), "nothing written for a refused export");
        refused("hyplab run: d1 smp: cpus must be from 1 to 1 (the vexpress-a15 has 1 CPU), not 2",
                "run", "--smp", "1", "--hypervisor", "--guest", "smp");
        refused("hyplab run: --guest needs --hypervisor: guests run under a hypervisor",
                "run", "--board", "vexpress-a15", "--guest", "hello");
        refused("hyplab run: give either --kernel FILE or --hypervisor [FILE], not both",
                "run", "--kernel", "x.elf", "--hypervisor", "--guest", "hello");
        refused("hyplab run: --hypervisor makes the device tree and places the guests itself: leave out --dtb, "
                + "--initrd and --module", "run", "--hypervisor", "--guest", "hello", "--module", "x@0x84000000");
        refused("hyplab run: d1 hello: memory must be a multiple of 2 MiB from 4 to 512 MiB, not 5 MiB",
                "run", "--board", "vexpress-a15", "--hypervisor", "--guest", "hello,memory=5");
        Path notKernel = Files.writeString(dir.resolve("readme.txt"), "this is text, not a guest kernel, and long enough");
        refused("hyplab run: " + notKernel + ": not a guest kernel: neither a zImage (magic 0x016F2818 at offset 0x24) "
                + "nor an ELF", "run", "--hypervisor", "--guest", notKernel.toString());
        refused("hyplab run: d1 hello: the guests' kernels do not fit between RAM + 64 MiB and the device tree at 0x84000000 "
                + "(128 MiB of RAM; give more with --mem)", "run", "--mem", "128", "--hypervisor", "--guest", "hello");
    }
}
