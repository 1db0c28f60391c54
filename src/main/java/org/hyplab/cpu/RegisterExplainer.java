package org.hyplab.cpu;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;

/**
 * The registers a hypervisor lives by, taken apart field by field in words, for the Lab's
 * registers pane: the PSRs, HCR, HSCTLR and SCTLR, the translation controls of both stages
 * (VTCR, VTTBR, HTCR, TTBCR, TTBRs), the fault registers (HSR, HDFAR, HIFAR, HPFAR) and VMPIDR.
 * Layouts and section numbers are those of the ARM ARM (DDI 0406C), as BOARDS.md §4 tabulates
 * them with their sources.
 *
 * <p>Pure functions of the values: like {@link SyndromeExplainer}, this reads no machine state,
 * so a saved value explains as well as a live one.
 */
public final class RegisterExplainer {

    /** One field: its name, its bits, its value and what that value means. */
    public record Field(String name, int msb, int lsb, long value, String meaning) {
        /** "VMID [55:48] = 0x1: domain 1's translations". */
        public String line() {
            String bits = msb == lsb ? "[" + msb + "]" : "[" + msb + ":" + lsb + "]";
            return name + " " + bits + " = " + (msb - lsb >= 3 ? "0x" + Long.toHexString(value) : Long.toString(value))
                    + (meaning.isEmpty() ? "" : ": " + meaning);
        }
    }

    /**
     * A register explained.
     *
     * @param section where the ARM ARM describes it ("B4.1.65")
     * @param wide    a 64-bit register
     */
    public record Register(String name, long value, boolean wide, String section, String purpose, List<Field> fields) {

        public Field field(String fieldName) {
            return fields.stream().filter(f -> f.name().equals(fieldName)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException(name + " has no field " + fieldName));
        }

        /** The value as the registers pane prints it: 8 or 16 hex digits. */
        public String hex() {
            return wide ? String.format("%016x", value) : String.format("%08x", (int) value);
        }

        public List<String> lines() {
            List<String> lines = new ArrayList<>();
            lines.add(name + " = 0x" + hex() + " (" + purpose + ", ARM ARM " + section + ")");
            fields.forEach(f -> lines.add("  " + f.line()));
            return lines;
        }
    }

    private RegisterExplainer() {
    }

    /** Collects fields of one value. */
    private static final class Builder {
        private final long value;
        private final List<Field> fields = new ArrayList<>();

        Builder(long value) {
            this.value = value;
        }

        long bits(int msb, int lsb) {
            return (value >>> lsb) & (msb - lsb == 63 ? -1L : (1L << (msb - lsb + 1)) - 1);
        }

        Builder field(String name, int msb, int lsb, LongFunction<String> meaning) {
            long v = bits(msb, lsb);
            fields.add(new Field(name, msb, lsb, v, meaning.apply(v)));
            return this;
        }

        /** A one-bit control: what it does when set; nothing said when clear. */
        Builder flag(String name, int bit, String whenSet) {
            return field(name, bit, bit, v -> v == 1 ? whenSet : "");
        }

        Builder flag(String name, int bit, String whenSet, String whenClear) {
            return field(name, bit, bit, v -> v == 1 ? whenSet : whenClear);
        }

        Register build(String name, boolean wide, String section, String purpose) {
            return new Register(name, value, wide, section, purpose, List.copyOf(fields));
        }
    }

    // ---- program status ------------------------------------------------------------------------

    /** CPSR or an SPSR (ARM ARM B1.3.3, "Program Status Registers (PSRs)"). */
    public static Register psr(String name, int v) {
        Builder b = new Builder(Integer.toUnsignedLong(v));
        b.flag("N", 31, "negative").flag("Z", 30, "zero").flag("C", 29, "carry").flag("V", 28, "overflow")
                .flag("Q", 27, "saturation happened")
                .field("IT[1:0]", 26, 25, x -> "")
                .flag("J", 24, "Jazelle state")
                .field("GE", 19, 16, x -> "")
                .field("IT[7:2]", 15, 10, x -> "")
                .flag("E", 9, "big-endian data", "little-endian data")
                .flag("A", 8, "asynchronous aborts masked")
                .flag("I", 7, "IRQs masked", "IRQs taken")
                .flag("F", 6, "FIQs masked", "FIQs taken")
                .flag("T", 5, "Thumb state", "ARM state")
                .field("M", 4, 0, m -> {
                    Mode mode = Mode.fromBits((int) m);
                    return mode == null ? "reserved mode" : modeName(mode);
                });
        return b.build(name, false, "B1.3.3", "program status");
    }

