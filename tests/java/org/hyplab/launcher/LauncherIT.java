package org.hyplab.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.hyplab.testing.TestProject;
import org.junit.jupiter.api.Test;

/** The ./hyplab launcher and the helpers in scripts/setup.sh, run through bash. */
class LauncherIT {

    private static final Path ROOT = TestProject.repositoryRoot();

    record Result(int exitCode, String output) {
    }

    private static Result run(List<String> command, String javaHome) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true);
        if (javaHome == null) {
            builder.environment().remove("JAVA_HOME");
        } else {
            builder.environment().put("JAVA_HOME", javaHome);
        }
        Process p = builder.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("timed out: " + command);
        }
        return new Result(p.exitValue(), out);
    }

    /** Runs a snippet of bash with scripts/setup.sh loaded. */
    private static Result setup(String snippet, String javaHome) throws IOException, InterruptedException {
        return run(List.of("bash", "-c", ". scripts/setup.sh; " + snippet), javaHome);
    }

    @Test
    void helpListsTheCommands() throws Exception {
        Result help = run(List.of("./hyplab", "help"), null);
        assertEquals(0, help.exitCode());
        for (String command : List.of("serve", "test", "build", "bundle", "setup", "disasm", "help")) {
            assertTrue(help.output().contains("\n  " + command), command + " missing from:\n" + help.output());
        }
    }

    @Test
    void disasmRunsOnTheJvmSide() throws Exception {
        Result ok = run(List.of("./hyplab", "disasm", "--addr", "8000", "eafffffe", "e3a00001"), null);
        assertEquals(0, ok.exitCode(), ok.output());
        assertTrue(ok.output().endsWith("b\t0x8000\nmov\tr0, #1\n"), ok.output());

        Result bad = run(List.of("./hyplab", "disasm", "nothex"), null);
        assertEquals(2, bad.exitCode(), bad.output());
        assertTrue(bad.output().contains("hyplab disasm: 'nothex' is not a hex word"), bad.output());
    }

    @Test
    void anUnknownCommandIsAUsageError() throws Exception {
        Result result = run(List.of("./hyplab", "srve"), null);
        assertEquals(2, result.exitCode());
        assertTrue(result.output().startsWith("hyplab: unknown command 'srve'"), result.output());
    }

    @Test
    void javaHomeWinsAndIsCheckedForVersion() throws Exception {
        String thisJdk = System.getProperty("java.home");
        Result ok = setup("find_jdk; echo \"JAVA_HOME=$JAVA_HOME\"", thisJdk);
        assertEquals(0, ok.exitCode(), ok.output());
        assertTrue(ok.output().contains("JAVA_HOME=" + thisJdk), ok.output());

        Result missing = setup("find_jdk", "/nonexistent/jdk");
        assertEquals(1, missing.exitCode());
        assertTrue(missing.output().contains("hyplab: error: JAVA_HOME=/nonexistent/jdk is not a JDK"), missing.output());
    }

    @Test
    void withoutJavaHomeAJdkOf21OrNewerIsFoundUnderUsrLibJvm() throws Exception {
        Result found = setup("find_jdk; echo \"major=$(jdk_major \"$JAVA_HOME\")\"", null);
        assertEquals(0, found.exitCode(), found.output());
        int major = Integer.parseInt(found.output().replaceAll("(?s).*major=(\\d+).*", "$1"));
        assertTrue(major >= 21, found.output());
        assertTrue(found.output().contains("hyplab: using JDK " + major + " at /usr/lib/jvm/"), found.output());
    }

    @Test
    void missingDebianPackagesAreNamed() throws Exception {
        Result result = setup("missing_packages bash hyplab-no-such-package", null);
        assertEquals("hyplab-no-such-package ", result.output());
    }
}
