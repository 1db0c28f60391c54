package org.hyplab.lab;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A session's console output: the physical UART's whole transcript, and one console per
 * domain and for the hypervisor, split by the prefixes the hypervisor puts on each line, as Xen
 * does: "(d1) " for domain 1's output, "(XEN) " for its own. Each keeps its newest
 * {@link #LIMIT} characters.
 */
final class Consoles {

    static final int LIMIT = 256 * 1024;
    static final String PHYSICAL = "uart", HYPERVISOR = "hypervisor";

    private final StringBuilder uart = new StringBuilder();
    private final Map<String, StringBuilder> split = new LinkedHashMap<>();
    private final StringBuilder line = new StringBuilder();
    private long version;
    /** Where the hypervisor last said console input goes: "hypervisor" or "d1", ...; empty before it said. */
    private String focus = "";

    Consoles() {
        split.put(HYPERVISOR, new StringBuilder());
    }

    synchronized void put(int b) {
        char c = (char) (b & 0xFF);
        if (c == '\r') {
            return;
        }
        append(uart, c);
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
        StringBuilder target = split.computeIfAbsent(to, k -> new StringBuilder());
        append(target, text);
        append(target, '\n');
    }

    private static void append(StringBuilder b, Object text) {
        b.append(text);
        if (b.length() > LIMIT) {
            b.delete(0, b.length() - LIMIT);
        }
    }

    /** How long each console was at a moment, to go back to it ({@link #truncate}). */
    record Mark(int uart, Map<String, Integer> split, String line, String focus) {
    }

    synchronized Mark mark() {
        Map<String, Integer> lengths = new LinkedHashMap<>();
        split.forEach((k, v) -> lengths.put(k, v.length()));
        return new Mark(uart.length(), lengths, line.toString(), focus);
    }

    /** Back to {@code m}, as far as the kept text allows (older text may have been dropped). */
    synchronized void truncate(Mark m) {
        uart.setLength(Math.min(uart.length(), m.uart()));
        split.entrySet().removeIf(e -> !m.split().containsKey(e.getKey()));
        split.forEach((k, v) -> v.setLength(Math.min(v.length(), m.split().get(k))));
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

    /** The physical UART's transcript. */
    synchronized String uart() {
        return uart.toString();
    }

    /** "hypervisor", "d1", "d2", ... each with its lines. */
    synchronized Map<String, String> split() {
        Map<String, String> copy = new LinkedHashMap<>();
        split.forEach((k, v) -> copy.put(k, v.toString()));
        return copy;
    }
}