    static String modeName(Mode m) {
        return switch (m) {
            case USR -> "User (PL0)";
            case FIQ -> "FIQ (PL1)";
            case IRQ -> "IRQ (PL1)";
            case SVC -> "Supervisor (PL1)";
            case MON -> "Monitor";
            case ABT -> "Abort (PL1)";
            case HYP -> "Hyp (PL2)";
            case UND -> "Undefined (PL1)";
            case SYS -> "System (PL1)";
        };
    }

    // ---- Hyp controls --------------------------------------------------------------------------

    /** HCR, the Hyp Configuration Register: what traps to Hyp mode and what a guest sees (B4.1.65). */
    public static Register hcr(int v) {
        Builder b = new Builder(Integer.toUnsignedLong(v));
        b.flag("TGE", 27, "general exceptions from PL0 go to Hyp mode")
                .flag("TVM", 26, "writes to the guest's memory controls (SCTLR, TTBRs, ...) trap")
                .flag("TTLB", 25, "TLB maintenance traps")
                .flag("TPU", 24, "cache maintenance to the point of unification traps")
                .flag("TPC", 23, "cache maintenance to the point of coherency traps")
                .flag("TSW", 22, "set/way cache maintenance traps")
                .flag("TAC", 21, "ACTLR accesses trap")
                .flag("TIDCP", 20, "IMPLEMENTATION DEFINED CP15 accesses trap")
                .flag("TSC", 19, "SMC traps")
                .flag("TID3", 18, "ID group 3 reads trap (ID_PFR0.., MVFR)")
                .flag("TID2", 17, "ID group 2 accesses trap (CTR, CCSIDR, CLIDR, CSSELR)")
                .flag("TID1", 16, "ID group 1 reads trap (TCMTR, TLBTR, AIDR, REVIDR)")
                .flag("TID0", 15, "ID group 0 reads trap (FPSID, JIDR)")
                .flag("TWE", 14, "WFE traps")
                .flag("TWI", 13, "WFI traps")
                .flag("DC", 12, "stage 1 off: memory is Normal write-back (default cacheable)")
                .field("BSU", 11, 10, x -> switch ((int) x) {
                    case 0 -> "barriers: no upgrade";
                    case 1 -> "barriers upgraded to Inner Shareable";
                    case 2 -> "barriers upgraded to Outer Shareable";
                    default -> "barriers upgraded to Full System";
                })
                .flag("FB", 9, "TLB, cache and branch predictor maintenance broadcast (force broadcast)")
                .flag("VA", 8, "a virtual asynchronous abort is pending")
                .flag("VI", 7, "a virtual IRQ is pending")
                .flag("VF", 6, "a virtual FIQ is pending")
                .flag("AMO", 5, "asynchronous aborts go to Hyp mode; virtual aborts enabled")
                .flag("IMO", 4, "physical IRQs go to Hyp mode; virtual IRQs enabled")
                .flag("FMO", 3, "physical FIQs go to Hyp mode; virtual FIQs enabled")
                .flag("PTW", 2, "stage 1 walks that hit Device memory at stage 2 fault (protected table walk)")
                .flag("SWIO", 1, "data cache invalidate by set/way does clean and invalidate")
                .flag("VM", 0, "stage 2 translation on", "stage 2 translation off");
        return b.build("HCR", false, "B4.1.65", "Hyp configuration");
    }

    /** HSCTLR, Hyp mode's own system control (B4.1.71). */
    public static Register hsctlr(int v) {
        Builder b = new Builder(Integer.toUnsignedLong(v));
        b.flag("TE", 30, "exceptions to Hyp mode are taken in Thumb state", "exceptions to Hyp mode are taken in ARM state")
                .flag("EE", 25, "big-endian on exceptions and Hyp table walks")
                .flag("FI", 21, "fast interrupts configuration")
                .flag("WXN", 19, "writable memory is never executable")
                .flag("I", 12, "instruction cache on")
                .flag("CP15BEN", 5, "CP15 barrier operations enabled")
                .flag("C", 2, "data cache on")
                .flag("A", 1, "alignment checking")
                .flag("M", 0, "Hyp stage 1 MMU on", "Hyp stage 1 MMU off (flat)");
        return b.build("HSCTLR", false, "B4.1.71", "Hyp system control");
    }

