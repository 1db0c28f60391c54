package org.hyplab.board;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import org.hyplab.content.Catalog;
import org.hyplab.content.ContentException;
import org.hyplab.content.ContentFolder;
import org.hyplab.content.YamlMap;

/**
 * Reads {@code boards/*.yaml} into {@link BoardDescription}s, and checks that what a file
 * describes could be a board: one {@code dram}, known device types, no two windows of the
 * address space overlapping, a console that is a UART. Every fault is a
 * {@link ContentException} naming the field, e.g. {@code field 'devices[2].base' must be ...}.
 */
public final class BoardFiles {

    /** Cortex-A15 MPCore clusters have one to four cores; both HypLab boards have two. */
    static final int MAX_CPUS = 4;

    /** Physical addresses are 40 bits wide with LPAE (Cortex-A15). */
    static final long ADDRESS_LIMIT = 1L << 40;

    /** Register window sizes of the GIC-400 (BOARDS.md §1: A15 MPCore private map, §2.2, §3.2). */
    static final long GICD_SIZE = 0x1000, GICC_SIZE = 0x2000, GICH_SIZE = 0x1000, GICH_ALIASES_SIZE = 0x1000,
            GICV_SIZE = 0x2000;

    /** The memory region that holds QEMU's secondary boot stub on vexpress (BOARDS.md §2.7). */
    static final String SYS_FLAGS_STUB_REGION = "sram";
    /** The memory region whose first word is the Exynos secondary boot address (BOARDS.md §3.6). */
    static final String SYSRAM_REGION = "iram";

    private static final Set<String> UART_TYPES = Set.of(DeviceTypes.PL011, DeviceTypes.EXYNOS_UART);

    private BoardFiles() {
    }

    public static Catalog<BoardDescription> load(Path projectRoot) {
        return new ContentFolder(projectRoot, "boards", ".yaml", ".yml").load(BoardFiles::parse);
    }

    /** One board file's text; throws {@link ContentException} when it is wrong. */
    public static BoardDescription parse(String id, String text) {
        YamlMap yaml = YamlMap.parse(text, 1)
                .allowOnly("name", "summary", "cpu", "cpus", "compatible", "qemu-machine", "model", "machine-id",
                        "counter-hz", "default-memory", "memory", "gic", "timer-interrupts", "devices", "console",
                        "secondary-boot");
        String name = yaml.requireText("name");
        String summary = yaml.requireText("summary");
        String cpu = yaml.requireText("cpu");
        int cpus = yaml.requireInt("cpus", 1, MAX_CPUS);
        List<String> compatible = yaml.requireTextList("compatible");
        var qemuMachine = yaml.optionalText("qemu-machine");
        String model = yaml.requireText("model");
        // r1 is a 32-bit register; 0xFFFFFFFF (~0) is what DT-only boards pass.
        int machineId = (int) yaml.requireLong("machine-id", 0, 0xFFFF_FFFFL);
        int counterHz = (int) yaml.requireLong("counter-hz", 1, Integer.MAX_VALUE);
        long defaultMem = yaml.requireLong("default-memory", 1 << 20, ADDRESS_LIMIT);

        List<MemoryRegion> memory = memory(yaml);
        MemoryRegion dram = memory.stream().filter(m -> m.name().equals("dram")).findFirst()
                .orElseThrow(() -> new ContentException("field 'memory' has no region named 'dram' (the main memory)"));
        if (dram.kind() != MemoryRegion.Kind.RAM) {
            throw new ContentException("field 'memory': region 'dram' must be of kind ram");
        }
        if (defaultMem > dram.size()) {
            throw new ContentException("field 'default-memory' (0x" + Long.toHexString(defaultMem)
                    + ") is larger than the dram region (0x" + Long.toHexString(dram.size()) + ")");
        }
        GicLayout gic = gic(yaml.requireMap("gic"));
        List<Integer> timer = yaml.requireIntList("timer-interrupts", 16, 31);
        if (timer.size() != 4) {
            throw new ContentException("field 'timer-interrupts' must list the 4 generic timer PPIs (secure physical,"
                    + " non-secure physical, virtual, hypervisor), found " + timer.size());
        }
        List<DeviceSpec> devices = devices(yaml);
        checkNoOverlaps(memory, gic, cpus, devices);

        String console = yaml.requireText("console");
        DeviceSpec consoleDevice = devices.stream().filter(d -> d.name().equals(console)).findFirst()
                .orElseThrow(() -> new ContentException("field 'console' names '" + console
                        + "', which is not a device (devices: " + String.join(", ", names(devices)) + ")"));
        if (!UART_TYPES.contains(consoleDevice.type())) {
            throw new ContentException("field 'console' names '" + console + "', a " + consoleDevice.type()
                    + "; the console must be a UART (" + String.join(", ", new TreeSet<>(UART_TYPES)) + ")");
        }
        SecondaryBoot secondaryBoot = secondaryBoot(yaml, memory, devices);
        return new BoardDescription(id, name, summary, cpu, cpus, compatible, qemuMachine, model, machineId, counterHz,
                defaultMem, memory, gic, timer, devices, console, secondaryBoot);
    }

