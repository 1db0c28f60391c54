package org.hyplab.lab;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A session's console output: the physical UART's whole transcript, and one console per
 * domain and for the hypervisor, split by the prefixes the hypervisor puts on each line, as Xen
 * does: "(d1) " for domain 1's output, "(XEN) " for its own. Each keeps its newest
 * {@link #LIMIT} characters. It also follows where the hypervisor says console input goes.
 */
final class Consoles {

    static final int LIMIT = 256 * 1024;
    static final String HYPERVISOR = "hypervisor";

    /** One console's kept text, and how much was dropped from its front to keep it short. */
    private static final class Text {
        final StringBuilder kept = new StringBuilder();
        long dropped;

        void append(CharSequence text) {
            kept.append(text);
            if (kept.length() > LIMIT) {
                int cut = kept.length() - LIMIT;
                kept.delete(0, cut);
                dropped += cut;
            }
        }

        /** All it was ever given. */
        long total() {
            return dropped + kept.length();
        }

        /** Back to when it had been given {@code total} characters (what is no longer kept stays lost). */
        void cutTo(long total) {
            kept.setLength((int) Math.max(0, Math.min(kept.length(), total - dropped)));
        }
    }

    private final Text uart = new Text();
    private final Map<String, Text> split = new LinkedHashMap<>();
    private final StringBuilder line = new StringBuilder();
    private long version;
    /** Where the hypervisor last said console input goes: "hypervisor" or "d1", ...; empty before it said. */
    private String focus = "";

    Consoles() {
        split.put(HYPERVISOR, new Text());
    }

    synchronized void put(int b) {
        char c = (char) (b & 0xFF);
        if (c == '\r') {
            return;
        }
        uart.append(String.valueOf(c));
        version++;
        if (c != '\n') {
            line.append(c);
            return;
        }
        String text = line.toString();
        line.setLength(0);
        String to = HYPERVISOR;
        if (text.startsWith("(XEN) ")) {
            text = text.substring(6);
        } else if (text.matches("\\(d[0-9]{1,3}\\) .*")) {
            to = text.substring(1, text.indexOf(')'));
            text = text.substring(text.indexOf(')') + 2);
        }
        if (to.equals(HYPERVISOR) && text.startsWith("*** Serial input to ")) {
            // The hypervisor says where keystrokes go now (hypervisor/input.c, as Xen does).
            String rest = text.substring("*** Serial input to ".length());
            focus = rest.startsWith("DOM") ? "d" + rest.substring(3).replaceAll("[^0-9].*", "") : HYPERVISOR;
        }
        split.computeIfAbsent(to, k -> new Text()).append(text + "\n");
    }

    /** How much each console had been given at a moment, to go back to it ({@link #truncate}). */
    record Mark(long uart, Map<String, Long> split, String line, String focus) {
    }

    synchronized Mark mark() {
        Map<String, Long> totals = new LinkedHashMap<>();
        split.forEach((k, v) -> totals.put(k, v.total()));
        return new Mark(uart.total(), totals, line.toString(), focus);
    }

    /** Back to {@code m}: what was printed since is gone (older text dropped to keep the limit stays dropped). */
    synchronized void truncate(Mark m) {
        uart.cutTo(m.uart());
        split.entrySet().removeIf(e -> !m.split().containsKey(e.getKey()));
        split.forEach((k, v) -> v.cutTo(m.split().get(k)));
        line.setLength(0);
        line.append(m.line());
        focus = m.focus();
        version++;
    }

    synchronized String focus() {
        return focus;
    }

    /** Grows with each byte: whether anything was printed since a look. */
    synchronized long version() {
        return version;
    }

    /** The physical UART's transcript (its newest {@link #LIMIT} characters). */
    synchronized String uart() {
        return uart.kept.toString();
    }

    /** "hypervisor", "d1", "d2", ... each with its lines. */
    synchronized Map<String, String> split() {
        Map<String, String> copy = new LinkedHashMap<>();
        split.forEach((k, v) -> copy.put(k, v.kept.toString()));
        return copy;
    }
}
