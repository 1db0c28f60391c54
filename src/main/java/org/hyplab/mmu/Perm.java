package org.hyplab.mmu;

/**
 * Access permissions as bit masks, worked out once per walk and cached with the translation.
 * Stage 1 keeps one triple for PL0 and one for the privileged level (PL1, or PL2 in the Hyp
 * regime); stage 2 has a single triple, as S2AP and XN do not depend on privilege.
 */
public final class Perm {

    public static final int R0 = 1, W0 = 1 << 1, X0 = 1 << 2;
    public static final int R1 = 1 << 3, W1 = 1 << 4, X1 = 1 << 5;
    /** Everything: what a flat (MMU off) translation allows. */
    public static final int ALL = R0 | W0 | X0 | R1 | W1 | X1;

    /** Stage 2 permissions (S2AP, XN): read, write, execute. */
    public static final int S2_R = 1, S2_W = 1 << 1, S2_X = 1 << 2;
    public static final int S2_ALL = S2_R | S2_W | S2_X;

    /** Kinds of access. */
    public static final int READ = 0, WRITE = 1, FETCH = 2;

    private Perm() {
    }

    /** The stage 1 bit that allows {@code kind} at PL0 ({@code privileged} false) or above. */
    public static int stage1Bit(int kind, boolean privileged) {
        return (1 << kind) << (privileged ? 3 : 0);
    }

    /** The stage 2 bit that allows {@code kind}. */
    public static int stage2Bit(int kind) {
        return 1 << kind;
    }
}
