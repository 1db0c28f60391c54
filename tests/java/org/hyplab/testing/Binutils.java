package org.hyplab.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * GNU binutils as the tests' oracle for what an ELF holds: a symbol's address (nm) and the
 * source line of an address (addr2line); and where a MARK comment is in a test program's source.
 */
public final class Binutils {

    private Binutils() {
    }

    /** The address of symbol {@code name} in {@code elf}, as {@code arm-none-eabi-nm} prints it. */
    public static long symbol(Path elf, String name) {
        for (String line : run("arm-none-eabi-nm", elf.toString())) {
            String[] f = line.trim().split("\\s+");
            if (f.length == 3 && f[2].equals(name)) {
                return Long.parseLong(f[0], 16);
            }
        }
        throw new AssertionError("nm finds no symbol " + name + " in " + elf);
    }

    /** The address of the first instruction whose mnemonic is {@code mnemonic}, in {@code elf}'s disassembly. */
    public static long firstInstruction(Path elf, String mnemonic) {
        for (String line : run("arm-none-eabi-objdump", "-d", elf.toString())) {
            String[] f = line.split("\t");
            if (f.length >= 3 && f[2].trim().equals(mnemonic) || f.length >= 3 && f[2].startsWith(mnemonic + "\t")) {
                return Long.parseLong(f[0].trim().replace(":", ""), 16);
            }
        }
        throw new AssertionError("objdump finds no " + mnemonic + " in " + elf);
    }

    /** "file:line" of {@code address}, as {@code arm-none-eabi-addr2line} gives it (file name only). */
    public static String line(Path elf, long address) {
        String out = run("arm-none-eabi-addr2line", "-e", elf.toString(), Long.toHexString(address)).get(0).trim();
        String noDiscriminator = out.replaceAll(" \\(discriminator [0-9]+\\)", "");
        return noDiscriminator.substring(noDiscriminator.lastIndexOf('/') + 1);
    }

    /** The 1-based number of the line of {@code source} holding "MARK {@code mark}". */
    public static int markedLine(Path source, String mark) {
        try {
            List<String> lines = Files.readAllLines(source, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).matches(".*\\bMARK " + java.util.regex.Pattern.quote(mark) + "\\s*\\*/.*")) {
                    return i + 1;
                }
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("no 'MARK " + mark + "' in " + source);
    }

    private static List<String> run(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            List<String> lines = new ArrayList<>(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList());
            if (p.waitFor() != 0) {
                throw new AssertionError(String.join(" ", command) + " failed: " + lines);
            }
            return lines;
        } catch (IOException e) {
            throw new AssertionError("cannot run " + command[0] + " (binutils-arm-none-eabi)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
