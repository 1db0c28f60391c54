package org.hyplab.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

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

/**
 * Xen's PV interfaces in the teaching hypervisor: the guest {@code pingpong} runs as two
 * dom0less domains (Xen's {@code /chosen/domU*} nodes, {@code xen,enhanced = "no-xenstore"},
 * the role in each kernel's bootargs) that find each other through an event channel, share a
 * page through a grant and take turns on a counter in it. The console must equal the reviewed
 * transcript tests/hypervisor/pingpong-BOARD.txt (see the README there for why each line is
 * right); the guests' own lines must be the same on both boards.
 */
class HypervisorPvIT {

    static final Path IMAGE = Qemu.armDir().resolve("hypervisor.bin");
    static final Path GOLDEN = Path.of("tests/hypervisor");
    static final long BUDGET = 200_000_000L;
    static final Map<String, Long> MEM = Map.of("vexpress-a15", 256L << 20, "arndale", 1L << 30);
    /** Guest kernels go from RAM + 64 MiB on, 1 MiB apart, as in HypervisorBootIT. */
    static final Map<String, Long> FIRST_MODULE = Map.of("vexpress-a15", 0x8400_0000L, "arndale", 0x4400_0000L);

    /** A dom0less domain: its node under /chosen, its kernel and the kernel's bootargs. */
    record Domain(String node, String kernel, String bootargs) {
    }

    static final List<Domain> PINGPONG = List.of(
            new Domain("domU1", "pingpong", "role=ping peer=2"),
            new Domain("domU2", "pingpong", "role=pong peer=1"));

    private static byte[] zImage(String guest) throws Exception {
        return Files.readAllBytes(Qemu.armDir().resolve("guests/" + guest + ".zImage"));
    }

    /**
     * The board's own device tree with Xen's dom0less nodes added under /chosen (XEN-ABI.md §7):
     * 16 MiB (memory in KiB), one vCPU, the vpl011, PV interfaces without xenstore, and the
     * kernel as a multiboot module with its bootargs.
     */
    static byte[] dom0lessTree(String board, List<Domain> domains) throws Exception {
        BoardDescription description = Emulator.board(board);
        Fdt fdt = Fdt.fromBlob(DeviceTreeGenerator.generate(description,
                new BootParameters(MEM.get(board), "", 0, 0, List.of())));
        FdtNode chosen = fdt.root().childOrAdd("chosen");
        chosen.set(FdtProperty.cells("#address-cells", 1));
        chosen.set(FdtProperty.cells("#size-cells", 1));
        long at = FIRST_MODULE.get(board);
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
            module.set(FdtProperty.cells("reg", (int) at, zImage(d.kernel()).length));
            module.set(FdtProperty.string("bootargs", d.bootargs()));
            at += 1 << 20;
        }
        return fdt.toBlob();
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

    private static void pingpongOn(String board) throws Exception {
        Emulator.Run run = boot(board, PINGPONG);
        assertEquals(Machine.Stop.POWERED_OFF, run.stop(), run.text());
        assertEquals(golden("pingpong", board), run.text().replace("\r\n", "\n"), "pingpong on " + board);
    }

    @Test
    void pingpongOnTheVersatileExpress() throws Exception {
        pingpongOn("vexpress-a15");
    }

    @Test
    void pingpongOnTheArndale() throws Exception {
        pingpongOn("arndale");
    }

    /** The same run twice prints the same bytes: two domains on two CPUs, still deterministic. */
    @Test
    void pingpongIsDeterministic() throws Exception {
        assertEquals(boot("vexpress-a15", PINGPONG).text(), boot("vexpress-a15", PINGPONG).text());
    }

    /** Virtualization hides the board: the guests' lines are the same on both. */
    @Test
    void theGuestsSeeNoDifferenceBetweenTheBoards() throws Exception {
        assertEquals(guestLines(golden("pingpong", "vexpress-a15")), guestLines(golden("pingpong", "arndale")));
    }

    private static List<String> guestLines(String transcript) {
        return transcript.lines().filter(l -> l.startsWith("(d")).toList();
    }
}