    /** SCTLR, the PL1&0 system control: for a guest, its own MMU switch (B4.1.130). */
    public static Register sctlr(int v) {
        Builder b = new Builder(Integer.toUnsignedLong(v));
        b.flag("TE", 30, "exceptions taken in Thumb state")
                .flag("AFE", 29, "access flag enabled (AP[0] is the access flag)")
                .flag("TRE", 28, "TEX remap on (PRRR/NMRR)")
                .flag("NMFI", 27, "FIQs cannot be masked")
                .flag("EE", 25, "big-endian on exceptions and table walks")
                .flag("VE", 24, "IMPLEMENTATION DEFINED interrupt vectors")
                .flag("U", 22, "unaligned accesses allowed")
                .flag("FI", 21, "fast interrupts configuration")
                .flag("UWXN", 20, "PL0-writable memory never executes at PL1")
                .flag("WXN", 19, "writable memory is never executable")
                .flag("HA", 17, "hardware access flag")
                .flag("RR", 14, "round-robin cache replacement")
                .flag("V", 13, "vectors at 0xffff0000 (Hivecs)", "vectors at VBAR")
                .flag("I", 12, "instruction cache on")
                .flag("Z", 11, "branch prediction on")
                .flag("SW", 10, "SWP/SWPB enabled")
                .flag("CP15BEN", 5, "CP15 barrier operations enabled")
                .flag("C", 2, "data cache on")
                .flag("A", 1, "alignment checking")
                .flag("M", 0, "stage 1 MMU on", "stage 1 MMU off (VA = IPA)");
        return b.build("SCTLR", false, "B4.1.130", "system control (PL1&0)");
    }

    // ---- translation controls -----------------------------------------------------------------

    private static String cacheability(long rgn) {
        return switch ((int) rgn) {
            case 0 -> "Normal Non-cacheable";
            case 1 -> "Write-Back Write-Allocate";
            case 2 -> "Write-Through";
            default -> "Write-Back no Write-Allocate";
        };
    }

    private static String shareability(long sh) {
        return switch ((int) sh) {
            case 0 -> "Non-shareable";
            case 1 -> "reserved";
            case 2 -> "Outer Shareable";
            default -> "Inner Shareable";
        };
    }

    /** VTCR.T0SZ as a number: a signed 4-bit value (B4.1.159). */
    static int vtcrT0sz(int vtcr) {
        return (vtcr << 28) >> 28;
    }

    /** VTCR, the stage 2 translation control: the IPA size and the start level (B4.1.159). */
    public static Register vtcr(int v) {
        int t0sz = vtcrT0sz(v);
        Builder b = new Builder(Integer.toUnsignedLong(v));
        b.field("SH0", 13, 12, x -> "table walks " + shareability(x))
                .field("ORGN0", 11, 10, x -> "table walks outer " + cacheability(x))
                .field("IRGN0", 9, 8, x -> "table walks inner " + cacheability(x))
                .field("SL0", 7, 6, x -> switch ((int) x) {
                    case 0 -> "the walk starts at level 2";
                    case 1 -> "the walk starts at level 1";
                    default -> "reserved start level";
                })
                .field("S", 4, 4, x -> x == ((v >>> 3) & 1) ? "sign of T0SZ" : "differs from T0SZ[3]: UNPREDICTABLE")
                .field("T0SZ", 3, 0, x -> "IPA size 2^" + (32 - t0sz) + " bytes (" + (32 - t0sz) + " bits; T0SZ = " + t0sz + ")");
        return b.build("VTCR", false, "B4.1.159", "stage 2 translation control");
    }

