package org.hyplab.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

import org.hyplab.disasm.A32Disassembler;

/**
 * {@code ./hyplab disasm [--addr A] WORD...}: disassembles A32 words, given in hex, as if they
 * were at consecutive addresses from A (hex, default 0). One line per word, in objdump's syntax.
 */
public final class DisasmCommand implements Command {

    private static final String USAGE = "usage: disasm [--addr ADDRESS] WORD... (hex, with or without 0x)";

    @Override
    public String name() {
        return "disasm";
    }

    @Override
    public String summary() {
        return "disassemble A32 words: disasm [--addr A] WORD...";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        int address = 0;
        List<Integer> words = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--addr")) {
                if (i + 1 == args.size()) {
                    throw new UsageException("--addr needs an address; " + USAGE);
                }
                address = parseHex(args.get(++i), "address");
            } else if (arg.startsWith("--addr=")) {
                address = parseHex(arg.substring("--addr=".length()), "address");
            } else if (arg.startsWith("-")) {
                throw new UsageException("unknown option '" + arg + "'; " + USAGE);
            } else {
                words.add(parseHex(arg, "word"));
            }
        }
        if (words.isEmpty()) {
            throw new UsageException("no words to disassemble; " + USAGE);
        }
        for (int i = 0; i < words.size(); i++) {
            out.println(A32Disassembler.disassemble(words.get(i), address + 4 * i));
        }
        return EXIT_OK;
    }

    /** A 32-bit value in hex, with or without 0x; anything else is a usage error. */
    static int parseHex(String text, String what) {
        String digits = text.startsWith("0x") || text.startsWith("0X") ? text.substring(2) : text;
        if (digits.isEmpty() || !digits.matches("[0-9a-fA-F]+")) {
            throw new UsageException("'" + text + "' is not a hex " + what);
        }
        String significant = digits.replaceFirst("^0+(?=.)", "");
        if (significant.length() > 8) {
            throw new UsageException("'" + text + "' is wider than 32 bits");
        }
        return Integer.parseUnsignedInt(significant, 16);
    }
}
