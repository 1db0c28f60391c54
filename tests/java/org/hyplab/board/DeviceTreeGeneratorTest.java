package org.hyplab.board;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.hyplab.fdt.Dtc;
import org.hyplab.fdt.Fdt;
import org.hyplab.fdt.FdtException;
import org.hyplab.fdt.FdtNode;
import org.hyplab.fdt.FdtProperty;
import org.hyplab.testing.TestProject;
import org.junit.jupiter.api.Test;

/** The generated trees, checked as dtc decompiles them against the facts of BOARDS.md. */
class DeviceTreeGeneratorTest {

    static BoardDescription board(String id) {
        return BoardFiles.load(TestProject.repositoryRoot()).find(BoardDescription::id, id).orElseThrow();
    }

    private static String dts(String id, BootParameters boot) {
        return Dtc.decompile(DeviceTreeGenerator.generate(board(id), boot));
    }

    /** The body of the node whose header line is {@code name {}, up to its closing brace. */
    private static String node(String dts, String name) {
        int start = dts.indexOf("\t" + name + " {\n");
        assertTrue(start >= 0, name + " not in\n" + dts);
        Matcher indent = Pattern.compile("\n(\t+)" + Pattern.quote(name) + " \\{").matcher(dts);
        assertTrue(indent.find());
        int end = dts.indexOf("\n" + indent.group(1) + "};", start);
        return dts.substring(start, end);
    }

    @Test
    void vexpressTree() {
        BootParameters boot = new BootParameters(256L << 20, "console=ttyAMA0 earlyprintk", 0, 0, List.of());
        String dts = dts("vexpress-a15", boot);
        // Root identity and 2/2 cells as vexpress-v2p-ca15-tc1.dts (BOARDS.md §2.9).
        assertTrue(dts.contains("model = \"V2P-CA15\";"), dts);
        assertTrue(dts.contains("compatible = \"arm,vexpress,v2p-ca15,tc1\\0arm,vexpress,v2p-ca15\\0arm,vexpress\";"));
        assertTrue(dts.contains("#address-cells = <0x02>;\n\t#size-cells = <0x02>;"), dts);
        // --mem 256 MiB at the DRAM base.
        assertTrue(node(dts, "memory@80000000").contains("reg = <0x00 0x80000000 0x00 0x10000000>;"), dts);
        // GIC: the four windows of §2.2, maintenance PPI 9 level-high for 2 CPUs (mask 0x3).
        String gic = node(dts, "interrupt-controller@2c001000");
        assertTrue(gic.contains("compatible = \"arm,cortex-a15-gic\\0arm,cortex-a9-gic\";"), gic);
        assertTrue(gic.contains("reg = <0x00 0x2c001000 0x00 0x1000 0x00 0x2c002000 0x00 0x2000"
                + " 0x00 0x2c004000 0x00 0x2000 0x00 0x2c006000 0x00 0x2000>;"), gic);
        assertTrue(gic.contains("interrupts = <0x01 0x09 0x304>;"), gic);
        assertTrue(gic.contains("#interrupt-cells = <0x03>;") && gic.contains("interrupt-controller;"), gic);
        // Timer PPIs 13, 14, 11, 10 (IDs 29, 30, 27, 26), level-low, no clock-frequency (§2.3).
        String timer = node(dts, "timer");
        assertTrue(timer.contains("interrupts = <0x01 0x0d 0x308 0x01 0x0e 0x308 0x01 0x0b 0x308 0x01 0x0a 0x308>;"),
                timer);
        assertFalse(timer.contains("clock-frequency"), timer);
        // The console and the other UARTs; UART0 is SPI 5 (ID 37, §2.1).
        assertTrue(dts.contains("serial0 = \"/soc/serial@1c090000\";"), dts);
        assertTrue(dts.contains("serial3 = \"/soc/serial@1c0c0000\";"), dts);
        String uart0 = node(dts, "serial@1c090000");
        assertTrue(uart0.contains("interrupts = <0x00 0x05 0x04>;"), uart0);
        assertTrue(uart0.contains("clock-names = \"uartclk\\0apb_pclk\";"), uart0);
        assertTrue(node(dts, "timer@1c110000").contains("interrupts = <0x00 0x02 0x04>;"));
        assertTrue(node(dts, "clock-24000000").contains("clock-frequency = <0x16e3600>;"));
        assertTrue(node(dts, "clock-1000000").contains("clock-frequency = <0xf4240>;"));
        String chosen = node(dts, "chosen");
        assertTrue(chosen.contains("stdout-path = \"serial0:115200n8\";"), chosen);
        assertTrue(chosen.contains("bootargs = \"console=ttyAMA0 earlyprintk\";"), chosen);
        assertFalse(chosen.contains("initrd"), chosen);
        assertTrue(dts.contains("interrupt-parent = <0x01>;"), dts);
        String cpus = node(dts, "cpus");
        assertTrue(cpus.contains("cpu@1 {") && cpus.contains("compatible = \"arm,cortex-a15\";"), cpus);
    }