    /**
     * VTTBR, the stage 2 table base and VMID (B4.1.160). The base's low bit, x, depends on
     * VTCR: x = 14 - T0SZ when the walk starts at level 2, 5 - T0SZ at level 1 (B3.6.6).
     */
    public static Register vttbr(long v, int vtcr) {
        int t0sz = vtcrT0sz(vtcr);
        int x = ((vtcr >>> 6) & 3) == 1 ? 5 - t0sz : 14 - t0sz;
        int lsb = Math.clamp(x, 0, 39);
        Builder b = new Builder(v);
        b.field("VMID", 55, 48, id -> id == 0 ? "VMID 0" : "the translations of VM " + id
                        + " (the teaching hypervisor's domain d" + id + ")")
                .field("BADDR", 39, lsb, base -> String.format("stage 2 first-level table at PA 0x%x", base << lsb));
        return b.build("VTTBR", true, "B4.1.160", "stage 2 table base");
    }

    /** HTCR, Hyp mode's translation control (B4.1.74). */
    public static Register htcr(int v) {
        Builder b = new Builder(Integer.toUnsignedLong(v));
        b.field("SH0", 13, 12, x -> "table walks " + shareability(x))
                .field("ORGN0", 11, 10, x -> "table walks outer " + cacheability(x))
                .field("IRGN0", 9, 8, x -> "table walks inner " + cacheability(x))
                .field("T0SZ", 2, 0, x -> "input size 2^" + (32 - x) + " bytes");
        return b.build("HTCR", false, "B4.1.74", "Hyp translation control");
    }

    /** TTBCR, the PL1&0 stage 1 control; its fields depend on EAE (B4.1.153). */
    public static Register ttbcr(int v) {
        Builder b = new Builder(Integer.toUnsignedLong(v));
        b.flag("EAE", 31, "Long-descriptor format (LPAE)", "Short-descriptor format");
        if (v < 0) {
            b.field("SH1", 29, 28, x -> "TTBR1 walks " + shareability(x))
                    .field("ORGN1", 27, 26, x -> "TTBR1 walks outer " + cacheability(x))
                    .field("IRGN1", 25, 24, x -> "TTBR1 walks inner " + cacheability(x))
                    .flag("EPD1", 23, "no walks through TTBR1")
                    .flag("A1", 22, "the ASID comes from TTBR1", "the ASID comes from TTBR0")
                    .field("T1SZ", 18, 16, x -> x == 0 ? "" : "TTBR1 region size offset " + x)
                    .field("SH0", 13, 12, x -> "TTBR0 walks " + shareability(x))
                    .field("ORGN0", 11, 10, x -> "TTBR0 walks outer " + cacheability(x))
                    .field("IRGN0", 9, 8, x -> "TTBR0 walks inner " + cacheability(x))
                    .flag("EPD0", 7, "no walks through TTBR0")
                    .field("T0SZ", 2, 0, x -> "TTBR0 region size offset " + x);
        } else {
            b.flag("PD1", 5, "no walks through TTBR1")
                    .flag("PD0", 4, "no walks through TTBR0")
                    .field("N", 2, 0, n -> n == 0 ? "TTBR0 translates every address" : String.format(
                            "TTBR0 below 0x%08x, TTBR1 above", 1L << (32 - n)));
        }
        return b.build("TTBCR", false, "B4.1.153", "stage 1 translation control");
    }

    /**
     * TTBR0 or TTBR1 (B4.1.154, B4.1.155): with the Long-descriptor format a 64-bit base and
     * ASID; with the Short-descriptor format a 16 KiB aligned base (less with TTBCR.N) and the
     * walk's memory attributes.
     */
    public static Register ttbr(String name, long v, int ttbcr) {
        Builder b = new Builder(v);
        String section = name.equals("TTBR1") ? "B4.1.155" : "B4.1.154";
        if (ttbcr < 0) {
            b.field("ASID", 55, 48, x -> "address space " + x)
                    .field("BADDR", 39, 0, x -> String.format("first-level table at 0x%x", x));
            return b.build(name, true, section, "stage 1 table base");
        }
        int n = name.equals("TTBR1") ? 0 : ttbcr & 7;
        int lsb = 14 - n;
        b.field("base", 31, lsb, x -> String.format("first-level table at 0x%08x", x << lsb))
                .field("IRGN[0]", 6, 6, x -> "")
                .flag("NOS", 5, "Inner Shareable", "Outer Shareable")
                .field("RGN", 4, 3, x -> "outer " + cacheability(x))
                .flag("S", 1, "shareable")
                .field("IRGN[1]", 0, 0, x -> "");
        return b.build(name, false, section, "stage 1 table base");
    }

