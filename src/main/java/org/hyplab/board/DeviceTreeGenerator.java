package org.hyplab.board;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.hyplab.fdt.Fdt;
import org.hyplab.fdt.FdtException;
import org.hyplab.fdt.FdtNode;
import org.hyplab.fdt.FdtProperty;

/**
 * The device tree of a board, generated from its {@link BoardDescription} so that it can never
 * disagree with the emulated hardware; and the patch that a user's own DTB ({@code --dtb}) gets.
 *
 * <p>The tree follows Linux's device trees for these boards (vexpress-v2p-ca15-tc1.dts with
 * vexpress-v2m-rs1.dtsi; exynos5250-arndale.dts with exynos5250.dtsi and exynos5.dtsi), which
 * Xen reads too: root {@code model} and {@code compatible}, one {@code cpu@N} per core with
 * {@code reg} = MPIDR affinity, {@code memory@BASE}, the GIC with its four windows (GICD, GICC,
 * GICH, GICV) and maintenance PPI, the {@code arm,armv7-timer} with its four PPIs,
 * {@code aliases} and {@code chosen}. Choices of ours, each a simplification that drivers do not
 * see because they bind by {@code compatible}:
 * <ul>
 *   <li>Devices sit in one flat {@code simple-bus} node {@code /soc} with the root's cells and an
 *       identity {@code ranges}, not in the vexpress motherboard's nested chip-select buses.</li>
 *   <li>Clocks that the Linux bindings require (PL011 {@code uartclk}/{@code apb_pclk}, SP804
 *       timer clocks, Exynos UART and MCT clocks) come from {@code fixed-clock} nodes: 24 MHz
 *       (the vexpress oscclk2 and the Exynos fin_pll, BOARDS.md §2.4, §3.5) and 1 MHz (the
 *       vexpress refclk1mhz behind the SP810, §2.5), not from the boards' clock controllers,
 *       which HypLab does not model.</li>
 *   <li>{@code serial0} is always the console and the other UARTs follow in address order, so a
 *       program finds its console the same way on both boards (Linux's Arndale tree calls the
 *       console {@code serial2}).</li>
 *   <li>The Exynos MCT's global interrupts, which on the chip pass through the interrupt
 *       combiner, are given as the SPIs of their combiner groups (see boards/arndale.yaml).</li>
 * </ul>
 * Two board facts the description does not hold are derived: the root's
 * {@code #address-cells}/{@code #size-cells} are 2/2 when the dram window reaches 4 GiB
 * (vexpress: 0x80000000 + 2 GiB; Linux's vexpress tree uses 2/2 so that LPAE kernels can
 * describe memory there), else 1/1 (Arndale); and the timer gets {@code clock-frequency} =
 * CNTFRQ only on boards QEMU does not model, i.e. the Arndale, whose Linux tree has it because
 * some U-Boots leave CNTFRQ unset (BOARDS.md §3.3), while the vexpress tree (§2.3) and QEMU's
 * do not.
 */
public final class DeviceTreeGenerator {

    /** interrupts = &lt;type number flags&gt; (Linux dt-bindings/interrupt-controller/arm-gic.h). */
    static final int GIC_SPI = 0, GIC_PPI = 1;
    static final int IRQ_TYPE_LEVEL_HIGH = 4, IRQ_TYPE_LEVEL_LOW = 8;
    /** The console line both boards' Linux trees give: 115200 baud, 8N1. */
    static final String STDOUT_PATH = "serial0:115200n8";
    static final int CLK_24MHZ = 24_000_000, CLK_1MHZ = 1_000_000;

    private final BoardDescription board;
    private final int addressCells, sizeCells;
    private final FdtNode root = FdtNode.root();
    private final Map<Integer, Integer> clockPhandles = new LinkedHashMap<>();
    private int nextPhandle = 1;

    private DeviceTreeGenerator(BoardDescription board) {
        this.board = board;
        this.addressCells = cellsFor(board);
        this.sizeCells = addressCells;
    }

    /** The blob for {@code board} booted with {@code boot}. */
    public static byte[] generate(BoardDescription board, BootParameters boot) {
        return tree(board, boot).toBlob();
    }

    /** The same tree as {@link #generate}, before it is flattened. */
    public static Fdt tree(BoardDescription board, BootParameters boot) {
        if (boot.memBytes() > board.dram().size()) {
            throw new IllegalArgumentException("memory 0x" + Long.toHexString(boot.memBytes())
                    + " is more than the board's dram (0x" + Long.toHexString(board.dram().size()) + ")");
        }
        return Fdt.of(new DeviceTreeGenerator(board).build(boot));
    }

