package org.hyplab.scenario;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.hyplab.board.BootParameters;
import org.hyplab.board.DeviceTreeGenerator;
import org.hyplab.fdt.Dtc;
import org.hyplab.machine.BootLoader;
import org.hyplab.testing.Emulator;
import org.hyplab.testing.GuestImages;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scenario: where the guests' modules go, the dom0less nodes of the device tree (read back by
 * dtc), and the one-line refusals. The guests here are made by the test: zImage headers of
 * chosen lengths, so every address below follows from the placement rule (RAM + 64 MiB, each
 * module 1 MiB aligned after the one before) and not from what a build happened to produce.
 */
class ScenarioTest {

    static final long MIB = 1L << 20;
    static final long VEXPRESS_MEM = 256 * MIB;

    @TempDir
    Path dir;
    GuestCatalog catalog;

    @BeforeEach
    void guests() throws Exception {
        Files.createDirectories(dir.resolve("src/small"));
        Files.createDirectories(dir.resolve("src/big"));
        Files.createDirectories(dir.resolve("src/pair"));
        Files.createDirectories(dir.resolve("src/common"));
        Files.createDirectories(dir.resolve("built"));
        Files.write(dir.resolve("built/small.zImage"), GuestImages.zImage(0x40008000L, 0x300, 0x300));
        Files.write(dir.resolve("built/big.zImage"), GuestImages.zImage(0x40008000L, 0x180000, 0x180000));
        Files.write(dir.resolve("built/pair.zImage"), GuestImages.zImage(0x40008000L, 0x200, 0x200));
        Files.writeString(dir.resolve("src/pair/domain.yaml"), "cpus: 2\nmemory: 32 MiB\n");
        catalog = new GuestCatalog(dir.resolve("src"), dir.resolve("built"));
    }

    private Scenario on(String board, long mem, String... specs) {
        return Scenario.of(Emulator.board(board), mem, java.util.Arrays.stream(specs).map(catalog::parse).toList());
    }

    @Test
    void modulesGoFromRamPlus64MiBEachOneMiBAlignedAfterTheLast() {
        Scenario s = on("vexpress-a15", VEXPRESS_MEM, "small", "big", "small");
        assertEquals(List.of(0x8400_0000L, 0x8410_0000L, 0x8430_0000L),
                s.domains().stream().map(Domain::moduleAddress).toList());
        assertEquals(List.of(1, 2, 3), s.domains().stream().map(Domain::id).toList());
        Scenario arndale = on("arndale", 1024 * MIB, "small", "big", "small");
        assertEquals(List.of(0x4400_0000L, 0x4410_0000L, 0x4430_0000L),
                arndale.domains().stream().map(Domain::moduleAddress).toList());
        List<BootLoader.Module> modules = s.modules();
        assertEquals(0x300, modules.get(0).data().length);
        assertEquals(0x180000, modules.get(1).data().length);
    }

    @Test
    void aDomainTakesItsDomainFileAndTheCommandLineOverridesIt() {
        Guest plain = catalog.parse("small");
        assertEquals(1, plain.cpus());
        assertEquals(16 * MIB, plain.memBytes());
        Guest pair = catalog.parse("pair");
        assertEquals(2, pair.cpus());
        assertEquals(32 * MIB, pair.memBytes());
        Guest overridden = catalog.parse("pair,cpus=1,memory=64");
        assertEquals(1, overridden.cpus());
        assertEquals(64 * MIB, overridden.memBytes());
    }

