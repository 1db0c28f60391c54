package org.hyplab.disasm;

import java.util.ArrayList;
import java.util.List;

/**
 * One line of an encoding table: a word matches when {@code (word & mask) == value}, and then
 * prints through its template.
 *
 * <p>A template is the printed text with operands in braces; the notation is HypLab's own and is
 * meant to be read beside the ARM ARM's encoding diagrams:
 *
 * <pre>
 *   {c}             condition suffix of bits 31:28 ("" for AL and for the unconditional 1111)
 *   {s}             "s" when bit 20 (S) is set
 *   {r:N}           core register in bits N+3:N (r0..r12, sp, lr, pc)
 *   {r+1:N}         the register after it (second register of a pair)
 *   {d:F}           field F in decimal; {d+1:F} the field plus one
 *   {x8:F} {x:F}    field F in hex as 0x%08x / 0x%x;  {h:F} one hex digit
 *   {e:F}           2^width(F) - F (right-shift amounts of Advanced SIMD)
 *   {w:F:b:lo:hi}   an Advanced SIMD element width b << F, or "<illegal width>" outside lo..hi
 *   {F:a/b/c/...}   the text chosen by the value of field F (a for 0, b for 1, ...)
 *   {name}          a named operand printer (see Operands#named)
 *   {{ and }}       literal braces
 * </pre>
 *
 * A field F is a bit range {@code 7-11} or a single bit {@code 20}; several, separated by
 * commas, are concatenated with the first one in the low bits ({@code 5,0-3} = bit 5, then bits
 * 3:0 above it), as the ARM ARM builds e.g. {@code imm4:i}.
 *
 * <p>A row made by {@link #later} is an instruction of a later architecture than the Cortex-A15's
 * that objdump decodes anyway: it prints as objdump prints it, followed by a note in objdump's
 * comment syntax: {@code vseleq.f32 s0, s1, s2 @ ARMv8: not on Cortex-A15} (with TABs).
 */
record Rule(int mask, int value, Part[] parts) {

    /** One piece of a compiled template; returns false when the word turns out undecodable. */
    interface Part {
        boolean emit(StringBuilder out, int word, int address);
    }

    static Rule of(int value, int mask, String template) {
        if ((value & ~mask) != 0) {
            throw new IllegalArgumentException("value has bits outside the mask: " + template);
        }
        return new Rule(mask, value, compile(template));
    }

    /**
     * A row of an instruction the Cortex-A15 does not have (it takes the Undefined Instruction
     * exception there), introduced by {@code architecture}, e.g. "ARMv8.2".
     */
    static Rule later(String architecture, int value, int mask, String template) {
        return of(value, mask, template + "\t@ " + architecture + ": not on Cortex-A15");
    }

    boolean matches(int word) {
        return (word & mask) == value;
    }

    /** Prints the matched word; null when a part decides the word is undecodable after all. */
    String print(int word, int address) {
        StringBuilder out = new StringBuilder(40);
        for (Part part : parts) {
            if (!part.emit(out, word, address)) {
                return null;
            }
        }
        int comment = out.indexOf(String.valueOf(Operands.COMMENT));
        return comment < 0 ? out.toString() : out.substring(0, comment).stripTrailing();
    }

    // ---- the template compiler -----------------------------------------------------------------

    static Part[] compile(String template) {
        List<Part> parts = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        int i = 0;
        while (i < template.length()) {
            char ch = template.charAt(i);
            if ((ch == '{' || ch == '}') && i + 1 < template.length() && template.charAt(i + 1) == ch) {
                text.append(ch); // "{{" and "}}" stand for literal braces
                i += 2;
            } else if (ch == '{') {
                int close = template.indexOf('}', i);
                if (close < 0) {
                    throw new IllegalArgumentException("unclosed { in " + template);
                }
                if (text.length() > 0) {
                    parts.add(literal(text.toString()));
                    text.setLength(0);
                }
                parts.add(directive(template.substring(i + 1, close), template));
                i = close + 1;
            } else {
                text.append(ch);
                i++;
            }
        }
        if (text.length() > 0) {
            parts.add(literal(text.toString()));
        }
        return parts.toArray(new Part[0]);
    }