    /** 2 (64-bit addresses and sizes) when the dram window reaches 4 GiB, else 1. */
    static int cellsFor(BoardDescription board) {
        return board.dram().end() > 0xFFFF_FFFFL ? 2 : 1;
    }

    private FdtNode build(BootParameters boot) {
        int gicPhandle = nextPhandle++;
        root.set(FdtProperty.string("model", board.model()));
        root.set(FdtProperty.strings("compatible", board.compatible().toArray(String[]::new)));
        root.set(FdtProperty.cells("#address-cells", addressCells));
        root.set(FdtProperty.cells("#size-cells", sizeCells));
        root.set(FdtProperty.cells("interrupt-parent", gicPhandle));

        FdtNode chosen = root.add(new FdtNode("chosen"));
        FdtNode aliases = root.add(new FdtNode("aliases"));
        cpus();
        root.add(memoryNode(board.dram().base(), boot.memBytes(), addressCells, sizeCells));
        gic(gicPhandle);
        timer();

        FdtNode soc = new FdtNode("soc");
        soc.set(FdtProperty.string("compatible", "simple-bus"));
        soc.set(FdtProperty.cells("#address-cells", addressCells));
        soc.set(FdtProperty.cells("#size-cells", sizeCells));
        soc.set(FdtProperty.empty("ranges"));
        // The bus's children in address order: the devices, and the Exynos sysram.
        Map<Long, FdtNode> byAddress = new TreeMap<>();
        Map<String, String> paths = new LinkedHashMap<>();
        for (DeviceSpec d : board.devices()) {
            FdtNode node = device(d);
            byAddress.put(d.base(), node);
            paths.put(d.name(), "/soc/" + node.name());
        }
        if (board.secondaryBoot() == SecondaryBoot.EXYNOS_SYSRAM) {
            MemoryRegion iram = board.memory().stream().filter(m -> m.name().equals(BoardFiles.SYSRAM_REGION))
                    .findFirst().orElseThrow();
            byAddress.put(iram.base(), sysram(iram));
        }
        byAddress.values().forEach(soc::add);
        clockPhandles.forEach((hz, phandle) -> root.add(fixedClock(hz, phandle)));
        root.add(soc);

        List<String> serials = new ArrayList<>();
        serials.add(paths.get(board.console()));
        board.devices().stream()
                .filter(d -> isUart(d) && !d.name().equals(board.console()))
                .forEach(d -> serials.add(paths.get(d.name())));
        for (int i = 0; i < serials.size(); i++) {
            aliases.set(FdtProperty.string("serial" + i, serials.get(i)));
        }
        chosen.set(FdtProperty.string("stdout-path", STDOUT_PATH));
        applyChosen(chosen, boot, addressCells, sizeCells);
        return root;
    }

    private void cpus() {
        FdtNode cpus = root.add(new FdtNode("cpus"));
        cpus.set(FdtProperty.cells("#address-cells", 1));
        cpus.set(FdtProperty.cells("#size-cells", 0));
        // Linux binds "arm,cortex-a15" from the model name "Cortex-A15".
        String compatible = "arm," + board.cpu().toLowerCase(Locale.ROOT);
        for (int n = 0; n < board.cpus(); n++) {
            FdtNode cpu = cpus.add(new FdtNode("cpu@" + n));
            cpu.set(FdtProperty.string("device_type", "cpu"));
            cpu.set(FdtProperty.string("compatible", compatible));
            // reg = MPIDR[23:0]: one cluster, Aff0 = core number (BOARDS.md §1).
            cpu.set(FdtProperty.cells("reg", n));
        }
    }