    /**
     * dtc reads the tree back; /chosen holds exactly Xen's bootargs and one domU per guest, each
     * kernel with its bootargs (the default, or the rest of the spec after "bootargs=", commas
     * and all).
     */
    @Test
    void theDeviceTreeHoldsExactlyTheDom0lessNodes() {
        Scenario s = on("vexpress-a15", VEXPRESS_MEM, "small", "pair,memory=48,bootargs=role=pong, peer=1");
        String dts = Dtc.decompile(s.deviceTree());
        String chosen = dts.substring(dts.indexOf("\tchosen {"), dts.indexOf("\n\t};\n", dts.indexOf("\tchosen {")) + 5);
        assertEquals("""
                \tchosen {
                \t\tstdout-path = "serial0:115200n8";
                \t\txen,xen-bootargs = "console=dtuart dtuart=serial0 loglvl=all guest_loglvl=all xsm=dummy";
                \t\t#address-cells = <0x02>;
                \t\t#size-cells = <0x02>;

                \t\tdomU1 {
                \t\t\tcompatible = "xen,domain";
                \t\t\t#address-cells = <0x01>;
                \t\t\t#size-cells = <0x01>;
                \t\t\tmemory = <0x00 0x4000>;
                \t\t\tcpus = <0x01>;
                \t\t\tvpl011;
                \t\t\txen,enhanced = "no-xenstore";

                \t\t\tmodule@84000000 {
                \t\t\t\tcompatible = "multiboot,kernel\\0multiboot,module";
                \t\t\t\treg = <0x84000000 0x300>;
                \t\t\t\tbootargs = "console=ttyAMA0";
                \t\t\t};
                \t\t};

                \t\tdomU2 {
                \t\t\tcompatible = "xen,domain";
                \t\t\t#address-cells = <0x01>;
                \t\t\t#size-cells = <0x01>;
                \t\t\tmemory = <0x00 0xc000>;
                \t\t\tcpus = <0x02>;
                \t\t\tvpl011;
                \t\t\txen,enhanced = "no-xenstore";

                \t\t\tmodule@84100000 {
                \t\t\t\tcompatible = "multiboot,kernel\\0multiboot,module";
                \t\t\t\treg = <0x84100000 0x200>;
                \t\t\t\tbootargs = "role=pong, peer=1";
                \t\t\t};
                \t\t};
                \t};
                """, chosen);
        assertEquals(2, dts.split("multiboot,kernel", -1).length - 1, dts);
        assertTrue(dts.contains("memory@80000000 {\n\t\tdevice_type = \"memory\";\n\t\treg = <0x00 0x80000000 0x00 0x10000000>;"),
                dts);
    }

    /** What an export writes is byte for byte what the boot loader hands HypLab's hypervisor. */
    @Test
    void theBootLoaderGivesTheHypervisorExactlyTheScenariosTree() throws Exception {
        Scenario s = on("vexpress-a15", VEXPRESS_MEM, "small", "big");
        List<BootParameters.Module> modules = s.domains().stream()
                .map(d -> new BootParameters.Module(d.moduleAddress(), d.moduleSize())).toList();
        byte[] patched = DeviceTreeGenerator.patch(s.board(), s.deviceTree(),
                new BootParameters(VEXPRESS_MEM, "", 0, 0, modules));
        assertArrayEquals(s.deviceTree(), patched);
    }

    /** A module no domain lists (e.g. --module beside the scenario) is still described on its own. */
    @Test
    void onlyTheModulesNoDomainListsGetABareNode() throws Exception {
        Scenario s = on("vexpress-a15", VEXPRESS_MEM, "small");
        List<BootParameters.Module> modules = List.of(new BootParameters.Module(0x8400_0000L, 0x300),
                new BootParameters.Module(0x8600_0000L, 0x1000));
        String dts = Dtc.decompile(DeviceTreeGenerator.patch(s.board(), s.deviceTree(),
                new BootParameters(VEXPRESS_MEM, "", 0, 0, modules)));
        assertEquals(1, dts.split("module@84000000 \\{", -1).length - 1, dts);
        assertTrue(dts.contains("\t\tmodule@86000000 {\n\t\t\tcompatible = \"multiboot,module\";\n"
                + "\t\t\treg = <0x00 0x86000000 0x00 0x1000>;\n\t\t};"), dts);
    }

