package org.hyplab.mmu;

import java.util.ArrayList;
import java.util.List;

/**
 * What a table walk of one address finds, step by step ({@link WalkExplainer}): the registers it
 * started from, each descriptor read, and the end of it: a translation (with its permissions and
 * attributes) the access is allowed by, a fault, or a stop before a read that would touch a device.
 *
 * @param translation the walk's result, or null if the walk faulted or stopped
 * @param fault       the fault the access takes (a walk fault, or a domain/permission fault on a
 *                    found translation), or null if it is allowed
 * @param stoppedAt   the physical address of a descriptor the explanation did not read because
 *                    it is not RAM (reading a device can change it), or -1
 */
public record Explanation(Regime regime, long input, int access, boolean privileged,
        TranslationRegisters registers, List<WalkEvent> steps, TlbEntry translation, MmuFault fault,
        long stoppedAt) {

    public Explanation {
        steps = List.copyOf(steps);
    }

    /** The access may go ahead. */
    public boolean allowed() {
        return translation != null && fault == null;
    }

    /** The output of the regime: the IPA for {@link Regime#PL10_STAGE1}, else the PA; -1 without a translation. */
    public long output() {
        if (translation == null) {
            return -1;
        }
        return regime == Regime.PL10_STAGE1 ? translation.ipaBase + (input - (translation.vaBase & 0xFFFF_FFFFL))
                : translation.paBase + (input - (regime == Regime.STAGE2 ? translation.ipaBase
                        : translation.vaBase & 0xFFFF_FFFFL));
    }

    /** The explanation as lines of text, for the command line and for tests' failure messages. */
    public List<String> lines() {
        List<String> out = new ArrayList<>();
        out.add(String.format("%s, %s %s of 0x%x", regime.text(), privileged ? "privileged" : "unprivileged",
                accessName(access), input));
        for (WalkEvent e : steps) {
            out.add(switch (e) {
                case WalkEvent.Flat f -> String.format("  stage %d off: %s", f.stage(), f.why());
                case WalkEvent.Start s -> String.format("  stage %d of 0x%x: %s table at 0x%x, level %d, %d-bit input",
                        s.stage(), s.input(), s.register(), s.table(), s.level(), s.inputBits());
                case WalkEvent.Read r -> String.format("    L%d [0x%x%s] = 0x%s: %s", r.level(), r.address(),
                        r.pa() != r.address() ? String.format(" @PA 0x%x", r.pa()) : "",
                        r.wide() ? String.format("%016x", r.descriptor()) : String.format("%08x", r.descriptor()),
                        r.meaning());
            });
        }
        if (stoppedAt >= 0) {
            out.add(String.format("  stopped: the descriptor at PA 0x%x is not in RAM; reading a device could change it",
                    stoppedAt));
        }
        if (translation != null) {
            TlbEntry t = translation;
            out.add(String.format("  result: 0x%x (%s mapping), %s%s", output(), size(t.sizeLog2), permissions(t), t.domain >= 0 ? ", domain " + t.domain : ""));
            if (t.stage1On) {
                out.add("  stage 1 memory: " + MemoryAttributes.describe(t.s1Attr)
                        + (t.global ? ", global" : ", ASID " + t.asid));
            }
            if (t.s2MemAttr >= 0) {
                out.add("  stage 2 memory: " + MemoryAttributes.describeStage2(t.s2MemAttr) + ", VMID " + t.vmid);
            }
        }
        if (fault != null) {
            boolean toHyp = fault.isStage2() || regime == Regime.HYP;   // reported in HSR, long format
            out.add("  fault: " + fault.getMessage() + String.format(" (%s 0x%x)",
                    toHyp ? "HSR DFSC" : fault.fetch ? "IFSR" : "DFSR", toHyp ? fault.longStatus() : fault.fsr()));
        } else if (translation != null) {
            out.add("  access allowed");
        }
        return out;
    }

    static String accessName(int access) {
        return switch (access) {
            case Perm.READ -> "read";
            case Perm.WRITE -> "write";
            default -> "instruction fetch";
        };
    }

    private static String size(int log2) {
        return log2 >= 30 ? (1 << (log2 - 30)) + " GiB" : log2 >= 20 ? (1 << (log2 - 20)) + " MiB"
                : (1 << (log2 - 10)) + " KiB";
    }

    /** "PL1 rw-, PL0 r--" and, with stage 2, "stage 2 r-x". */
    static String permissions(TlbEntry t) {
        StringBuilder b = new StringBuilder();
        if (t.stage1On) {
            String high = t.regime == TlbEntry.REGIME_HYP ? "PL2 " : "PL1 ";
            b.append(high).append(rwx(t.s1Perm & Perm.R1, t.s1Perm & Perm.W1, t.s1Perm & Perm.X1));
            if (t.regime != TlbEntry.REGIME_HYP) {
                b.append(", PL0 ").append(rwx(t.s1Perm & Perm.R0, t.s1Perm & Perm.W0, t.s1Perm & Perm.X0));
            }
        }
        if (t.stage2On) {
            b.append(b.isEmpty() ? "" : ", ").append("stage 2 ")
                    .append(rwx(t.s2Perm & Perm.S2_R, t.s2Perm & Perm.S2_W, t.s2Perm & Perm.S2_X));
        }
        return b.isEmpty() ? "all access (flat)" : b.toString();
    }

    private static String rwx(int r, int w, int x) {
        return (r != 0 ? "r" : "-") + (w != 0 ? "w" : "-") + (x != 0 ? "x" : "-");
    }
}