    @Test
    void arndaleTree() {
        BootParameters boot = new BootParameters(1L << 30, "", 0x4200_0000L, 0x4210_0000L,
                List.of(new BootParameters.Module(0x4800_0000L, 0x20_0000), new BootParameters.Module(0x4a00_0000L, 0x1000)));
        String dts = dts("arndale", boot);
        assertTrue(dts.contains("model = \"Insignal Arndale evaluation board based on Exynos5250\";"), dts);
        assertTrue(dts.contains("compatible = \"insignal,arndale\\0samsung,exynos5250\\0samsung,exynos5\";"), dts);
        assertTrue(dts.contains("#address-cells = <0x01>;\n\t#size-cells = <0x01>;"), dts);
        assertTrue(node(dts, "memory@40000000").contains("reg = <0x40000000 0x40000000>;"), dts);
        String gic = node(dts, "interrupt-controller@10481000");
        assertTrue(gic.contains("compatible = \"arm,gic-400\\0arm,cortex-a15-gic\";"), gic);
        assertTrue(gic.contains("reg = <0x10481000 0x1000 0x10482000 0x2000 0x10484000 0x2000 0x10486000 0x2000>;"), gic);
        // Level-low timer PPIs with the DT clock-frequency (§3.3).
        String timer = node(dts, "timer");
        assertTrue(timer.contains("interrupts = <0x01 0x0d 0x308 0x01 0x0e 0x308 0x01 0x0b 0x308 0x01 0x0a 0x308>;"));
        assertTrue(timer.contains("clock-frequency = <0x16e3600>;"), timer);
        // serial0 is the console UART2 at 0x12C20000, SPI 53 (§3.1, §3.4).
        assertTrue(dts.contains("serial0 = \"/soc/serial@12c20000\";"), dts);
        assertTrue(dts.contains("serial1 = \"/soc/serial@12c00000\";"), dts);
        assertTrue(node(dts, "serial@12c20000").contains("interrupts = <0x00 0x35 0x04>;"));
        // MCT: G0..G3 via the combiner groups' SPIs 23, 25, then L0/L1 = SPI 120, 121 (§3.5).
        assertTrue(node(dts, "timer@101c0000").contains("interrupts = <0x00 0x17 0x04 0x00 0x17 0x04 0x00 0x19 0x04"
                + " 0x00 0x19 0x04 0x00 0x78 0x04 0x00 0x79 0x04>;"));
        // The sysram where secondaries find their start address (§3.6).
        assertTrue(node(dts, "smp-sysram@0").contains("compatible = \"samsung,exynos4210-sysram\";"), dts);
        String chosen = node(dts, "chosen");
        assertTrue(chosen.contains("linux,initrd-start = <0x42000000>;"), chosen);
        assertTrue(chosen.contains("linux,initrd-end = <0x42100000>;"), chosen);
        assertFalse(chosen.contains("bootargs"), "no bootargs given");
        assertTrue(node(chosen, "module@48000000").contains("compatible = \"multiboot,module\";"), chosen);
        assertTrue(node(chosen, "module@48000000").contains("reg = <0x48000000 0x200000>;"), chosen);
        assertTrue(node(chosen, "module@4a000000").contains("reg = <0x4a000000 0x1000>;"), chosen);
    }