    @Test
    void aZImageAFewBytesShortOfItsHeaderIsPaddedAndMoreIsTruncated() throws Exception {
        Path short3 = Files.write(dir.resolve("short3.zImage"), GuestImages.zImage(0x40008000L, 0x100, 0x100 - 3));
        GuestKernel k = GuestKernel.read("short3", short3);
        assertEquals(0x100, k.size());
        assertEquals(0x40008000L, k.loadStart());
        assertEquals(0x40008100L, k.loadEnd());
        Path short4 = Files.write(dir.resolve("short4.zImage"), GuestImages.zImage(0x40008000L, 0x100, 0x100 - 4));
        assertEquals(short4 + ": truncated zImage: its header says 256 bytes, the file has 252",
                assertThrows(ScenarioException.class, () -> GuestKernel.read("short4", short4)).getMessage());
    }

    @Test
    void anElfGuestIsAcceptedButNotExported() throws Exception {
        Path elf = Files.write(dir.resolve("hello.elf"), GuestImages.elf(0x40008000, 0x100));
        Scenario s = on("vexpress-a15", VEXPRESS_MEM, elf.toString());
        assertEquals(0x40008000L, s.domains().get(0).guest().kernel().loadStart());
        assertEquals(0x40008100L, s.domains().get(0).guest().kernel().loadEnd());
        assertEquals(GuestKernel.Kind.ELF, s.domains().get(0).guest().kernel().kind());
        assertEquals("hello.elf", s.domains().get(0).guest().name());
        assertEquals("d1 hello.elf: is an ELF; an export also boots on real Xen 4.17, which loads only zImages "
                + "(XEN-ABI.md §6): give this guest as a zImage",
                assertThrows(ScenarioException.class, () -> ScenarioExport.checkExportable(s)).getMessage());
    }

    private String refusal(String board, long mem, String... specs) {
        return assertThrows(ScenarioException.class, () -> on(board, mem, specs)).getMessage();
    }

    @Test
    void badGuestsAreRefusedInOneLine() throws Exception {
        assertEquals("unknown guest 'nope' (guests: big, pair, small; or give the path of a zImage or ELF file)",
                refusal("vexpress-a15", VEXPRESS_MEM, "nope"));
        assertEquals("unknown guest 'common' (guests: big, pair, small; or give the path of a zImage or ELF file)",
                refusal("vexpress-a15", VEXPRESS_MEM, "common"));
        Files.createDirectories(dir.resolve("src/unbuilt"));
        assertEquals("guest 'unbuilt' is not built: " + dir.resolve("built/unbuilt.zImage")
                + " is missing (./hyplab build makes it)", refusal("vexpress-a15", VEXPRESS_MEM, "unbuilt"));
        assertEquals(dir.resolve("missing.zImage") + ": no such file",
                refusal("vexpress-a15", VEXPRESS_MEM, dir.resolve("missing.zImage").toString()));
        Path text = Files.writeString(dir.resolve("notes.txt"), "not a kernel at all, but long enough to have a header");
        assertEquals(text + ": not a guest kernel: neither a zImage (magic 0x016F2818 at offset 0x24) nor an ELF",
                refusal("vexpress-a15", VEXPRESS_MEM, text.toString()));
        assertEquals("--guest small,colour=red: unknown option 'colour=red' (options: cpus=N, memory=MiB, bootargs=TEXT)",
                refusal("vexpress-a15", VEXPRESS_MEM, "small,colour=red"));
        assertEquals("--guest small,cpus=two: cpus must be a number of virtual CPUs, not 'two'",
                refusal("vexpress-a15", VEXPRESS_MEM, "small,cpus=two"));
        Files.createDirectories(dir.resolve("src/odd"));
        Files.write(dir.resolve("built/odd.zImage"), GuestImages.zImage(0x40008000L, 0x100, 0x100));
        Files.writeString(dir.resolve("src/odd/domain.yaml"), "cpus: 1\ncolour: red\n");
        assertEquals(dir.resolve("src/odd/domain.yaml") + ": unknown field 'colour' (known fields: cpus, memory)",
                refusal("vexpress-a15", VEXPRESS_MEM, "odd"));
    }