    private static List<MemoryRegion> memory(YamlMap yaml) {
        List<MemoryRegion> regions = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (YamlMap item : yaml.requireMapList("memory")) {
            item.allowOnly("name", "kind", "base", "size");
            String name = item.requireText("name");
            if (!seen.add(name)) {
                throw new ContentException("field '" + item.nameOf("name") + "': a second region named '" + name + "'");
            }
            String kind = item.requireText("kind");
            MemoryRegion.Kind k = switch (kind) {
                case "ram" -> MemoryRegion.Kind.RAM;
                case "flash" -> MemoryRegion.Kind.FLASH;
                default -> throw new ContentException("field '" + item.nameOf("kind") + "' must be ram or flash, found \""
                        + kind + "\"");
            };
            long base = item.requireLong("base", 0, ADDRESS_LIMIT - 1);
            long size = item.requireLong("size", 1, ADDRESS_LIMIT - base);
            regions.add(new MemoryRegion(name, k, base, size));
        }
        return regions;
    }

    private static GicLayout gic(YamlMap gic) {
        gic.allowOnly("distributor", "cpu-interface", "virtual-control", "virtual-control-aliases",
                "virtual-cpu-interface", "maintenance-interrupt", "compatible");
        long top = ADDRESS_LIMIT - 0x2000;
        return new GicLayout(
                gic.requireLong("distributor", 0, top),
                gic.requireLong("cpu-interface", 0, top),
                gic.requireLong("virtual-control", 0, top),
                gic.has("virtual-control-aliases") ? gic.requireLong("virtual-control-aliases", 0, top) : -1,
                gic.requireLong("virtual-cpu-interface", 0, top),
                (int) gic.requireLong("maintenance-interrupt", 16, 31),
                compatibleList(gic));
    }

    /** Generic compatible strings without a vendor prefix that devices may carry (devicetree spec 2.3.1). */
    private static final Set<String> GENERIC_COMPATIBLES = Set.of("syscon", "simple-mfd", "simple-bus", "mmio-sram");

    /**
     * A {@code compatible} list of {@code vendor,model} strings. In a YAML flow list
     * ({@code [a, b]}) an unquoted {@code arm,pl011} splits at its comma into {@code arm} and
     * {@code pl011}; the vendor-prefix rule catches that mistake with a hint.
     */
    private static List<String> compatibleList(YamlMap map) {
        List<String> list = map.requireTextList("compatible");
        for (String c : list) {
            if (!GENERIC_COMPATIBLES.contains(c) && !c.matches("[a-zA-Z0-9-]+,[a-zA-Z0-9,._+-]+")) {
                throw new ContentException("field '" + map.nameOf("compatible") + "' holds \"" + c
                        + "\", not a vendor,model string (in a [flow, list] quote each string: \"arm,pl011\")");
            }
        }
        return list;
    }