    /** HTTBR, Hyp mode's table base (B4.1.76). */
    public static Register httbr(long v) {
        Builder b = new Builder(v);
        b.field("BADDR", 39, 0, x -> String.format("first-level table at PA 0x%x", x));
        return b.build("HTTBR", true, "B4.1.76", "Hyp table base");
    }

    // ---- faults and identity -------------------------------------------------------------------

    /** HSR, why the CPU entered Hyp mode: {@link SyndromeExplainer} (B4.1.72; the syndromes in B3.13.6). */
    public static Register hsr(int v) {
        SyndromeExplainer.Syndrome s = SyndromeExplainer.explain(v);
        List<Field> fields = s.fields().stream()
                .map(f -> new Field(f.name(), f.msb(), f.lsb(), Integer.toUnsignedLong(f.value()), f.meaning())).toList();
        return new Register("HSR", Integer.toUnsignedLong(v), false, "B4.1.72, B3.13.6", "Hyp syndrome: " + s.name(), fields);
    }

    /** HDFAR: the VA of the data abort that trapped to Hyp mode (B4.1.67). */
    public static Register hdfar(int v) {
        Builder b = new Builder(Integer.toUnsignedLong(v));
        b.field("VA", 31, 0, x -> "the faulting data address");
        return b.build("HDFAR", false, "B4.1.67", "Hyp data fault address");
    }

    /** HIFAR: the VA of the prefetch abort that trapped to Hyp mode (B4.1.68). */
    public static Register hifar(int v) {
        Builder b = new Builder(Integer.toUnsignedLong(v));
        b.field("VA", 31, 0, x -> "the faulting instruction address");
        return b.build("HIFAR", false, "B4.1.68", "Hyp instruction fault address");
    }

    /** HPFAR: the faulting IPA's page, bits [39:12] of it in bits [31:4], for stage 2 faults (B4.1.70). */
    public static Register hpfar(int v) {
        Builder b = new Builder(Integer.toUnsignedLong(v));
        b.field("FIPA", 31, 4, x -> String.format("faulting IPA page 0x%x", x << 12));
        return b.build("HPFAR", false, "B4.1.70", "Hyp IPA fault address");
    }

    /** VMPIDR: the MPIDR a guest reads, which names its vCPU (B4.1.157, format of MPIDR B4.1.106). */
    public static Register vmpidr(int v) {
        Builder b = new Builder(Integer.toUnsignedLong(v));
        b.flag("U", 30, "uniprocessor", "part of a multiprocessor system")
                .flag("MT", 24, "logical processors are threads")
                .field("Aff2", 23, 16, x -> "")
                .field("Aff1", 15, 8, x -> "cluster " + x)
                .field("Aff0", 7, 0, x -> "vCPU " + x);
        return b.build("VMPIDR", false, "B4.1.157", "virtualization multiprocessor ID");
    }

    /** ELR_hyp: where an ERET from Hyp mode returns, the guest's PC after a trap (B1.3.2, B9.1.2). */
    public static Register elrHyp(int v) {
        Builder b = new Builder(Integer.toUnsignedLong(v));
        b.field("address", 31, 0, x -> "the return address");
        return b.build("ELR_hyp", false, "B1.3.2", "exception link register, Hyp mode");
    }

    /**
     * The virtualization registers of {@code cpu} now, in the order the Lab lists them:
     * controls first, then the fault registers, then the guest's own stage 1 registers.
     */
    public static List<Register> virtualization(Cpu cpu) {
        SystemRegisters s = cpu.sys;
        return List.of(hcr(s.hcr), hsr(s.hsr), elrHyp(cpu.elrHyp), hdfar(s.hdfar), hifar(s.hifar), hpfar(s.hpfar),
                vttbr(s.vttbr, s.vtcr), vtcr(s.vtcr), vmpidr(s.vmpidr), hsctlr(s.hsctlr), htcr(s.htcr), httbr(s.httbr),
                sctlr(s.sctlr), ttbcr(s.ttbcr), ttbr("TTBR0", s.ttbr0, s.ttbcr), ttbr("TTBR1", s.ttbr1, s.ttbcr));
    }
}
