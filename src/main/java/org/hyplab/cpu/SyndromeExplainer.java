package org.hyplab.cpu;

import java.util.ArrayList;
import java.util.List;

/**
 * The Hyp Syndrome Register in words: what trapped (the exception class) and every field of its
 * syndrome, for the Lab's trap timeline and for {@code ./hyplab trace}. Layouts are those of the
 * ARM ARM (DDI 0406C B3.13.6, "Use of the HSR"), as BOARDS.md §4.4 tabulates them: EC in
 * bits [31:26], IL in bit 25, the ISS in [24:0]; the conditional classes 0x01-0x0C carry CV
 * (bit 24) and COND ([23:20]); aborts report a long-descriptor fault status code.
 *
 * <p>A pure function of the value: it reads no machine state, so it explains a recorded trap as
 * well as the current one.
 */
public final class SyndromeExplainer {

    /** One field of the syndrome: its name, its bits, its value and what the value means. */
    public record Field(String name, int msb, int lsb, int value, String meaning) {
        /** "SRT [19:16] = 5: transfer register r5". */
        public String line() {
            String bits = msb == lsb ? "[" + msb + "]" : "[" + msb + ":" + lsb + "]";
            return name + " " + bits + " = " + (msb - lsb >= 3 ? "0x" + Integer.toHexString(value) : Integer.toString(value))
                    + (meaning.isEmpty() ? "" : ": " + meaning);
        }
    }

    /** The decoded syndrome: its class, its name, and the fields (EC and IL first). */
    public record Syndrome(int hsr, int ec, String name, List<Field> fields) {
        public List<String> lines() {
            List<String> lines = new ArrayList<>();
            lines.add(String.format("HSR 0x%08x: %s (EC 0x%02x)", hsr, name, ec));
            fields.forEach(f -> lines.add("  " + f.line()));
            return lines;
        }

        /** The field called {@code name}; an IllegalArgumentException if the class has none. */
        public Field field(String name) {
            return fields.stream().filter(f -> f.name().equals(name)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException(this.name + " has no field " + name));
        }
    }

    private SyndromeExplainer() {
    }

    /** The exception class's name (ARM ARM B3.13.6, Table B3-26); "reserved" for the others. */
    public static String className(int ec) {
        return switch (ec) {
            case 0x00 -> "unknown reason";
            case 0x01 -> "WFI or WFE trapped";
            case 0x03 -> "MCR or MRC to CP15 trapped";
            case 0x04 -> "MCRR or MRRC to CP15 trapped";
            case 0x05 -> "MCR or MRC to CP14 trapped";
            case 0x06 -> "LDC or STC to CP14 trapped";
            case 0x07 -> "access to a coprocessor trapped by HCPTR";
            case 0x08 -> "MRC or VMRS to CP10 trapped (ID registers)";
            case 0x09 -> "BXJ trapped";
            case 0x0A -> "Jazelle instruction trapped";
            case 0x0C -> "MRRC to CP14 trapped";
            case 0x11 -> "SVC taken to Hyp mode";
            case 0x12 -> "HVC";
            case 0x13 -> "SMC trapped";
            case 0x20 -> "prefetch abort from a lower mode (stage 2, or routed to Hyp)";
            case 0x21 -> "prefetch abort taken in Hyp mode";
            case 0x24 -> "data abort from a lower mode (stage 2, or routed to Hyp)";
            case 0x25 -> "data abort taken in Hyp mode";
            default -> "reserved exception class";
        };
    }

