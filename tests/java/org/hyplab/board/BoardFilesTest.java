package org.hyplab.board;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.hyplab.content.Catalog;
import org.hyplab.content.ContentException;
import org.hyplab.content.LoadProblem;
import org.hyplab.testing.TestProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BoardFilesTest {

    /** A small but complete board; tests replace one line of it to break it. */
    static final String MINIMAL = """
            name: B
            summary: s
            cpu: Cortex-A15
            cpus: 1
            compatible: x
            model: M
            machine-id: 0x8E0
            counter-hz: 24000000
            default-memory: 64 MiB
            memory:
              - {name: dram, kind: ram, base: 0x80000000, size: 128 MiB}
              - {name: sram, kind: ram, base: 0x14000000, size: 32 MiB}
            gic:
              distributor: 0x2C001000
              cpu-interface: 0x2C002000
              virtual-control: 0x2C004000
              virtual-cpu-interface: 0x2C006000
              maintenance-interrupt: 25
              compatible: ["arm,cortex-a15-gic"]
            timer-interrupts: [29, 30, 27, 26]
            devices:
              - {name: uart0, type: pl011, base: 0x1C090000, size: 0x1000, interrupts: 37, compatible: ["arm,pl011"]}
              - {name: sysreg, type: vexpress-sysreg, base: 0x1C010000, size: 0x1000, compatible: ["arm,vexpress-sysreg"]}
            console: uart0
            secondary-boot: sys-flags
            """;

    private static String replacing(String line, String with) {
        assertTrue(MINIMAL.contains(line), line);
        return MINIMAL.replace(line, with);
    }

    private static String error(String yaml) {
        return assertThrows(ContentException.class, () -> BoardFiles.parse("b", yaml)).getMessage();
    }

    @Test
    void theRepositoryBoardsLoadWithoutProblems() {
        Catalog<BoardDescription> boards = BoardFiles.load(TestProject.repositoryRoot());
        assertEquals(List.of(), boards.problems());
        assertEquals(List.of("arndale", "vexpress-a15"), boards.entries().stream().map(BoardDescription::id).toList());

        BoardDescription vexpress = boards.find(BoardDescription::id, "vexpress-a15").orElseThrow();
        assertEquals(2, vexpress.cpus());
        assertEquals("Cortex-A15", vexpress.cpu());
        // Linux's vexpress-v2p-ca15-tc1.dts root compatible, most specific first (BOARDS.md §2.9).
        assertEquals(List.of("arm,vexpress,v2p-ca15,tc1", "arm,vexpress,v2p-ca15", "arm,vexpress"), vexpress.compatible());
        assertEquals(Optional.of("vexpress-a15"), vexpress.qemuMachine());

        BoardDescription arndale = boards.find(BoardDescription::id, "arndale").orElseThrow();
        assertEquals("insignal,arndale", arndale.compatible().get(0));
        assertEquals(Optional.empty(), arndale.qemuMachine(), "QEMU has no Exynos 5250 model");
    }

    @Test
    void vexpressMatchesBoardsMd() {
        BoardDescription b = BoardFiles.load(TestProject.repositoryRoot())
                .find(BoardDescription::id, "vexpress-a15").orElseThrow();
        assertEquals("V2P-CA15", b.model());
        assertEquals(2272, b.machineId());                                   // §2.8: r1 = 0x8E0
        assertEquals(62_500_000, b.counterHz());                             // §2.3
        assertEquals(1L << 30, b.defaultMemBytes());
        assertEquals(new MemoryRegion("dram", MemoryRegion.Kind.RAM, 0x8000_0000L, 0x8000_0000L), b.dram());
        assertEquals(0x1400_0000L, region(b, "sram").base());                // §2.7: the secondary stub
        assertEquals(MemoryRegion.Kind.FLASH, region(b, "flash1").kind());
        assertEquals(new GicLayout(0x2C00_1000L, 0x2C00_2000L, 0x2C00_4000L, 0x2C00_5000L, 0x2C00_6000L, 25,
                List.of("arm,cortex-a15-gic", "arm,cortex-a9-gic")), b.gic());
        assertEquals(List.of(29, 30, 27, 26), b.timerInterrupts());
        assertEquals(new DeviceSpec("uart0", DeviceTypes.PL011, 0x1C09_0000L, 0x1000, List.of(37),
                List.of("arm,pl011", "arm,primecell")), b.consoleDevice());
        assertEquals(List.of(38, 39, 40), List.of("uart1", "uart2", "uart3").stream()
                .map(n -> b.device(n).orElseThrow().interrupt()).toList());
        assertEquals(34, b.device("timer01").orElseThrow().interrupt());     // §2.5: SPI 2
        assertEquals(0x1C12_0000L, b.device("timer23").orElseThrow().base());
        assertEquals(-1, b.device("sysreg").orElseThrow().interrupt());
        assertEquals(SecondaryBoot.SYS_FLAGS, b.secondaryBoot());
        List<Long> bases = b.devices().stream().map(DeviceSpec::base).toList();
        assertEquals(bases.stream().sorted().toList(), bases, "devices in address order");
    }

    @Test
    void arndaleMatchesBoardsMd() {
        BoardDescription b = BoardFiles.load(TestProject.repositoryRoot())
                .find(BoardDescription::id, "arndale").orElseThrow();
        assertEquals(0xFFFF_FFFF, b.machineId());                            // DT-only: ~0
        assertEquals(24_000_000, b.counterHz());                             // §3.3
        assertEquals(new MemoryRegion("dram", MemoryRegion.Kind.RAM, 0x4000_0000L, 0x8000_0000L), b.dram());
        assertEquals(2L << 30, b.defaultMemBytes());
        assertEquals(new MemoryRegion("iram", MemoryRegion.Kind.RAM, 0x0202_0000L, 0x30000), region(b, "iram"));
        assertEquals(0x1048_1000L, b.gic().distributor());                   // §3.2
        assertEquals(0x1048_6000L, b.gic().virtualCpuInterface());
        assertEquals(List.of("arm,gic-400", "arm,cortex-a15-gic"), b.gic().compatible());
        assertEquals("uart2", b.console());
        assertEquals(0x12C2_0000L, b.consoleDevice().base());                // §3.4
        assertEquals(85, b.consoleDevice().interrupt());
        DeviceSpec mct = b.device("mct").orElseThrow();
        assertEquals(List.of(152, 153), mct.interrupts().subList(4, 6));     // §3.5: L0, L1 = SPI 120, 121
        assertEquals(0x5000, b.device("pmu").orElseThrow().size());
        assertEquals(SecondaryBoot.EXYNOS_SYSRAM, b.secondaryBoot());
    }

    private static MemoryRegion region(BoardDescription b, String name) {
        return b.memory().stream().filter(m -> m.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void aMalformedBoardFileIsNamedWithItsFaultAndTheOthersStillLoad(@TempDir Path dir) {
        TestProject project = TestProject.copyOfRepository(dir)
                .with("boards/broken.yaml", "name: Broken\nsummary: x\ncpu: Cortex-A15\ncpus: [2\n")
                .with("boards/typo.yaml", MINIMAL.replace("compatible: x", "compatibel: x"));
        Catalog<BoardDescription> boards = BoardFiles.load(project.root());

        assertEquals(List.of("arndale", "vexpress-a15"), boards.entries().stream().map(BoardDescription::id).toList());
        assertEquals(2, boards.problems().size());
        LoadProblem broken = boards.problems().get(0);
        assertEquals("boards/broken.yaml", broken.file());
        assertTrue(broken.line() >= 4, broken.describe());
        assertTrue(broken.message().startsWith("not valid YAML"), broken.describe());
        LoadProblem typo = boards.problems().get(1);
        assertEquals("boards/typo.yaml", typo.file());
        assertTrue(typo.message().startsWith("unknown field 'compatibel' (known fields: compatible, console, counter-hz,"),
                typo.message());
    }

    @Test
    void theMinimalBoardParses() {
        BoardDescription b = BoardFiles.parse("b", MINIMAL);
        assertEquals(List.of("sysreg", "uart0"), b.devices().stream().map(DeviceSpec::name).toList());
        assertEquals(-1, b.gic().virtualControlAliases(), "no aliases given");
        assertEquals(64L << 20, b.defaultMemBytes());
    }

    @Test
    void fieldsAreChecked() {
        assertEquals("field 'cpus' must be a whole number from 1 to 4, found the number 0",
                error(replacing("cpus: 1", "cpus: 0")));
        assertEquals("missing field 'cpus' (a whole number from 1 to 4)", error(replacing("cpus: 1\n", "")));
        assertEquals("missing field 'console' (text)", error(replacing("console: uart0\n", "")));
        assertEquals("missing field 'gic.distributor' (a whole number from 0 to 0xFFFFFFE000 (decimal, 0x hex,"
                + " or a size such as 64 KiB))", error(replacing("  distributor: 0x2C001000\n", "")));
        assertEquals("unknown field 'gic.colour' (known fields: compatible, cpu-interface, distributor,"
                        + " maintenance-interrupt, virtual-control, virtual-control-aliases, virtual-cpu-interface)",
                error(replacing("  maintenance-interrupt: 25", "  maintenance-interrupt: 25\n  colour: red")));
    }

    @Test
    void badNumbersNameTheField() {
        String message = error(replacing("base: 0x1C090000", "base: 0x1C09G000"));
        assertTrue(message.startsWith("field 'devices[0].base' must be a whole number"), message);
        assertTrue(message.endsWith("found \"0x1C09G000\""), message);
        assertTrue(error(replacing("interrupts: 37", "interrupts: 17"))
                .startsWith("field 'devices[0].interrupts' must be a list of whole numbers from 32 to 1019"));
        assertTrue(error(replacing("[29, 30, 27, 26]", "[29, 30, 27]"))
                .startsWith("field 'timer-interrupts' must list the 4 generic timer PPIs"));
        assertTrue(error(replacing("default-memory: 64 MiB", "default-memory: 256 MiB"))
                .startsWith("field 'default-memory' (0x10000000) is larger than the dram region"));
    }

    @Test
    void unknownDeviceTypesAreRefused() {
        assertEquals("field 'devices[0].type' is \"pl012\", not a device HypLab models (exynos-chipid, exynos-mct,"
                        + " exynos-pmu, exynos-uart, pl011, sp804, vexpress-sysreg)",
                error(replacing("type: pl011", "type: pl012")));
    }

    @Test
    void anUnquotedCompatibleInAFlowListIsCaught() {
        assertEquals("field 'devices[0].compatible' holds \"arm\", not a vendor,model string (in a [flow, list] quote"
                + " each string: \"arm,pl011\")", error(replacing("[\"arm,pl011\"]", "[arm,pl011]")));
    }

    @Test
    void overlapsAreRefusedWithBothWindows() {
        assertEquals("device 'sysreg' (0x1C010000-0x1C010FFF) overlaps device 'uart0' (0x1C010800-0x1C0117FF)",
                error(replacing("base: 0x1C090000", "base: 0x1C010800")));
        assertEquals("memory region 'sram' (0x14000000-0x15FFFFFF) overlaps device 'uart0' (0x15000000-0x15000FFF)",
                error(replacing("base: 0x1C090000", "base: 0x15000000")));
        // A window inside a big one that is not its neighbour in address order is still caught.
        assertEquals("memory region 'dram' (0x80000000-0x87FFFFFF) overlaps gic.distributor (0x86000000-0x86000FFF)",
                error(replacing("distributor: 0x2C001000", "distributor: 0x86000000")));
    }

    @Test
    void dramAndConsoleAreRequired() {
        assertEquals("field 'memory' has no region named 'dram' (the main memory)",
                error(replacing("name: dram", "name: ddr")));
        assertEquals("field 'console' names 'uart9', which is not a device (devices: sysreg, uart0)",
                error(replacing("console: uart0", "console: uart9")));
        assertEquals("field 'console' names 'sysreg', a vexpress-sysreg; the console must be a UART (exynos-uart, pl011)",
                error(replacing("console: uart0", "console: sysreg")));
        assertEquals("field 'secondary-boot' is exynos-sysram, which needs a device of type exynos-pmu",
                error(replacing("secondary-boot: sys-flags", "secondary-boot: exynos-sysram")));
        assertEquals("field 'memory[1].name': a second region named 'dram'",
                error(replacing("name: sram", "name: dram")));
    }
}