    @Test
    void theTreeFollowsTheBoardDescription() throws FdtException {
        // A board with 1 CPU: the PPI CPU masks follow the core count.
        BoardDescription one = BoardFiles.parse("one", BoardFilesTest.MINIMAL);
        FdtNode root = Fdt.fromBlob(DeviceTreeGenerator.generate(one, BootParameters.defaults(one))).root();
        int[] timer = root.find("timer").flatMap(n -> n.property("interrupts")).flatMap(FdtProperty::asCells)
                .orElseThrow();
        assertEquals(0x108, timer[2]);
        assertEquals(1, root.find("cpus").orElseThrow().children().size());
        assertEquals(List.of("serial0"), root.find("aliases").orElseThrow().properties().stream()
                .map(FdtProperty::name).toList());
        // Default memory (64 MiB) at the dram base, one cell each: this dram ends below 4 GiB.
        assertArrayEquals(new int[] {0x8000_0000, 64 << 20},
                root.find("memory@80000000").flatMap(n -> n.property("reg")).flatMap(FdtProperty::asCells).orElseThrow());
    }

    @Test
    void moreMemoryThanTheBoardHasIsRefused() {
        BoardDescription arndale = board("arndale");
        assertThrows(IllegalArgumentException.class, () -> DeviceTreeGenerator.generate(arndale,
                new BootParameters(4L << 30, "", 0, 0, List.of())));
    }

    @Test
    void patchKeepsTheUsersNodesAndRewritesMemoryAndChosen() throws FdtException {
        byte[] user = Dtc.compile("""
                /dts-v1/;
                / {
                    #address-cells = <2>;
                    #size-cells = <2>;
                    model = "my board";
                    memory@80000000 { device_type = "memory"; reg = <0 0x80000000 0 0x8000000>; };
                    chosen { bootargs = "old"; stdout-path = "serial0"; };
                    mydevice@1c090000 { compatible = "me,thing"; reg = <0 0x1c090000 0 0x1000>; };
                };
                """);
        BootParameters boot = new BootParameters(512L << 20, "console=hvc0", 0x9000_0000L, 0x9010_0000L,
                List.of(new BootParameters.Module(0xA000_0000L, 0x4000)));
        byte[] patched = DeviceTreeGenerator.patch(board("vexpress-a15"), user, boot);
        String dts = Dtc.decompile(patched);
        assertTrue(dts.contains("model = \"my board\";"), dts);
        assertTrue(node(dts, "mydevice@1c090000").contains("compatible = \"me,thing\";"), dts);
        assertTrue(node(dts, "memory@80000000").contains("reg = <0x00 0x80000000 0x00 0x20000000>;"), dts);
        String chosen = node(dts, "chosen");
        assertTrue(chosen.contains("bootargs = \"console=hvc0\";"), chosen);
        assertTrue(chosen.contains("stdout-path = \"serial0\";"), "the user's stdout-path stays");
        assertTrue(chosen.contains("linux,initrd-start = <0x00 0x90000000>;"), chosen);
        assertTrue(node(chosen, "module@a0000000").contains("reg = <0x00 0xa0000000 0x00 0x4000>;"), chosen);
        // The two-argument patch takes the base from the user's /memory and gives the same blob.
        assertArrayEquals(patched, DeviceTreeGenerator.patch(user, boot));
    }

    @Test
    void patchMovesMemoryToTheBoardsBaseAndRefusesBadBlobs() throws FdtException {
        byte[] user = Dtc.compile("""
                /dts-v1/;
                / { #address-cells = <1>; #size-cells = <1>; memory { device_type = "memory"; reg = <0 0x1000>; }; };
                """);
        FdtNode root = Fdt.fromBlob(DeviceTreeGenerator.patch(board("arndale"), user,
                new BootParameters(64L << 20, "", 0, 0, List.of()))).root();
        assertEquals(List.of("memory@40000000", "chosen"), root.children().stream().map(FdtNode::name).toList());
        assertArrayEquals(new int[] {0x4000_0000, 64 << 20},
                root.find("memory@40000000").flatMap(n -> n.property("reg")).flatMap(FdtProperty::asCells).orElseThrow());
        FdtException e = assertThrows(FdtException.class, () -> DeviceTreeGenerator.patch(board("arndale"),
                new byte[] {1, 2, 3}, BootParameters.defaults(board("arndale"))));
        assertEquals("truncated: 3 bytes, shorter than the 40-byte header", e.getMessage());
        // 1-cell trees cannot hold a module above 4 GiB.
        assertThrows(FdtException.class, () -> DeviceTreeGenerator.patch(board("arndale"), user,
                new BootParameters(64L << 20, "", 0, 0, List.of(new BootParameters.Module(1L << 32, 16)))));
    }
}
