package org.hyplab.mmu;

/**
 * The translations a walk can be explained for (ARM ARM B3.1, "translation regimes"): what the
 * input address is and which tables turn it into what.
 */
public enum Regime {
    /** A PL0/PL1 access: VA through stage 1 (if SCTLR.M) and then stage 2 (if HCR.VM) to a PA. */
    PL10("PL1&0: VA -> (stage 1) -> IPA -> (stage 2) -> PA"),
    /** The PL1&0 stage 1 alone: VA to IPA (what ATS1C* reports). */
    PL10_STAGE1("PL1&0 stage 1: VA -> IPA"),
    /** Stage 2 alone, from VTTBR (whose VMID names the VM) and VTCR: IPA to PA. */
    STAGE2("stage 2: IPA -> PA"),
    /** Hyp mode's own stage 1 (HSCTLR.M, HTTBR, HTCR): VA to PA. */
    HYP("Hyp (PL2) stage 1: VA -> PA");

    private final String text;

    Regime(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }
}