    @Test
    void domainsTheBoardCannotGiveAreRefusedInOneLine() throws Exception {
        assertEquals("d1 small: cpus must be from 1 to 2 (the vexpress-a15 has 2 CPUs), not 3",
                refusal("vexpress-a15", VEXPRESS_MEM, "small,cpus=3"));
        assertEquals("d2 small: cpus must be from 1 to 2 (the vexpress-a15 has 2 CPUs), not 0",
                refusal("vexpress-a15", VEXPRESS_MEM, "small", "small,cpus=0"));
        assertEquals("d1 small: memory must be a multiple of 2 MiB from 4 to 512 MiB, not 3 MiB",
                refusal("vexpress-a15", VEXPRESS_MEM, "small,memory=3"));
        assertEquals("d1 small: memory must be a multiple of 2 MiB from 4 to 512 MiB, not 2 MiB",
                refusal("vexpress-a15", VEXPRESS_MEM, "small,memory=2"));
        assertEquals("d1 small: memory must be a multiple of 2 MiB from 4 to 512 MiB, not 514 MiB",
                refusal("vexpress-a15", 2048 * MIB, "small,memory=514"));
        on("vexpress-a15", 2048 * MIB, "small,memory=512");
        String[] nine = new String[9];
        java.util.Arrays.fill(nine, "small");
        assertEquals("9 guests: the hypervisor runs at most 8 domains", refusal("vexpress-a15", VEXPRESS_MEM, nine));
        // 128 MiB above the tree at RAM + 128 MiB, less its 2 MiB: 126 MiB for the domains.
        assertEquals("the domains' RAM (128 MiB in all) does not fit in the 126 MiB above the device tree "
                + "(256 MiB of RAM; give more with --mem)", refusal("vexpress-a15", VEXPRESS_MEM, "small,memory=128"));
        on("vexpress-a15", VEXPRESS_MEM, "small,memory=126");
        // 2 MiB from 0x40008000 ends above 0x40000000 + 4 MiB - 2 MiB, but not above 6 MiB - 2 MiB.
        Path huge = Files.write(dir.resolve("huge.zImage"), GuestImages.zImage(0x40008000L, 0x200000, 0x200000));
        assertEquals("d1 huge.zImage: the kernel (at 0x40008000-0x40208000) is too big for, or outside, its 4 MiB of RAM "
                + "at 0x40000000 less the top 2 MiB for its device tree", refusal("vexpress-a15", VEXPRESS_MEM, huge + ",memory=4"));
        on("vexpress-a15", VEXPRESS_MEM, huge + ",memory=6");
        Path low = Files.write(dir.resolve("low.zImage"), GuestImages.zImage(0x8000L, 0x100, 0x100));
        assertEquals("d1 low.zImage: the kernel (at 0x00008000-0x00008100) is too big for, or outside, its 16 MiB of RAM "
                + "at 0x40000000 less the top 2 MiB for its device tree", refusal("vexpress-a15", VEXPRESS_MEM, low.toString()));
    }

    @Test
    void guestsThatDoNotFitBelowTheDeviceTreeAreRefused() throws Exception {
        // With 128 MiB the tree is at RAM + 64 MiB: no room at all.
        assertEquals("d1 small: the guests' kernels do not fit between RAM + 64 MiB and the device tree at "
                + "0x84000000 (128 MiB of RAM; give more with --mem)", refusal("vexpress-a15", 128 * MIB, "small"));
        // 256 MiB: 12 MiB kernels at 0x84000000, 0x84C00000, ...: five fit below 0x88000000.
        Path large = Files.write(dir.resolve("large.zImage"), GuestImages.zImage(0x40008000L, 12 << 20, 12 << 20));
        String[] six = new String[6];
        java.util.Arrays.fill(six, large.toString());
        assertEquals("d6 large.zImage: the guests' kernels do not fit between RAM + 64 MiB and the device tree at "
                + "0x88000000 (256 MiB of RAM; give more with --mem)", refusal("vexpress-a15", VEXPRESS_MEM, six));
        assertEquals(5, on("vexpress-a15", VEXPRESS_MEM, java.util.Arrays.copyOf(six, 5)).domains().size());
    }
}
