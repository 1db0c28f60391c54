package org.hyplab.gic;

import java.util.ArrayList;
import java.util.List;

/**
 * One field of a GIC register or of an interrupt's state, in words, for the inspector: its
 * register and name, its bits (empty for a state that no single register holds), its value,
 * what that value means, and the section of IHI 0048B that says so.
 */
public record GicField(String register, String name, String bits, int value, String meaning, String section) {

    /** "GICD_CTLR.EnableGrp0 [0] = 1: Group 0 interrupts are forwarded (IHI 0048B 4.3.1)". */
    public String line() {
        String shown = bits.contains(":") && !bits.equals("[0:0]") ? "0x" + Integer.toHexString(value) : Integer.toString(value);
        return register + (name.isEmpty() ? "" : "." + name) + (bits.isEmpty() ? "" : " " + bits) + " = " + shown
                + (meaning.isEmpty() ? "" : ": " + meaning) + " (IHI 0048B " + section + ")";
    }

    /** A title line, then each field's {@link #line()} indented. */
    static List<String> lines(String title, List<GicField> fields) {
        List<String> lines = new ArrayList<>();
        lines.add(title);
        fields.forEach(f -> lines.add("  " + f.line()));
        return List.copyOf(lines);
    }

    static GicField bit(String register, String name, int bit, int word, String whenSet, String whenClear, String section) {
        int v = word >>> bit & 1;
        return new GicField(register, name, "[" + bit + "]", v, v == 1 ? whenSet : whenClear, section);
    }

    static GicField bits(String register, String name, int msb, int lsb, int word, String meaning, String section) {
        int v = (int) ((word & 0xFFFF_FFFFL) >>> lsb & ((1L << (msb - lsb + 1)) - 1));
        return new GicField(register, name, "[" + msb + ":" + lsb + "]", v, meaning, section);
    }

    /** "ID 27", "ID 3 from CPU 1", "1023 (spurious: nothing to acknowledge)" for an IAR or HPPIR value. */
    static String interruptId(int value) {
        int id = value & 0x3FF;
        if (id == 1023) {
            return "1023, spurious: no interrupt to acknowledge";
        }
        if (id == 1022) {
            return "1022: a Group 1 interrupt is pending that this register may not acknowledge (AckCtl 0)";
        }
        return "ID " + id + (id < 16 ? " from CPU " + (value >>> 10 & 7) : "");
    }

    /** A priority: 0x00 is the highest (IHI 0048B 3.3). */
    static String priority(int p) {
        return String.format("priority 0x%02x (lower values are higher priorities)", p);
    }
}