    private static Part literal(String text) {
        return (out, w, a) -> {
            out.append(text);
            return true;
        };
    }

    private static Part directive(String d, String template) {
        switch (d) {
            case "c":
                return (out, w, a) -> {
                    out.append(Operands.condition(w));
                    return true;
                };
            case "s":
                return (out, w, a) -> {
                    if ((w & (1 << 20)) != 0) {
                        out.append('s');
                    }
                    return true;
                };
            default:
                break;
        }
        int colon = d.indexOf(':');
        if (colon < 0) {
            Part named = Operands.named(d);
            if (named == null) {
                throw new IllegalArgumentException("unknown operand {" + d + "} in " + template);
            }
            return named;
        }
        String head = d.substring(0, colon);
        String rest = d.substring(colon + 1);
        switch (head) {
            case "r": {
                int lo = Integer.parseInt(rest);
                return (out, w, a) -> {
                    out.append(Operands.reg((w >>> lo) & 15));
                    return true;
                };
            }
            case "r+1": {
                int lo = Integer.parseInt(rest);
                return (out, w, a) -> {
                    out.append(Operands.reg(((w >>> lo) + 1) & 15));
                    return true;
                };
            }
            case "d":
            case "d+1": {
                Field f = Field.parse(rest);
                int plus = head.equals("d+1") ? 1 : 0;
                return (out, w, a) -> {
                    out.append(f.get(w) + plus);
                    return true;
                };
            }
            case "x8": {
                Field f = Field.parse(rest);
                return (out, w, a) -> {
                    out.append(String.format("0x%08x", f.get(w)));
                    return true;
                };
            }
            case "x": {
                Field f = Field.parse(rest);
                return (out, w, a) -> {
                    out.append("0x").append(Integer.toHexString(f.get(w)));
                    return true;
                };
            }
            case "h": {
                Field f = Field.parse(rest);
                return (out, w, a) -> {
                    out.append(Character.forDigit(f.get(w) & 15, 16));
                    return true;
                };
            }
            case "w": {
                // {w:F:base:lo:hi}: an Advanced SIMD element width, base << F, valid for lo..hi.
                String[] a = rest.split(":");
                Field f = Field.parse(a[0]);
                int base = Integer.parseInt(a[1]);
                int lo = Integer.parseInt(a[2]);
                int hi = Integer.parseInt(a[3]);
                return (out, w, addr) -> {
                    int v = f.get(w);
                    if (v < lo || v > hi) {
                        out.append("<illegal width ").append(base << v).append('>');
                    } else {
                        out.append(base << v);
                    }
                    return true;
                };
            }
            case "e": {
                Field f = Field.parse(rest);
                return (out, w, a) -> {
                    out.append((1 << f.width()) - f.get(w));
                    return true;
                };
            }
            default: {
                // {F:a/b/...}: choose by the field's value.
                Field f = Field.parse(head);
                String[] choices = rest.split("/", -1);
                if (choices.length != 1 << f.width()) {
                    throw new IllegalArgumentException("{" + d + "} needs " + (1 << f.width()) + " choices");
                }
                return (out, w, a) -> {
                    out.append(choices[f.get(w)]);
                    return true;
                };
            }
        }
    }

    /** A field of the instruction word: bit ranges concatenated low first. */
    record Field(int[] lows, int[] widths) {

        static Field parse(String spec) {
            String[] pieces = spec.split(",");
            int[] lo = new int[pieces.length];
            int[] width = new int[pieces.length];
            for (int i = 0; i < pieces.length; i++) {
                String p = pieces[i];
                int dash = p.indexOf('-');
                int a = Integer.parseInt(dash < 0 ? p : p.substring(0, dash));
                int b = dash < 0 ? a : Integer.parseInt(p.substring(dash + 1));
                lo[i] = a;
                width[i] = b - a + 1;
            }
            return new Field(lo, width);
        }

        int get(int word) {
            int value = 0;
            int at = 0;
            for (int i = 0; i < lows.length; i++) {
                value |= ((word >>> lows[i]) & ((1 << widths[i]) - 1)) << at;
                at += widths[i];
            }
            return value;
        }

        int width() {
            int total = 0;
            for (int w : widths) {
                total += w;
            }
            return total;
        }
    }
}