    public static Syndrome explain(int hsr) {
        int ec = hsr >>> 26;
        List<Field> fields = new ArrayList<>();
        fields.add(new Field("EC", 31, 26, ec, className(ec)));
        boolean il = (hsr & (1 << 25)) != 0;
        fields.add(new Field("IL", 25, 25, il ? 1 : 0, il ? "a 32-bit instruction" : "a 16-bit instruction, or not known"));
        if (ec >= 0x01 && ec <= 0x0C) {
            conditional(hsr, fields);
        }
        switch (ec) {
            case 0x01 -> fields.add(field(hsr, "TI", 0, 0, v -> v == 1 ? "WFE" : "WFI"));
            case 0x03, 0x05, 0x08 -> {
                fields.add(field(hsr, "Opc2", 19, 17, v -> ""));
                fields.add(field(hsr, "Opc1", 16, 14, v -> ""));
                fields.add(field(hsr, "CRn", 13, 10, v -> "c" + v));
                fields.add(field(hsr, "Rt", 8, 5, SyndromeExplainer::register));
                fields.add(field(hsr, "CRm", 4, 1, v -> "c" + v));
                fields.add(field(hsr, "Direction", 0, 0, v -> v == 1 ? "read (MRC)" : "write (MCR)"));
            }
            case 0x04, 0x0C -> {
                fields.add(field(hsr, "Opc1", 19, 16, v -> ""));
                fields.add(field(hsr, "Rt2", 13, 10, SyndromeExplainer::register));
                fields.add(field(hsr, "Rt", 8, 5, SyndromeExplainer::register));
                fields.add(field(hsr, "CRm", 4, 1, v -> "c" + v));
                fields.add(field(hsr, "Direction", 0, 0, v -> v == 1 ? "read (MRRC)" : "write (MCRR)"));
            }
            case 0x06 -> {
                fields.add(field(hsr, "imm8", 19, 12, v -> "offset " + v * 4 + " bytes"));
                fields.add(field(hsr, "Rn", 8, 5, SyndromeExplainer::register));
                fields.add(field(hsr, "Offset", 4, 4, v -> v == 1 ? "add" : "subtract"));
                fields.add(field(hsr, "AM", 3, 1, v -> "addressing mode " + v));
                fields.add(field(hsr, "Direction", 0, 0, v -> v == 1 ? "read (LDC)" : "write (STC)"));
            }
            case 0x07 -> {
                fields.add(field(hsr, "TA", 5, 5, v -> v == 1 ? "Advanced SIMD (HCPTR.TASE)" : "not Advanced SIMD"));
                fields.add(field(hsr, "coproc", 3, 0, v -> "CP" + v));
            }
            case 0x11, 0x12 -> fields.add(field(hsr, "imm16", 15, 0, v -> ec == 0x12 && v == 0xEA1
                    ? "Xen's hypercall tag: the number is in r12" : ec == 0x12 && v == 0 ? "SMCCC: PSCI and other firmware calls, function in r0" : ""));
            case 0x20, 0x21 -> {
                fields.add(field(hsr, "EA", 9, 9, v -> v == 1 ? "external abort type (IMPLEMENTATION DEFINED)" : ""));
                fields.add(field(hsr, "S1PTW", 7, 7, v -> v == 1 ? "on a stage-2 access of a stage-1 table walk" : "not on a stage-1 walk"));
                fields.add(field(hsr, "IFSC", 5, 0, SyndromeExplainer::faultStatus));
            }
            case 0x24, 0x25 -> {
                boolean isv = (hsr & (1 << 24)) != 0;
                fields.add(field(hsr, "ISV", 24, 24, v -> v == 1 ? "SAS, SSE and SRT describe the access"
                        : "no register described (LDM/STM, LDRD/STRD, writeback, Rt = PC): the instruction must be decoded"));
                if (isv) {
                    fields.add(field(hsr, "SAS", 23, 22, v -> switch (v) {
                        case 0 -> "byte";
                        case 1 -> "halfword";
                        case 2 -> "word";
                        default -> "reserved";
                    }));
                    fields.add(field(hsr, "SSE", 21, 21, v -> v == 1 ? "sign-extended" : "not sign-extended"));
                    fields.add(field(hsr, "SRT", 19, 16, v -> "transfer register " + register(v)));
                }
                fields.add(field(hsr, "EA", 9, 9, v -> v == 1 ? "external abort type (IMPLEMENTATION DEFINED)" : ""));
                fields.add(field(hsr, "CM", 8, 8, v -> v == 1 ? "a cache maintenance operation" : ""));
                fields.add(field(hsr, "S1PTW", 7, 7, v -> v == 1 ? "on a stage-2 access of a stage-1 table walk" : "not on a stage-1 walk"));
                fields.add(field(hsr, "WnR", 6, 6, v -> v == 1 ? "a write" : "a read"));
                fields.add(field(hsr, "DFSC", 5, 0, SyndromeExplainer::faultStatus));
            }
            default -> {
                int iss = hsr & 0x1FF_FFFF;
                if (ec < 0x01 || ec > 0x0C) {
                    fields.add(new Field("ISS", 24, 0, iss, iss == 0 ? "" : "not decoded for this class"));
                }
            }
        }
        return new Syndrome(hsr, ec, className(ec), List.copyOf(fields));
    }

    private static void conditional(int hsr, List<Field> fields) {
        boolean cv = (hsr & (1 << 24)) != 0;
        fields.add(new Field("CV", 24, 24, cv ? 1 : 0, cv ? "COND is valid" : "COND is not valid"));
        if (cv) {
            fields.add(field(hsr, "COND", 23, 20, SyndromeExplainer::condition));
        }
    }

    private static Field field(int hsr, String name, int msb, int lsb, java.util.function.IntFunction<String> meaning) {
        int width = msb - lsb + 1;
        int value = (hsr >>> lsb) & (width == 32 ? -1 : (1 << width) - 1);
        return new Field(name, msb, lsb, value, meaning.apply(value));
    }

    static String register(int n) {
        return switch (n) {
            case 13 -> "sp";
            case 14 -> "lr";
            case 15 -> "pc";
            default -> "r" + n;
        };
    }

    /** Condition codes (ARM ARM A8.3, Table A8-1). */
    static String condition(int cond) {
        String[] names = {"EQ", "NE", "CS", "CC", "MI", "PL", "VS", "VC", "HI", "LS", "GE", "LT", "GT", "LE", "AL", "(unconditional)"};
        return names[cond & 15] + (cond == 0xE ? ": always" : "");
    }

    /** A long-descriptor fault status code (ARM ARM B3.13.5; BOARDS.md §4.4). */
    static String faultStatus(int fsc) {
        int level = fsc & 3;
        return switch (fsc >>> 2) {
            case 0b0001 -> "translation fault, level " + level;
            case 0b0010 -> "access flag fault, level " + level;
            case 0b0011 -> "permission fault, level " + level;
            case 0b0101 -> "synchronous external abort on a table walk, level " + level;
            case 0b0111 -> "synchronous parity error on a table walk, level " + level;
            default -> switch (fsc) {
                case 0x10 -> "synchronous external abort";
                case 0x18 -> "synchronous parity error";
                case 0x21 -> "alignment fault";
                case 0x22 -> "debug event";
                case 0x34 -> "implementation-defined lockdown";
                case 0x3A -> "implementation-defined coprocessor abort";
                default -> "reserved fault status";
            };
        };
    }
}