    private void gic(int phandle) {
        GicLayout gic = board.gic();
        FdtNode node = root.add(new FdtNode("interrupt-controller@" + hex(gic.distributor())));
        node.set(FdtProperty.strings("compatible", gic.compatible().toArray(String[]::new)));
        node.set(FdtProperty.cells("#interrupt-cells", 3));
        node.set(FdtProperty.cells("#address-cells", 0));
        node.set(FdtProperty.empty("interrupt-controller"));
        // Linux's trees give GICH 8 KiB when the per-CPU aliases follow it (BOARDS.md §2.2, §3.2).
        long gichSize = gic.virtualControlAliases() == gic.virtualControl() + BoardFiles.GICH_SIZE
                ? BoardFiles.GICH_SIZE + BoardFiles.GICH_ALIASES_SIZE : BoardFiles.GICH_SIZE;
        node.set(reg(List.of(
                new long[] {gic.distributor(), BoardFiles.GICD_SIZE},
                new long[] {gic.cpuInterface(), BoardFiles.GICC_SIZE},
                new long[] {gic.virtualControl(), gichSize},
                new long[] {gic.virtualCpuInterface(), BoardFiles.GICV_SIZE}), addressCells, sizeCells));
        // The maintenance interrupt is level-high (BOARDS.md §1: <1 9 0xf04>).
        node.set(FdtProperty.cells("interrupts", ppi(gic.maintenanceInterrupt(), IRQ_TYPE_LEVEL_HIGH)));
        node.set(FdtProperty.cells("phandle", phandle));
    }

    private void timer() {
        FdtNode timer = root.add(new FdtNode("timer"));
        timer.set(FdtProperty.string("compatible", "arm,armv7-timer"));
        // Both boards' Linux trees make the timer PPIs level-low (0xf08; BOARDS.md §1, §3.3).
        List<Integer> cells = new ArrayList<>();
        for (int id : board.timerInterrupts()) {
            for (int c : ppi(id, IRQ_TYPE_LEVEL_LOW)) {
                cells.add(c);
            }
        }
        timer.set(FdtProperty.cells("interrupts", cells.stream().mapToInt(Integer::intValue).toArray()));
        if (board.qemuMachine().isEmpty()) {
            timer.set(FdtProperty.cells("clock-frequency", board.counterHz()));
        }
    }

    /** &lt;GIC_PPI n flags&gt; with the CPU mask of every core in bits [15:8]. */
    private int[] ppi(int id, int trigger) {
        int cpuMask = (1 << board.cpus()) - 1;
        return new int[] {GIC_PPI, id - 16, cpuMask << 8 | trigger};
    }

    private FdtNode device(DeviceSpec d) {
        FdtNode node = new FdtNode(nodeName(d.type()) + "@" + hex(d.base()));
        node.set(FdtProperty.strings("compatible", d.compatible().toArray(String[]::new)));
        node.set(reg(List.<long[]>of(new long[] {d.base(), d.size()}), addressCells, sizeCells));
        if (!d.interrupts().isEmpty()) {
            // Every device interrupt of both boards is a level-high SPI (Linux's trees).
            int[] cells = new int[3 * d.interrupts().size()];
            for (int i = 0; i < d.interrupts().size(); i++) {
                cells[3 * i] = GIC_SPI;
                cells[3 * i + 1] = d.interrupts().get(i) - 32;
                cells[3 * i + 2] = IRQ_TYPE_LEVEL_HIGH;
            }
            node.set(FdtProperty.cells("interrupts", cells));
        }
        // Clocks the Linux bindings need, named as in Linux's trees (vexpress-v2m-rs1.dtsi,
        // exynos5250.dtsi).
        switch (d.type()) {
            case DeviceTypes.PL011 -> clocks(node, new int[] {CLK_24MHZ, CLK_24MHZ}, "uartclk", "apb_pclk");
            case DeviceTypes.SP804 -> clocks(node, new int[] {CLK_1MHZ, CLK_1MHZ, CLK_24MHZ},
                    "timclken1", "timclken2", "apb_pclk");
            case DeviceTypes.EXYNOS_UART -> clocks(node, new int[] {CLK_24MHZ, CLK_24MHZ}, "uart", "clk_uart_baud0");
            case DeviceTypes.EXYNOS_MCT -> clocks(node, new int[] {CLK_24MHZ, CLK_24MHZ}, "fin_pll", "mct");
            default -> { }
        }
        return node;
    }

    private static String nodeName(String type) {
        return switch (type) {
            case DeviceTypes.PL011, DeviceTypes.EXYNOS_UART -> "serial";
            case DeviceTypes.SP804, DeviceTypes.EXYNOS_MCT -> "timer";
            case DeviceTypes.VEXPRESS_SYSREG -> "sysreg";
            case DeviceTypes.EXYNOS_PMU -> "system-controller";
            case DeviceTypes.EXYNOS_CHIPID -> "chipid";
            default -> throw new IllegalArgumentException("no node name for device type " + type);
        };
    }

    private static boolean isUart(DeviceSpec d) {
        return d.type().equals(DeviceTypes.PL011) || d.type().equals(DeviceTypes.EXYNOS_UART);
    }

