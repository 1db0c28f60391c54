package org.hyplab.disasm;

/**
 * Floating-point instructions of later architectures in the VFP encoding space, which objdump
 * decodes even for ARMv7 (binutils gives every architecture all its floating-point extensions).
 * The Cortex-A15 takes the Undefined Instruction exception on all of them; they print as objdump
 * prints them, with a note ({@link Rule#later}).
 * ARMv8 ARM (ARM DDI 0487), AArch32 instruction descriptions: VSEL, VMAXNM, VMINNM, VCVTA,
 * VCVTN, VCVTP, VCVTM, VRINTA, VRINTN, VRINTP, VRINTM, VRINTR, VRINTX, VRINTZ, VCVTB and VCVTT
 * (double precision), and the MVFR2 register; ARMv8-M ARM (ARM DDI 0553): VLDR and VSTR
 * (System Register).
 */
final class Armv8FloatingPoint {

    private Armv8FloatingPoint() {
    }

    private static final String V8 = "ARMv8";
    private static final String SSS = "\t{Sd}, {Sn}, {Sm}";
    private static final String DDD = "\t{Dd}, {Dn}, {Dm}";

    /**
     * The floating-point system register of the M-profile VLDR/VSTR, numbered by bits 22 and 15:13
     * (register 1 is FPSCR, 2 FPSCR_nzcvqc, 12 VPR, 13 P0, 14 FPCXTNS, 15 FPCXTS); objdump names
     * the others {@code <invalid reg N>}.
     */
    private static final String SYSTEM_REGISTER = systemRegister();

    private static String systemRegister() {
        StringBuilder choices = new StringBuilder("{13-15,22:");
        for (int n = 0; n < 16; n++) {
            String name = switch (n) {
                case 1 -> "FPSCR";
                case 2 -> "FPSCR_nzcvqc";
                case 12 -> "VPR";
                case 13 -> "P0";
                case 14 -> "FPCXTNS";
                case 15 -> "FPCXTS";
                default -> "<invalid reg " + n + ">";
            };
            choices.append(n == 0 ? "" : "/").append(name);
        }
        return choices.append('}').toString();
    }

    /**
     * Tried before the VFPv4 rows, as objdump does: MVFR2 takes a register number that VFPv4
     * leaves IMPLEMENTATION DEFINED.
     */
    static final Rule[] TRANSFERS = {
        // ARMv8.1-M VLDR/VSTR (System Register): objdump tags the rows with a feature bit that
        // -m armv7 enables. In the A32 encoding space these are LDC/STC to coprocessor 15, and
        // objdump takes them for VLDR/VSTR only when P or W is set (with both clear the
        // encoding is no load or store with an offset).
        Rule.later("ARMv8.1-M", 0xed100f80, 0xff101f80, "vldr\t" + SYSTEM_REGISTER + ", {cpaddr7}"),
        Rule.later("ARMv8.1-M", 0xec300f80, 0xff301f80, "vldr\t" + SYSTEM_REGISTER + ", {cpaddr7}"),
        Rule.later("ARMv8.1-M", 0xed000f80, 0xff101f80, "vstr\t" + SYSTEM_REGISTER + ", {cpaddr7}"),
        Rule.later("ARMv8.1-M", 0xec200f80, 0xff301f80, "vstr\t" + SYSTEM_REGISTER + ", {cpaddr7}"),
        // Half-precision <-> double conversions (VFPv4 converts half precision to single only).
        Rule.later(V8, 0x0eb20b40, 0x0fbf0f50, "vcvt{7:b/t}{c}.f64.f16\t{Dd}, {Sm}"),
        Rule.later(V8, 0x0eb30b40, 0x0fbf0f50, "vcvt{7:b/t}{c}.f16.f64\t{Sd}, {Dm}"),
        // Media and VFP Feature Register 2.
        Rule.later(V8, 0x0ee50a10, 0x0fff0fff, "vmsr{c}\tmvfr2, {r:12}"),
        Rule.later(V8, 0x0ef50a10, 0x0fff0fff, "vmrs{c}\t{r:12}, mvfr2"),
    };

    /**
     * Tried after the VFPv4 rows, which claim a few of these encodings first (VRINTX with bit 7
     * set is VCVT between single and double precision).
     */
    static final Rule[] DATA_PROCESSING = {
        // VSEL: the condition (EQ, VS, GE or GT) is in bits 21:20, the word itself is unconditional.
        Rule.later(V8, 0xfe000a00, 0xff800f50, "vsel{20-21:eq/vs/ge/gt}.f32" + SSS),
        Rule.later(V8, 0xfe000b00, 0xff800f50, "vsel{20-21:eq/vs/ge/gt}.f64" + DDD),
        Rule.later(V8, 0xfe800a00, 0xffb00f50, "vmaxnm.f32" + SSS),
        Rule.later(V8, 0xfe800b00, 0xffb00f50, "vmaxnm.f64" + DDD),
        Rule.later(V8, 0xfe800a40, 0xffb00f50, "vminnm.f32" + SSS),
        Rule.later(V8, 0xfe800b40, 0xffb00f50, "vminnm.f64" + DDD),
        // Conversions to integer with the rounding mode in bits 17:16.
        Rule.later(V8, 0xfebc0a40, 0xffbc0f50, "vcvt{16-17:a/n/p/m}.{7:u/s}32.f32\t{Sd}, {Sm}"),
        Rule.later(V8, 0xfebc0b40, 0xffbc0f50, "vcvt{16-17:a/n/p/m}.{7:u/s}32.f64\t{Sd}, {Dm}"),
        // Round to integral: R, Z, X are conditional, A, N, P, M unconditional. ("?" is never
        // printed: with bits 16 and 7 both set the word is a VFPv4 VCVT, matched first.)
        Rule.later(V8, 0x0eb60a40, 0x0fbe0f50, "vrint{7,16:r/z/x/?}{c}.f32\t{Sd}, {Sm}"),
        Rule.later(V8, 0x0eb60b40, 0x0fbe0f50, "vrint{7,16:r/z/x/?}{c}.f64\t{Dd}, {Dm}"),
        Rule.later(V8, 0xfeb80a40, 0xffbc0fd0, "vrint{16-17:a/n/p/m}.f32\t{Sd}, {Sm}"),
        Rule.later(V8, 0xfeb80b40, 0xffbc0fd0, "vrint{16-17:a/n/p/m}.f64\t{Dd}, {Dm}"),
    };
}
