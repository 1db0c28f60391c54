package org.hyplab.fdt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs the device-tree compiler ({@code dtc}, Debian's device-tree-compiler, which
 * scripts/setup.sh installs) as an independent check of our blobs. A missing dtc fails the
 * test: it is part of the build's tool set, not optional.
 */
public final class Dtc {

    private Dtc() {
    }

    /** {@code dtc -I dtb -O dts}: the blob as source text; fails on any dtc error. */
    public static String decompile(byte[] blob) {
        return new String(run(blob, "-I", "dtb", "-O", "dts"), StandardCharsets.UTF_8);
    }

    /** {@code dtc -I dts -O dtb}: a blob compiled by dtc from source. */
    public static byte[] compile(String dts) {
        return run(dts.getBytes(StandardCharsets.UTF_8), "-I", "dts", "-O", "dtb");
    }

    private static byte[] run(byte[] input, String... args) {
        String[] command = new String[args.length + 3];
        command[0] = "dtc";
        command[1] = "-q";   // no warnings on stderr: the exit code and output are what we check
        System.arraycopy(args, 0, command, 2, args.length);
        command[command.length - 1] = "-";
        Process p;
        try {
            p = new ProcessBuilder(command).start();
        } catch (IOException e) {
            return fail("dtc (package device-tree-compiler) is needed for this test: " + e.getMessage());
        }
        try {
            CompletableFuture<byte[]> stdout = CompletableFuture.supplyAsync(() -> readAll(p.getInputStream()));
            CompletableFuture<byte[]> stderr = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
            try (OutputStream in = p.getOutputStream()) {
                in.write(input);
            }
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return fail("dtc did not finish");
            }
            assertEquals(0, p.exitValue(), () -> "dtc failed: " + new String(stderr.join(), StandardCharsets.UTF_8));
            return stdout.join();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static byte[] readAll(InputStream in) {
        try (in; ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            in.transferTo(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