    private void clocks(FdtNode node, int[] hz, String... names) {
        int[] cells = new int[hz.length];
        for (int i = 0; i < hz.length; i++) {
            cells[i] = clockPhandles.computeIfAbsent(hz[i], f -> nextPhandle++);
        }
        node.set(FdtProperty.cells("clocks", cells));
        node.set(FdtProperty.strings("clock-names", names));
    }

    private static FdtNode fixedClock(int hz, int phandle) {
        FdtNode clock = new FdtNode("clock-" + hz);
        clock.set(FdtProperty.string("compatible", "fixed-clock"));
        clock.set(FdtProperty.cells("#clock-cells", 0));
        clock.set(FdtProperty.cells("clock-frequency", hz));
        clock.set(FdtProperty.cells("phandle", phandle));
        return clock;
    }

    /**
     * The Exynos iRAM as Linux's exynos5250.dtsi gives it: an {@code mmio-sram} whose first
     * 4 KiB are {@code samsung,exynos4210-sysram}, where Linux and Xen write a secondary CPU's
     * start address (BOARDS.md §3.6).
     */
    private FdtNode sysram(MemoryRegion iram) {
        FdtNode sram = new FdtNode("sysram@" + hex(iram.base()));
        sram.set(FdtProperty.string("compatible", "mmio-sram"));
        sram.set(reg(List.<long[]>of(new long[] {iram.base(), iram.size()}), addressCells, sizeCells));
        sram.set(FdtProperty.cells("#address-cells", 1));
        sram.set(FdtProperty.cells("#size-cells", 1));
        List<Long> ranges = new ArrayList<>(List.of(0L));
        ranges.addAll(split(iram.base(), addressCells));
        ranges.add(iram.size());
        sram.set(FdtProperty.cells("ranges", ranges));
        FdtNode smp = sram.add(new FdtNode("smp-sysram@0"));
        smp.set(FdtProperty.string("compatible", "samsung,exynos4210-sysram"));
        smp.set(FdtProperty.cells("reg", 0, 0x1000));
        return sram;
    }

    /**
     * {@code userDtb} as {@code --dtb} passes it on, patched the way QEMU patches a user's tree:
     * {@code /memory} becomes one {@code memory@BASE} node for the board's dram base and
     * {@code memBytes}; {@code /chosen} gets the boot arguments, initrd and modules; the rest
     * is kept as the user wrote it.
     */
    public static byte[] patch(BoardDescription board, byte[] userDtb, BootParameters boot) throws FdtException {
        return patchAt(board.dram().base(), userDtb, boot);
    }

    /**
     * Like {@link #patch(BoardDescription, byte[], BootParameters)}, with the memory base taken
     * from the user's own {@code /memory} node.
     */
    public static byte[] patch(byte[] userDtb, BootParameters boot) throws FdtException {
        Fdt fdt = Fdt.fromBlob(userDtb);
        int ac = cells(fdt.root(), "#address-cells", 2);
        FdtNode memory = memoryNodes(fdt.root()).stream().findFirst()
                .orElseThrow(() -> new FdtException("the device tree has no /memory node to take the RAM base from"));
        int[] reg = memory.property("reg").flatMap(FdtProperty::asCells)
                .filter(c -> c.length >= ac && ac > 0)
                .orElseThrow(() -> new FdtException("the /memory node has no readable reg"));
        long base = 0;
        for (int i = 0; i < ac; i++) {
            base = base << 32 | Integer.toUnsignedLong(reg[i]);
        }
        return patchAt(base, userDtb, boot);
    }

    private static byte[] patchAt(long base, byte[] userDtb, BootParameters boot) throws FdtException {
        Fdt fdt = Fdt.fromBlob(userDtb);
        FdtNode root = fdt.root();
        // The devicetree spec's defaults when the root does not say (v0.4 §2.3.5).
        int ac = cells(root, "#address-cells", 2);
        int sc = cells(root, "#size-cells", 1);
        checkFits(base, ac, "the RAM base");
        checkFits(boot.memBytes(), sc, "the RAM size");
        for (FdtNode m : memoryNodes(root)) {
            root.removeChild(m.name());
        }
        root.add(memoryNode(base, boot.memBytes(), ac, sc));
        FdtNode chosen = root.childOrAdd("chosen");
        if (boot.hasInitrd()) {
            checkFits(boot.initrdEnd(), ac, "the initrd end");
        }
        for (BootParameters.Module m : boot.modules()) {
            checkFits(m.address(), ac, "a module address");
            checkFits(m.size(), sc, "a module size");
        }
        applyChosen(chosen, boot, ac, sc);
        return new Fdt(root, fdt.reservations(), fdt.bootCpuidPhys()).toBlob();
    }

