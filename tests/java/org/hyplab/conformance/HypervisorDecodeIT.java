package org.hyplab.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.hyplab.board.BootParameters;
import org.hyplab.board.DeviceTreeGenerator;
import org.hyplab.machine.BootLoader;
import org.hyplab.machine.Machine;
import org.hyplab.testing.Emulator;
import org.hyplab.testing.Qemu;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The teaching hypervisor emulates the loads and stores whose data abort carries no syndrome
 * (HSR.ISS.ISV = 0) by decoding the instruction (hypervisor/decode.c). The guest
 * tests/arm/hypervisor/decode.c runs each form against the emulated UART and prints what it
 * wrote, loaded and wrote back; it ends with an LDM, which the hypervisor must refuse. The
 * console must equal the transcript tests/hypervisor/decode-BOARD.txt, written by hand from the
 * ARM ARM (the README there says why each line is right), on both boards; on the Versatile
 * Express QEMU, whose syndromes decide which accesses reach the decoder there, must print the
 * same.
 */
class HypervisorDecodeIT {

    static final Path IMAGE = Qemu.armDir().resolve("hypervisor.bin");
    static final Path GUEST = Qemu.armDir().resolve("tests/hypervisor/decode.zImage");
    static final Path GOLDEN = Path.of("tests/hypervisor");
    static final long BUDGET = 100_000_000L;
    static final long VEXPRESS_MEM = 256L << 20, ARNDALE_MEM = 1L << 30;
    /** The guest's kernel at RAM + 64 MiB: clear of the hypervisor image and the device tree. */
    static final Map<String, Long> MODULE = Map.of("vexpress-a15", 0x8400_0000L, "arndale", 0x4400_0000L);

    private static String golden(String board) throws Exception {
        return Files.readString(GOLDEN.resolve("decode-" + board + ".txt"), StandardCharsets.ISO_8859_1);
    }

    private static Emulator.Run onHypLab(String board, long mem) throws Exception {
        BootLoader.Module guest = new BootLoader.Module("decode", Files.readAllBytes(GUEST), MODULE.get(board));
        BootLoader.Request request = new BootLoader.Request("hypervisor", Files.readAllBytes(IMAGE), null, null,
                List.of(guest), null, "");
        Emulator.Run run = Emulator.boot(board, request, mem, BUDGET);
        assertEquals(Machine.Stop.POWERED_OFF, run.stop(), run.text());
        assertEquals(golden(board), run.text().replace("\r\n", "\n"), "decode on " + board);
        return run;
    }

    @Test
    void everyFormOnTheVersatileExpressAsOnQemu(@TempDir Path dir) throws Exception {
        Emulator.Run hyplab = onHypLab("vexpress-a15", VEXPRESS_MEM);
        long at = MODULE.get("vexpress-a15");
        Path dtb = dir.resolve("decode.dtb");
        Files.write(dtb, DeviceTreeGenerator.generate(Emulator.board("vexpress-a15"), new BootParameters(VEXPRESS_MEM, "",
                0, 0, List.of(new BootParameters.Module(at, Files.size(GUEST))))));
        Qemu.Run qemu = Qemu.run(IMAGE, "vexpress-a15,secure=off", 60, "-smp", "2", "-m", "256",
                "-device", "loader,file=" + GUEST + ",addr=0x" + Long.toHexString(at), "-dtb", dtb.toString());
        assertEquals(0, qemu.exitCode(), qemu.text());
        assertEquals(hyplab.text(), qemu.text(), "decode on QEMU");
    }

    @Test
    void everyFormOnTheArndale() throws Exception {
        onHypLab("arndale", ARNDALE_MEM);
    }

    /** Virtualization hides the board; and the transcript shows every form the guest tries. */
    @Test
    void theGuestSeesNoDifferenceBetweenTheBoards() throws Exception {
        List<String> vexpress = guestLines(golden("vexpress-a15")), arndale = guestLines(golden("arndale"));
        assertEquals(vexpress, arndale);
        assertEquals(49, vexpress.size(), "two header lines, 46 forms, the LDM: " + vexpress);
        assertTrue(golden("arndale").contains("(pc 40100000): LDM/STM"), "the LDM is refused");
    }

    private static List<String> guestLines(String transcript) {
        return transcript.lines().filter(l -> l.startsWith("(d")).toList();
    }
}
