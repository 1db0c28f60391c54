package org.hyplab.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.hyplab.board.BoardDescription;
import org.hyplab.board.BootParameters;
import org.hyplab.board.DeviceTreeGenerator;
import org.hyplab.fdt.Fdt;
import org.hyplab.fdt.FdtNode;
import org.hyplab.fdt.FdtProperty;
import org.hyplab.machine.BoardAssembler;
import org.hyplab.machine.BootLoader;
import org.hyplab.machine.Machine;
import org.hyplab.testing.Emulator;
import org.hyplab.testing.Qemu;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Xen's PV interfaces in the teaching hypervisor: the guest {@code pingpong} runs as two
 * dom0less domains (Xen's {@code /chosen/domU*} nodes, {@code xen,enhanced = "no-xenstore"},
 * the role in each kernel's bootargs) that find each other through an event channel, share a
 * page through a grant and take turns on a counter in it. The console must equal the reviewed
 * transcript tests/hypervisor/pingpong-BOARD.txt (see the README there for why each line is
 * right); the guests' own lines must be the same on both boards, and on real Xen 4.17. The
 * test guest tests/arm/hypervisor/pvcalls.c calls every PV hypercall with arguments Xen refuses
 * and prints the error codes (tests/hypervisor/pvcalls-BOARD.txt).
 */
class HypervisorPvIT {

    static final Path IMAGE = Qemu.armDir().resolve("hypervisor.bin");
    static final Path GOLDEN = Path.of("tests/hypervisor");
    static final long BUDGET = 200_000_000L;
    static final Map<String, Long> MEM = Map.of("vexpress-a15", 256L << 20, "arndale", 1L << 30);
    /** Guest kernels go from RAM + 64 MiB on, 1 MiB apart, as in HypervisorBootIT. */
    static final Map<String, Long> FIRST_MODULE = Map.of("vexpress-a15", 0x8400_0000L, "arndale", 0x4400_0000L);

    /** A dom0less domain: its node under /chosen, its kernel (under target/arm) and the kernel's bootargs. */
    record Domain(String node, String kernel, String bootargs) {
    }

    static final List<Domain> PINGPONG = List.of(
            new Domain("domU1", "guests/pingpong.zImage", "role=ping peer=2"),
            new Domain("domU2", "guests/pingpong.zImage", "role=pong peer=1"));
    /** The test guest tests/arm/hypervisor/pvcalls.c, alone. */
    static final List<Domain> PVCALLS = List.of(new Domain("domU1", "tests/hypervisor/pvcalls.zImage", ""));

    /** The test guest tests/arm/hypervisor/deathwatch.c: d2 dies with a channel and a grant of d1's in use. */
    static final List<Domain> DEATHWATCH = List.of(
            new Domain("domU1", "tests/hypervisor/deathwatch.zImage", "role=watcher"),
            new Domain("domU2", "tests/hypervisor/deathwatch.zImage", "role=leaver"));

    private static byte[] zImage(String kernel) throws Exception {
        return Files.readAllBytes(Qemu.armDir().resolve(kernel));
    }

    /**
     * The board's own device tree with Xen's dom0less nodes added under /chosen (XEN-ABI.md §7):
     * 16 MiB (memory in KiB), one vCPU, the vpl011, PV interfaces without xenstore, and the
     * kernel as a multiboot module with its bootargs.
     */
    static byte[] dom0lessTree(String board, List<Domain> domains) throws Exception {
        return dom0lessTree(board, MEM.get(board), FIRST_MODULE.get(board), domains, null);
    }

    /** The same for {@code mem} bytes of RAM and kernels from {@code at}, with Xen's own boot arguments if not null. */
    static byte[] dom0lessTree(String board, long mem, long at, List<Domain> domains, String xenBootargs) throws Exception {
        BoardDescription description = Emulator.board(board);
        Fdt fdt = Fdt.fromBlob(DeviceTreeGenerator.generate(description,
                new BootParameters(mem, "", 0, 0, List.of())));
        FdtNode chosen = fdt.root().childOrAdd("chosen");
        chosen.set(FdtProperty.cells("#address-cells", 1));
        chosen.set(FdtProperty.cells("#size-cells", 1));
        if (xenBootargs != null) {
            chosen.set(FdtProperty.string("xen,xen-bootargs", xenBootargs));
        }
        for (Domain d : domains) {
            FdtNode node = chosen.add(new FdtNode(d.node()));
            node.set(FdtProperty.string("compatible", "xen,domain"));
            node.set(FdtProperty.cells("#address-cells", 1));
            node.set(FdtProperty.cells("#size-cells", 1));
            node.set(FdtProperty.cells("memory", 0, 16 << 10));
            node.set(FdtProperty.cells("cpus", 1));
            node.set(FdtProperty.empty("vpl011"));
            node.set(FdtProperty.string("xen,enhanced", "no-xenstore"));
            FdtNode module = node.add(new FdtNode("module@" + Long.toHexString(at)));
            module.set(FdtProperty.strings("compatible", "multiboot,kernel", "multiboot,module"));
            module.set(FdtProperty.cells("reg", (int) at, moduleSize(zImage(d.kernel()))));
            if (!d.bootargs().isEmpty()) {
                module.set(FdtProperty.string("bootargs", d.bootargs()));
            }
            at += 1 << 20;
        }
        return fdt.toBlob();
    }

    /**
     * A zImage's module size: its file, or the length its header claims (end − start, at 0x2C and
     * 0x28) if that is longer, as when the image ends in .bss padding objcopy left out. Xen 4.17
     * refuses a module shorter than the header says (kernel.c kernel_zimage32_probe).
     */
    static int moduleSize(byte[] zImage) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(zImage).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        return Math.max(zImage.length, b.getInt(0x2c) - b.getInt(0x28));
    }

    /**
     * Boots the hypervisor with that tree. The kernels are written into RAM by hand after the
     * boot loader ran: given as boot-loader modules they would also appear as bare
     * {@code /chosen/module@} nodes, each a domain of its own.
     */
    static Emulator.Run boot(String board, List<Domain> domains) throws Exception {
        BoardDescription description = Emulator.board(board);
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        Machine machine = BoardAssembler.build(description,
                new BoardAssembler.Options(MEM.get(board), description.cpus(), console::write));
        BootLoader.boot(machine, description, MEM.get(board), new BootLoader.Request("hypervisor",
                Files.readAllBytes(IMAGE), null, null, List.of(), dom0lessTree(board, domains), ""));
        long at = FIRST_MODULE.get(board);
        for (Domain d : domains) {
            byte[] kernel = zImage(d.kernel());
            for (int i = 0; i < kernel.length; i++) {
                machine.bus().write8(at + i, kernel[i]);
            }
            at += 1 << 20;
        }
        Machine.Stop stop = machine.run(BUDGET);
        return new Emulator.Run(stop, console.toByteArray(), machine.retired());
    }

    private static String golden(String scenario, String board) throws Exception {
        return Files.readString(GOLDEN.resolve(scenario + "-" + board + ".txt"), StandardCharsets.ISO_8859_1);
    }

    private static void scenarioOn(String scenario, List<Domain> domains, String board) throws Exception {
        Emulator.Run run = boot(board, domains);
        assertEquals(Machine.Stop.POWERED_OFF, run.stop(), run.text());
        assertEquals(golden(scenario, board), run.text().replace("\r\n", "\n"), scenario + " on " + board);
    }

    @Test
    void pingpongOnTheVersatileExpress() throws Exception {
        scenarioOn("pingpong", PINGPONG, "vexpress-a15");
    }

    @Test
    void pingpongOnTheArndale() throws Exception {
        scenarioOn("pingpong", PINGPONG, "arndale");
    }

    /** Every PV hypercall with arguments Xen refuses: the error codes Xen 4.17 gives. */
    @Test
    void pvcallsOnBothBoards() throws Exception {
        scenarioOn("pvcalls", PVCALLS, "vexpress-a15");
        scenarioOn("pvcalls", PVCALLS, "arndale");
    }

    /**
     * A domain that stops is destroyed: its end of a channel closes (the peer's port is unbound
     * again), its grant mappings go (the granter's entry loses GTF_reading and GTF_writing), and
     * its id names no domain any more. HypLab's behaviour: Xen 4.17 keeps a shut-down dom0less
     * domain paused, with all of that, until a toolstack destroys it.
     */
    @Test
    void aDomainThatStopsLeavesNothingBehind() throws Exception {
        scenarioOn("deathwatch", DEATHWATCH, "vexpress-a15");
        scenarioOn("deathwatch", DEATHWATCH, "arndale");
    }

    /** The same run twice prints the same bytes: two domains on two CPUs, still deterministic. */
    @Test
    void pingpongIsDeterministic() throws Exception {
        assertEquals(boot("vexpress-a15", PINGPONG).text(), boot("vexpress-a15", PINGPONG).text());
    }

    /** Virtualization hides the board: the guests' lines are the same on both. */
    @Test
    void theGuestsSeeNoDifferenceBetweenTheBoards() throws Exception {
        for (String scenario : List.of("pingpong", "pvcalls", "deathwatch")) {
            assertEquals(guestLines(golden(scenario, "vexpress-a15")), guestLines(golden(scenario, "arndale")), scenario);
        }
    }

    /** Where real Xen 4.17 is: -Dhyplab.xen, else where ./hyplab setup puts it (as RealXenIT). */
    static Path xen() {
        String property = System.getProperty("hyplab.xen");
        if (property != null) {
            return Path.of(property);
        }
        String cache = System.getenv("XDG_CACHE_HOME");
        Path base = cache != null && !cache.isEmpty() ? Path.of(cache) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("hyplab/xen-4.17/xen-4.17-armhf");
    }

    /**
     * The guests' lines of a scenario on real Xen 4.17 (Debian's 4.17.5) under QEMU 7.2
     * vexpress-a15 with 512 MiB, the same dom0less nodes, kernels at 0x81000000 on, 1 MiB apart.
     * {@code xsm=dummy}: ARM builds of Xen 4.17 default to the SILO policy, which lets a domU
     * talk to the control domain only (xen/common/Kconfig; the README says more). Xen never
     * powers off: QEMU is stopped once the expected number of guest lines is there (or after
     * 90 s).
     */
    static List<String> onRealXen(List<Domain> domains, int lines, Path dir) throws Exception {
        Path xen = xen();
        assertTrue(Files.isRegularFile(xen), "no Xen 4.17 at " + xen + ": ./hyplab setup fetches it (or -Dhyplab.realxen=skip)");
        Path dtb = Files.write(dir.resolve("xen.dtb"), dom0lessTree("vexpress-a15", 512L << 20, 0x8100_0000L, domains,
                "console=dtuart dtuart=serial0 loglvl=all guest_loglvl=all xsm=dummy"));
        List<String> command = new java.util.ArrayList<>(List.of("qemu-system-arm", "-M", "vexpress-a15,secure=off",
                "-smp", "2", "-m", "512", "-display", "none", "-serial", "stdio", "-monitor", "none", "-no-reboot",
                "-kernel", xen.toString(), "-dtb", dtb.toString()));
        long at = 0x8100_0000L;
        for (Domain d : domains) {
            command.addAll(List.of("-device", "loader,force-raw=on,file=" + Qemu.armDir().resolve(d.kernel())
                    + ",addr=0x" + Long.toHexString(at)));
            at += 1 << 20;
        }
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().put("QEMU_AUDIO_DRV", "none");
        Process qemu = builder.start();
        StringBuffer out = new StringBuffer();
        Thread reader = new Thread(() -> {
            try (var in = qemu.getInputStream()) {
                byte[] buffer = new byte[4096];
                for (int n; (n = in.read(buffer)) > 0;) {
                    out.append(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
                }
            } catch (java.io.IOException e) {
                out.append("[reading QEMU failed: ").append(e).append("]");
            }
        });
        reader.start();
        long deadline = System.nanoTime() + 90_000_000_000L;
        List<String> seen = List.of();
        while (System.nanoTime() < deadline && seen.size() < lines && qemu.isAlive()) {
            Thread.sleep(200);
            seen = guestLines(out.toString().replace("\r", ""));
        }
        Thread.sleep(1000);                 // anything it would print beyond them
        qemu.destroyForcibly();
        reader.join();
        return guestLines(out.toString().replace("\r", ""));
    }

    /** The guests print on real Xen 4.17 what the reviewed transcripts say. No Xen, no pass. */
    @Test
    @DisabledIfSystemProperty(named = "hyplab.realxen", matches = "skip", disabledReason = "-Dhyplab.realxen=skip")
    void theGuestsPrintTheSameOnRealXen(@TempDir Path dir) throws Exception {
        for (Map.Entry<String, List<Domain>> s : Map.of("pingpong", PINGPONG, "pvcalls", PVCALLS).entrySet()) {
            List<String> expected = guestLines(golden(s.getKey(), "vexpress-a15"));
            assertEquals(expected, onRealXen(s.getValue(), expected.size(), Files.createDirectories(dir.resolve(s.getKey()))),
                    s.getKey() + " on real Xen 4.17");
        }
    }

    private static List<String> guestLines(String transcript) {
        return transcript.lines().filter(l -> l.startsWith("(d")).toList();
    }
}