    private static List<DeviceSpec> devices(YamlMap yaml) {
        List<DeviceSpec> devices = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (YamlMap item : yaml.requireMapList("devices")) {
            item.allowOnly("name", "type", "base", "size", "interrupts", "compatible");
            String name = item.requireText("name");
            if (!name.matches("[a-z][a-z0-9-]*")) {
                throw new ContentException("field '" + item.nameOf("name") + "' must be lower-case letters, digits"
                        + " and '-', starting with a letter (it labels the device-tree node), found \"" + name + "\"");
            }
            if (!seen.add(name)) {
                throw new ContentException("field '" + item.nameOf("name") + "': a second device named '" + name + "'");
            }
            String type = item.requireText("type");
            if (!DeviceTypes.ALL.contains(type)) {
                throw new ContentException("field '" + item.nameOf("type") + "' is \"" + type
                        + "\", not a device HypLab models (" + String.join(", ", new TreeSet<>(DeviceTypes.ALL)) + ")");
            }
            long base = item.requireLong("base", 0, ADDRESS_LIMIT - 1);
            long size = item.requireLong("size", 1, ADDRESS_LIMIT - base);
            // SPIs only: a device's interrupt is a shared peripheral interrupt, IDs 32..1019.
            List<Integer> interrupts = item.optionalIntList("interrupts", 32, 1019);
            devices.add(new DeviceSpec(name, type, base, size, interrupts, compatibleList(item)));
        }
        devices.sort(Comparator.comparingLong(DeviceSpec::base));
        return devices;
    }

    private static SecondaryBoot secondaryBoot(YamlMap yaml, List<MemoryRegion> memory, List<DeviceSpec> devices) {
        String text = yaml.requireText("secondary-boot");
        return switch (text) {
            case "sys-flags" -> {
                requireDevice(devices, DeviceTypes.VEXPRESS_SYSREG, text);
                requireRam(memory, SYS_FLAGS_STUB_REGION, text);
                yield SecondaryBoot.SYS_FLAGS;
            }
            case "exynos-sysram" -> {
                requireDevice(devices, DeviceTypes.EXYNOS_PMU, text);
                requireRam(memory, SYSRAM_REGION, text);
                yield SecondaryBoot.EXYNOS_SYSRAM;
            }
            default -> throw new ContentException("field 'secondary-boot' must be sys-flags or exynos-sysram, found \""
                    + text + "\"");
        };
    }

    private static void requireDevice(List<DeviceSpec> devices, String type, String boot) {
        if (devices.stream().noneMatch(d -> d.type().equals(type))) {
            throw new ContentException("field 'secondary-boot' is " + boot + ", which needs a device of type " + type);
        }
    }

    private static void requireRam(List<MemoryRegion> memory, String region, String boot) {
        if (memory.stream().noneMatch(m -> m.name().equals(region) && m.kind() == MemoryRegion.Kind.RAM)) {
            throw new ContentException("field 'secondary-boot' is " + boot + ", which needs a ram region named '"
                    + region + "'");
        }
    }

    /** One named window of the physical address space, for the overlap check. */
    private record Window(String what, long base, long size) {
        long end() {
            return base + size;
        }
    }

    private static void checkNoOverlaps(List<MemoryRegion> memory, GicLayout gic, int cpus, List<DeviceSpec> devices) {
        List<Window> windows = new ArrayList<>();
        memory.forEach(m -> windows.add(new Window("memory region '" + m.name() + "'", m.base(), m.size())));
        windows.add(new Window("gic.distributor", gic.distributor(), GICD_SIZE));
        windows.add(new Window("gic.cpu-interface", gic.cpuInterface(), GICC_SIZE));
        windows.add(new Window("gic.virtual-control", gic.virtualControl(), GICH_SIZE));
        if (gic.virtualControlAliases() >= 0) {
            windows.add(new Window("gic.virtual-control-aliases", gic.virtualControlAliases(), GICH_ALIASES_SIZE));
        }
        windows.add(new Window("gic.virtual-cpu-interface", gic.virtualCpuInterface(), GICV_SIZE));
        devices.forEach(d -> windows.add(new Window("device '" + d.name() + "'", d.base(), d.size())));
        windows.sort(Comparator.comparingLong(Window::base));
        // Sorted by base, a window overlaps an earlier one exactly when it starts before the
        // furthest end seen so far.
        Window furthest = windows.get(0);
        for (Window w : windows.subList(1, windows.size())) {
            if (w.base() < furthest.end()) {
                throw new ContentException(furthest.what() + " (" + range(furthest) + ") overlaps " + w.what()
                        + " (" + range(w) + ")");
            }
            if (w.end() > furthest.end()) {
                furthest = w;
            }
        }
    }

    private static String range(Window w) {
        return String.format(Locale.ROOT, "0x%X-0x%X", w.base(), w.end() - 1);
    }

    private static List<String> names(List<DeviceSpec> devices) {
        return devices.stream().map(DeviceSpec::name).toList();
    }
}