    private static int cells(FdtNode node, String name, int fallback) throws FdtException {
        var p = node.property(name);
        if (p.isEmpty()) {
            return fallback;
        }
        int[] c = p.get().asCells().filter(a -> a.length == 1).orElse(null);
        if (c == null || c[0] < 1 || c[0] > 2) {
            throw new FdtException("the root's " + name + " must be 1 or 2");
        }
        return c[0];
    }

    private static void checkFits(long value, int cells, String what) throws FdtException {
        if (cells == 1 && (value >>> 32) != 0) {
            throw new FdtException(what + " 0x" + Long.toHexString(value) + " does not fit the tree's 32-bit cells");
        }
    }

    private static List<FdtNode> memoryNodes(FdtNode root) {
        return root.children().stream()
                .filter(n -> n.name().equals("memory") || n.name().startsWith("memory@")
                        || n.property("device_type").flatMap(FdtProperty::asString).filter("memory"::equals).isPresent())
                .toList();
    }

    private static FdtNode memoryNode(long base, long size, int ac, int sc) {
        FdtNode memory = new FdtNode("memory@" + hex(base));
        memory.set(FdtProperty.string("device_type", "memory"));
        memory.set(reg(List.<long[]>of(new long[] {base, size}), ac, sc));
        return memory;
    }

    /**
     * Boot arguments, initrd ({@code linux,initrd-start}/{@code -end}, in address cells as
     * Linux and Xen read them) and one {@code module@ADDR} node per module with
     * {@code compatible = "multiboot,module"} and {@code reg}, as Xen's
     * docs/misc/arm/device-tree/booting.txt describes; {@code /chosen} then states its own cells.
     * A module that a dom0less domain node ({@code compatible = "xen,domain"}) in {@code /chosen}
     * already lists as its own {@code module@ADDR} is left there and not described twice.
     */
    private static void applyChosen(FdtNode chosen, BootParameters boot, int ac, int sc) {
        if (!boot.bootargs().isEmpty()) {
            chosen.set(FdtProperty.string("bootargs", boot.bootargs()));
        }
        if (boot.hasInitrd()) {
            chosen.set(FdtProperty.cells("linux,initrd-start", split(boot.initrdStart(), ac)));
            chosen.set(FdtProperty.cells("linux,initrd-end", split(boot.initrdEnd(), ac)));
        }
        if (!boot.modules().isEmpty()) {
            chosen.set(FdtProperty.cells("#address-cells", ac));
            chosen.set(FdtProperty.cells("#size-cells", sc));
            for (BootParameters.Module m : boot.modules()) {
                String name = "module@" + hex(m.address());
                if (ownedByADomain(chosen, name)) {
                    continue;
                }
                chosen.removeChild(name);
                FdtNode module = chosen.add(new FdtNode(name));
                module.set(FdtProperty.string("compatible", "multiboot,module"));
                module.set(reg(List.<long[]>of(new long[] {m.address(), m.size()}), ac, sc));
            }
        }
    }

    private static boolean ownedByADomain(FdtNode chosen, String moduleName) {
        return chosen.children().stream()
                .filter(n -> n.property("compatible").flatMap(FdtProperty::asStrings)
                        .filter(c -> c.contains("xen,domain")).isPresent())
                .anyMatch(domain -> domain.child(moduleName).isPresent());
    }

    /** A {@code reg} of (address, size) pairs in the given cells. */
    private static FdtProperty reg(List<long[]> pairs, int ac, int sc) {
        List<Long> cells = new ArrayList<>();
        for (long[] p : pairs) {
            cells.addAll(split(p[0], ac));
            cells.addAll(split(p[1], sc));
        }
        return FdtProperty.cells("reg", cells);
    }

    private static List<Long> split(long value, int cells) {
        return cells == 2 ? List.of(value >>> 32, value & 0xFFFF_FFFFL) : List.of(value & 0xFFFF_FFFFL);
    }

    /** A unit address: lower-case hex without leading zeros (devicetree spec §2.2.1). */
    private static String hex(long value) {
        return Long.toHexString(value);
    }
}
