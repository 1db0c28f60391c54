package org.hyplab.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * HSR values QEMU 7.2 reported for known instructions (BOARDS.md §4.4, each observed there),
 * taken apart by hand from the ARM ARM's layouts (B3.13.6) and checked field by field.
 */
class SyndromeExplainerTest {

    private static int value(SyndromeExplainer.Syndrome s, String field) {
        return s.field(field).value();
    }

    @Test
    void wfiIsAnUnconditional32BitInstruction() {
        SyndromeExplainer.Syndrome s = SyndromeExplainer.explain(0x07E0_0000);
        assertEquals(0x01, s.ec());
        assertEquals("WFI or WFE trapped", s.name());
        assertEquals(1, value(s, "IL"));
        assertEquals(1, value(s, "CV"));
        assertEquals(0xE, value(s, "COND"));
        assertEquals("WFI", s.field("TI").meaning());
        assertEquals(List.of("HSR 0x07e00000: WFI or WFE trapped (EC 0x01)", "  EC [31:26] = 0x1: WFI or WFE trapped",
                "  IL [25] = 1: a 32-bit instruction", "  CV [24] = 1: COND is valid", "  COND [23:20] = 0xe: AL: always",
                "  TI [0] = 0: WFI"), s.lines());
    }

    /** MRC p15, 0, r3, c1, c0, 1: ACTLR read, trapped by HCR.TAC. */
    @Test
    void actlrRead() {
        SyndromeExplainer.Syndrome s = SyndromeExplainer.explain(0x0FE2_0461);
        assertEquals(0x03, s.ec());
        assertEquals(1, value(s, "Opc2"));
        assertEquals(0, value(s, "Opc1"));
        assertEquals(1, value(s, "CRn"));
        assertEquals("r3", s.field("Rt").meaning());
        assertEquals(0, value(s, "CRm"));
        assertEquals("read (MRC)", s.field("Direction").meaning());
    }

    /** MRRC p15, 0, r2, r3, c2: TTBR0. */
    @Test
    void ttbr0Read64() {
        SyndromeExplainer.Syndrome s = SyndromeExplainer.explain(0x13E0_0C45);
        assertEquals(0x04, s.ec());
        assertEquals(0, value(s, "Opc1"));
        assertEquals("r3", s.field("Rt2").meaning());
        assertEquals("r2", s.field("Rt").meaning());
        assertEquals(2, value(s, "CRm"));
        assertEquals(1, value(s, "Direction"));
    }

    @Test
    void dataAbortsWithAndWithoutASyndrome() {
        SyndromeExplainer.Syndrome str = SyndromeExplainer.explain(0x9385_0045);   // str r5, [r4]
        assertEquals(0x24, str.ec());
        assertEquals("word", str.field("SAS").meaning());
        assertEquals(0, value(str, "SSE"));
        assertEquals("transfer register r5", str.field("SRT").meaning());
        assertEquals("a write", str.field("WnR").meaning());
        assertEquals("translation fault, level 1", str.field("DFSC").meaning());

        SyndromeExplainer.Syndrome ldrsb = SyndromeExplainer.explain(0x9327_0005);
        assertEquals("byte", ldrsb.field("SAS").meaning());
        assertEquals("sign-extended", ldrsb.field("SSE").meaning());
        assertEquals(7, value(ldrsb, "SRT"));
        assertEquals("a read", ldrsb.field("WnR").meaning());

        SyndromeExplainer.Syndrome ldm = SyndromeExplainer.explain(0x9000_0005);   // ISV = 0, IL = 0
        assertEquals(0, value(ldm, "ISV"));
        assertEquals(0, value(ldm, "IL"));
        assertThrows(IllegalArgumentException.class, () -> ldm.field("SRT"));
    }

    @Test
    void prefetchAbortAndHypercalls() {
        SyndromeExplainer.Syndrome iabt = SyndromeExplainer.explain(0x8000_0005);
        assertEquals(0x20, iabt.ec());
        assertEquals("translation fault, level 1", iabt.field("IFSC").meaning());
        assertEquals(0, value(iabt, "S1PTW"));

        SyndromeExplainer.Syndrome hvc = SyndromeExplainer.explain(0x4A00_0EA1);   // hvc #0xea1
        assertEquals("HVC", hvc.name());
        assertEquals(0xEA1, value(hvc, "imm16"));
        assertEquals("Xen's hypercall tag: the number is in r12", hvc.field("imm16").meaning());
        assertEquals("SMCCC: PSCI and other firmware calls, function in r0",
                SyndromeExplainer.explain(0x4A00_0000).field("imm16").meaning());
    }

    @Test
    void faultStatusCodesOfTheLongDescriptorFormat() {
        assertEquals("translation fault, level 3", SyndromeExplainer.faultStatus(0b000111));
        assertEquals("access flag fault, level 2", SyndromeExplainer.faultStatus(0b001010));
        assertEquals("permission fault, level 1", SyndromeExplainer.faultStatus(0b001101));
        assertEquals("alignment fault", SyndromeExplainer.faultStatus(0x21));
        assertEquals("debug event", SyndromeExplainer.faultStatus(0x22));
        assertEquals("synchronous external abort", SyndromeExplainer.faultStatus(0x10));
    }

    @Test
    void unknownAndReservedClasses() {
        SyndromeExplainer.Syndrome unknown = SyndromeExplainer.explain(0);
        assertEquals("unknown reason", unknown.name());
        assertEquals(0, value(unknown, "ISS"));
        assertEquals("reserved exception class", SyndromeExplainer.explain(0x3F << 26).name());
    }
}
