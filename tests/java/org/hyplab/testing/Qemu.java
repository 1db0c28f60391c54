package org.hyplab.testing;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * QEMU, the oracle: {@code qemu-system-arm -M vexpress-a15,secure=off -nographic -kernel ELF},
 * its console captured as bytes. Debian's qemu-system-arm is installed by ./hyplab.
 */
public final class Qemu {

    /** What a run printed and how QEMU ended (0: the program powered the board off). */
    public record Run(int exitCode, byte[] console) {
        public String text() {
            return new String(console, StandardCharsets.ISO_8859_1);
        }

        public List<String> lines() {
            return text().lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        }
    }

    private Qemu() {
    }

    /** The ARM programs the build made ({@code hyplab.arm.dir}, set by Maven). */
    public static Path armDir() {
        return Path.of(System.getProperty("hyplab.arm.dir", "target/arm"));
    }

    public static Run run(Path elf, String machine, int timeoutSeconds, String... options)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("qemu-system-arm", "-M", machine, "-nographic",
                "-monitor", "none", "-kernel", elf.toString()));
        command.addAll(List.of(options));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().put("QEMU_AUDIO_DRV", "none");
        Process qemu = builder.start();
        // Read while it runs: a chatty program must not block on a full pipe.
        byte[][] out = new byte[1][];
        Thread reader = new Thread(() -> {
            try {
                out[0] = qemu.getInputStream().readAllBytes();
            } catch (IOException e) {
                out[0] = ("[reading QEMU's output failed: " + e + "]").getBytes(StandardCharsets.UTF_8);
            }
        });
        reader.start();
        if (!qemu.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            qemu.destroyForcibly();
            reader.join();
            throw new AssertionError("QEMU did not power off within " + timeoutSeconds + " s running " + elf);
        }
        reader.join();
        return new Run(qemu.exitValue(), out[0]);
    }

    /**
     * As QEMU's {@code -M vexpress-a15,secure=off -smp 2}: no EL3, the ELF entered in Hyp mode
     * on both CPUs of the CoreTile A15x2.
     */
    public static Run runVexpress(Path elf) throws IOException, InterruptedException {
        return run(elf, "vexpress-a15,secure=off", 120, "-smp", "2");
    }
}
