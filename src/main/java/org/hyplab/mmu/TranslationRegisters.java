package org.hyplab.mmu;

import org.hyplab.cpu.SystemRegisters;

/**
 * The system registers a translation depends on, as one value (ARM ARM B3.1: SCTLR, TTBCR,
 * TTBR0/1, DACR, PRRR/NMRR or MAIR0/1 and CONTEXTIDR for the PL1&0 stage 1; HCR, VTCR and VTTBR
 * for stage 2; HSCTLR, HTCR, HTTBR and HMAIR0/1 for the Hyp regime). A walk reads nothing else,
 * so a snapshot of these is enough to repeat it later, for another VM or in the UI.
 *
 * <p>With TTBCR.EAE = 1, PRRR and NMRR are MAIR0 and MAIR1 (B4.1.104): one pair of fields.
 */
public record TranslationRegisters(int sctlr, int ttbcr, long ttbr0, long ttbr1, int dacr, int prrr, int nmrr,
        int contextidr, int hcr, int vtcr, long vttbr, int hsctlr, int htcr, long httbr, int hmair0, int hmair1) {

    static final int SCTLR_M = 1;
    static final int HCR_VM = 1, HCR_PTW = 1 << 2, HCR_DC = 1 << 12, HCR_TGE = 1 << 27;
    static final int TTBCR_EAE = 1 << 31, TTBCR_A1 = 1 << 22;

    /** The registers' current values. */
    public static TranslationRegisters of(SystemRegisters s) {
        return new TranslationRegisters(s.sctlr, s.ttbcr, s.ttbr0, s.ttbr1, s.dacr, s.prrr, s.nmrr, s.contextidr,
                s.hcr, s.vtcr, s.vttbr, s.hsctlr, s.htcr, s.httbr, s.hmair0, s.hmair1);
    }

    /** The same, with another stage 2 (a hypervisor keeps one VTTBR per VM, with its VMID). */
    public TranslationRegisters withStage2(int newVtcr, long newVttbr) {
        return new TranslationRegisters(sctlr, ttbcr, ttbr0, ttbr1, dacr, prrr, nmrr, contextidr, hcr, newVtcr,
                newVttbr, hsctlr, htcr, httbr, hmair0, hmair1);
    }

    /** The PL1&0 stage 1 is on: SCTLR.M, unless HCR.TGE or HCR.DC make it behave as off (B1.14.1, B3.2.1). */
    public boolean stage1On() {
        return stage1On(sctlr, hcr);
    }

    /** Stage 2 is on: HCR.VM. */
    public boolean stage2On() {
        return stage2On(hcr);
    }

    // The same rules on raw register values, for the MMU's TLB lookup, which takes no snapshot.

    static boolean stage1On(int sctlr, int hcr) {
        return (sctlr & SCTLR_M) != 0 && (hcr & (HCR_TGE | HCR_DC)) == 0;
    }

    static boolean stage2On(int hcr) {
        return (hcr & HCR_VM) != 0;
    }

    static int vmid(long vttbr) {
        return (int) (vttbr >>> 48) & 0xFF;
    }

    static int asid(int ttbcr, long ttbr0, long ttbr1, int contextidr) {
        if ((ttbcr & TTBCR_EAE) == 0) {
            return contextidr & 0xFF;
        }
        return (int) (((ttbcr & TTBCR_A1) != 0 ? ttbr1 : ttbr0) >>> 48) & 0xFF;
    }

    /** The Hyp regime's stage 1 is on: HSCTLR.M. */
    public boolean hypOn() {
        return (hsctlr & SCTLR_M) != 0;
    }

    /** The PL1&0 stage 1 uses the long-descriptor format (TTBCR.EAE). */
    public boolean longFormat() {
        return (ttbcr & TTBCR_EAE) != 0;
    }

    /** VTTBR.VMID. */
    public int vmid() {
        return vmid(vttbr);
    }

    /** The current ASID: CONTEXTIDR[7:0] (short format) or bits 55:48 of the TTBR that TTBCR.A1 names (LPAE). */
    public int asid() {
        return asid(ttbcr, ttbr0, ttbr1, contextidr);
    }
}
