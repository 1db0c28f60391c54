package org.hyplab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

/** {@code ./hyplab disasm}, through {@link Main} as the launcher runs it. */
class DisasmCommandTest {

    record Result(int exitCode, String out, String err) {
        List<String> lines() {
            return out.lines().toList();
        }
    }

    private static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String[] all = new String[args.length + 1];
        all[0] = "disasm";
        System.arraycopy(args, 0, all, 1, args.length);
        int code = Main.run(all, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void printsOneLinePerWord() {
        // Expected texts from objdump 2.40 (-m armv7) for the same words.
        Result r = run("e3a00001", "0xE59F1008", "e12fff1e");
        assertEquals(0, r.exitCode(), r.err());
        assertEquals(List.of("mov\tr0, #1", "ldr\tr1, [pc, #8]", "bx\tlr"), r.lines());
        assertEquals("", r.err());
    }

    @Test
    void addressesAdvanceByFourFromTheStartAddress() {
        // "b ." (eafffffe) branches to its own address; the bl at 0x8008 to 0x8008 + 8 + 4 * 0x3fe.
        Result r = run("--addr", "8000", "eafffffe", "eafffffe", "eb0003fe");
        assertEquals(0, r.exitCode(), r.err());
        assertEquals(List.of("b\t0x8000", "b\t0x8004", "bl\t0x9008"), r.lines());

        Result prefixed = run("--addr=0x80010000", "eafffffe");
        assertEquals(List.of("b\t0x80010000"), prefixed.lines());
    }

    @Test
    void shortWordsAndLeadingZerosAreFine() {
        assertEquals(List.of("andeq\tr0, r0, r0"), run("0").lines());
        assertEquals(List.of("andeq\tr0, r0, r0"), run("0x000000000").lines());
    }

    @Test
    void undefinedWordsSayWhatTheyAre() {
        assertEquals(List.of("<UNDEFINED> instruction: 0xffffffff"), run("ffffffff").lines());
    }

    @Test
    void badInputIsAUsageError() {
        assertUsage(run(), "no words to disassemble");
        assertUsage(run("e3a0000g"), "'e3a0000g' is not a hex word");
        assertUsage(run("1e3a00001"), "'1e3a00001' is wider than 32 bits");
        assertUsage(run("0x"), "'0x' is not a hex word");
        assertUsage(run("--addr"), "--addr needs an address");
        assertUsage(run("--addr", "xyz", "0"), "'xyz' is not a hex address");
        assertUsage(run("--addr", "100000000", "0"), "'100000000' is wider than 32 bits");
        assertUsage(run("--addr", "0"), "no words to disassemble");
        assertUsage(run("--bogus", "0"), "unknown option '--bogus'");
    }

    private static void assertUsage(Result r, String message) {
        assertEquals(Command.EXIT_USAGE, r.exitCode(), r.out());
        assertEquals("", r.out());
        assertTrue(r.err().startsWith("hyplab disasm: " + message), r.err());
    }

    @Test
    void isListedByMain() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new String[0], new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(Command.EXIT_USAGE, code);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("disasm"), err.toString(StandardCharsets.UTF_8));
    }
}
