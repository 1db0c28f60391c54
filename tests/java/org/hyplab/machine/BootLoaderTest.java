package org.hyplab.machine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.hyplab.board.BoardDescription;
import org.hyplab.cpu.Cpu;
import org.hyplab.fdt.Fdt;
import org.hyplab.fdt.FdtNode;
import org.hyplab.mem.Bus;
import org.junit.jupiter.api.Test;

/** Where the loader puts a Linux-style kernel and its companions, and how each CPU starts. */
class BootLoaderTest {

    static final long MIB = 1 << 20;

    static BoardDescription board(String id) {
        return org.hyplab.testing.Emulator.board(id);
    }

    static Machine machine(BoardDescription b, long mem) {
        return BoardAssembler.build(b, new BoardAssembler.Options(mem, b.cpus(), x -> { }));
    }

    static byte[] bytes(int n, int seed) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (seed + i * 7);
        }
        return b;
    }

    static byte[] read(Bus bus, long pa, int n) {
        byte[] out = new byte[n];
        for (int i = 0; i < n; i++) {
            out[i] = (byte) bus.read8(pa + i);
        }
        return out;
    }

    @Test
    void aRawImageWithInitrdAndModuleIsLaidOutAsQemuDoesAndTheTreeSaysWhere() throws Exception {
        BoardDescription vexpress = board("vexpress-a15");
        Machine m = machine(vexpress, 128 * MIB);
        byte[] kernel = bytes(5000, 1), initrd = bytes(10_000, 2), module = bytes(300, 3);
        BootLoader.Layout layout = BootLoader.boot(m, vexpress, 128 * MIB, new BootLoader.Request("k", kernel,
                "i", initrd, List.of(new BootLoader.Module("g", module, 0x8600_0000L)), null, "console=ttyAMA0"));

        assertEquals("raw image", layout.kind());
        assertEquals(0x8001_0000L, layout.kernelStart());
        assertEquals(0x8400_0000L, layout.initrdStart());            // RAM base + 128 MiB / 2
        assertEquals(0x8400_0000L + 10_000, layout.initrdEnd());
        assertEquals(0x8400_3000L, layout.dtbStart());                // the next 4 KiB boundary
        assertArrayEquals(kernel, read(m.bus(), 0x8001_0000L, kernel.length));
        assertArrayEquals(initrd, read(m.bus(), 0x8400_0000L, initrd.length));
        assertArrayEquals(module, read(m.bus(), 0x8600_0000L, module.length));

        Cpu cpu0 = m.cpus().get(0), cpu1 = m.cpus().get(1);
        assertEquals(0x8001_0000, cpu0.pc);
        assertEquals(0, cpu0.r[0]);
        assertEquals(0x8E0, cpu0.r[1]);
        assertEquals(0x8400_3000, cpu0.r[2]);
        assertEquals(0x1400_0000, cpu1.pc);                           // QEMU's place for the wait loop
        assertEquals(0xE59F2028, m.bus().read32(0x1400_0000L));       // ldr r2, gicc
        assertEquals(0x2C00_2000, m.bus().read32(0x1400_0030L));      // the GICC it enables
        assertEquals(0x1C01_0030, m.bus().read32(0x1400_0034L));      // SYS_FLAGS, its mailbox

        Fdt tree = Fdt.fromBlob(read(m.bus(), layout.dtbStart(), (int) (layout.dtbEnd() - layout.dtbStart())));
        FdtNode chosen = tree.root().find("/chosen").orElseThrow();
        assertEquals(List.of("console=ttyAMA0"), chosen.property("bootargs").orElseThrow().asStrings().orElseThrow());
        assertArrayEquals(new int[] {0, 0x8400_0000}, chosen.property("linux,initrd-start").orElseThrow().asCells().orElseThrow());
        assertArrayEquals(new int[] {0, 0x8400_0000 + 10_000}, chosen.property("linux,initrd-end").orElseThrow().asCells().orElseThrow());
        FdtNode mod = chosen.find("module@86000000").orElseThrow();
        assertEquals(List.of("multiboot,module"), mod.property("compatible").orElseThrow().asStrings().orElseThrow());
        assertArrayEquals(new int[] {0, 0x8600_0000, 0, 300}, mod.property("reg").orElseThrow().asCells().orElseThrow());
        FdtNode memory = tree.root().find("/memory@80000000").orElseThrow();
        assertArrayEquals(new int[] {0, 0x8000_0000, 0, 128 << 20}, memory.property("reg").orElseThrow().asCells().orElseThrow());
    }

    /** With --smp 1 the device tree lists one CPU, so a kernel does not wait for a second. */
    @Test
    void theTreeListsTheCpusOfTheRun() throws Exception {
        BoardDescription vexpress = board("vexpress-a15");
        Machine m = BoardAssembler.build(vexpress, new BoardAssembler.Options(128 * MIB, 1, x -> { }));
        BootLoader.Layout layout = BootLoader.boot(m, vexpress, 128 * MIB, BootLoader.Request.kernelOnly("k", bytes(64, 0)));
        Fdt tree = Fdt.fromBlob(read(m.bus(), layout.dtbStart(), (int) (layout.dtbEnd() - layout.dtbStart())));
        FdtNode cpus = tree.root().find("/cpus").orElseThrow();
        assertEquals(List.of("cpu@0"), cpus.children().stream().map(FdtNode::name).toList());
    }

    @Test
    void onTheArndaleTheSecondaryWaitsInTheIromForSysram() throws Exception {
        BoardDescription arndale = board("arndale");
        Machine m = machine(arndale, 1024 * MIB);
        BootLoader.Layout layout = BootLoader.boot(m, arndale, 1024 * MIB, BootLoader.Request.kernelOnly("k", bytes(64, 0)));
        assertEquals(0x4001_0000L, layout.kernelStart());
        assertEquals(0x4800_0000L, layout.dtbStart());                // 0x40000000 + min(512 MiB, 128 MiB)
        Cpu cpu0 = m.cpus().get(0), cpu1 = m.cpus().get(1);
        assertEquals(0xFFFF_FFFF, cpu0.r[1]);                         // no machine type: a DT-only board
        assertEquals(0, cpu1.pc);                                     // the iROM
        assertEquals(0x1048_2000, m.bus().read32(0x30));
        assertEquals(0x0202_0000, m.bus().read32(0x34));
        assertEquals(0, m.bus().read32(0x0202_0000L));
    }

    @Test
    void anElfStartsEveryCpuAtItsEntryWithZeroedRegisters() throws Exception {
        BoardDescription vexpress = board("vexpress-a15");
        Machine m = machine(vexpress, 256 * MIB);
        byte[] elf = java.nio.file.Files.readAllBytes(org.hyplab.testing.Qemu.armDir()
                .resolve("baremetal/hello-vexpress.elf"));
        BootLoader.Layout layout = BootLoader.boot(m, vexpress, 256 * MIB, BootLoader.Request.kernelOnly("hello", elf));
        assertEquals("ELF", layout.kind());
        for (Cpu cpu : m.cpus()) {
            assertEquals(layout.entry(), cpu.pc);
            assertEquals(0, cpu.r[1]);
            assertEquals(0, cpu.r[2]);
        }
    }

    @Test
    void whatDoesNotFitOrOverlapsIsRefusedWithItsAddresses() {
        BoardDescription vexpress = board("vexpress-a15");
        Machine m = machine(vexpress, 128 * MIB);
        LoadException big = assertThrows(LoadException.class, () -> BootLoader.boot(m, vexpress, 128 * MIB,
                new BootLoader.Request("k", bytes(1000, 0), "i", bytes((int) (70 * MIB), 0), List.of(), null, "")));
        assertTrue(big.getMessage().startsWith("the initrd i (0x84000000-0x88600000) does not fit in RAM"), big.getMessage());
        LoadException over = assertThrows(LoadException.class, () -> BootLoader.boot(m, vexpress, 128 * MIB,
                new BootLoader.Request("k", bytes(1000, 0), null, null,
                        List.of(new BootLoader.Module("a", bytes(100, 0), 0x8400_0000L)), null, "")));
        assertTrue(over.getMessage().startsWith("the device tree (0x84000000-"), over.getMessage());
        assertTrue(over.getMessage().contains("overlaps --module a@0x84000000 (0x84000000-0x84000064)"), over.getMessage());
        LoadException uimage = assertThrows(LoadException.class, () -> BootLoader.boot(m, vexpress, 128 * MIB,
                BootLoader.Request.kernelOnly("u", new byte[] {0x27, 0x05, 0x19, 0x56, 0, 0, 0, 0})));
        assertTrue(uimage.getMessage().contains("U-Boot uImage"), uimage.getMessage());
    }
}
