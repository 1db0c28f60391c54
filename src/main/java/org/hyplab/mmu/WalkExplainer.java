package org.hyplab.mmu;

import java.util.ArrayList;
import java.util.List;

import org.hyplab.mem.Bus;

/**
 * Explains a translation: runs the MMU's own table walk ({@link Walker}) for one address with an
 * observer that records every step, then the permission checks, and returns an
 * {@link Explanation}. Nothing changes: no TLB is filled, and a descriptor that is not in RAM is
 * not read (a device read can have side effects), so the UI and lessons may call this at any time.
 *
 * <p>Because it is the same walk, an explanation agrees with what the CPU would find by walking
 * now; the CPU may still use an older translation from its TLB if the tables changed without TLB
 * maintenance (B3.10.1).
 */
public final class WalkExplainer {

    private final Bus bus;

    public WalkExplainer(Bus bus) {
        this.bus = bus;
    }

    /**
     * @param address    a VA ({@link Regime#PL10}, {@link Regime#PL10_STAGE1}, {@link Regime#HYP}) or an
     *                   IPA of up to 40 bits ({@link Regime#STAGE2})
     * @param access     {@link Perm#READ}, {@link Perm#WRITE} or {@link Perm#FETCH}
     * @param privileged PL1 (PL2 for {@link Regime#HYP}) rather than PL0; stage 2 ignores it
     */
    public Explanation explain(TranslationRegisters regs, Regime regime, long address, int access,
            boolean privileged) {
        if (access < Perm.READ || access > Perm.FETCH) {
            throw new IllegalArgumentException("access must be Perm.READ, WRITE or FETCH");
        }
        long limit = regime == Regime.STAGE2 ? 1L << 40 : 1L << 32;
        if (address < 0 || address >= limit) {
            throw new IllegalArgumentException(String.format("address 0x%x is outside the %s input range", address,
                    regime.text()));
        }
        Recorder rec = new Recorder();
        Walker walker = new Walker(regs, bus, rec);
        int va = (int) address;
        boolean write = access == Perm.WRITE, fetch = access == Perm.FETCH;
        TlbEntry entry = null;
        MmuFault fault = null;
        long stoppedAt = -1;
        try {
            entry = switch (regime) {
                case HYP -> {
                    if (!regs.hypOn()) {
                        rec.flat(1, "HSCTLR.M = 0");
                        yield walker.flatHyp(va);
                    }
                    yield walker.hyp(va, write, fetch);
                }
                case PL10, PL10_STAGE1 -> {
                    boolean viaStage2 = regime == Regime.PL10;
                    if (!regs.stage1On()) {
                        rec.flat(1, (regs.sctlr() & TranslationRegisters.SCTLR_M) == 0 ? "SCTLR.M = 0"
                                : "HCR.TGE or HCR.DC is set");
                    }
                    if (viaStage2 && !regs.stage2On()) {
                        rec.flat(2, "HCR.VM = 0");
                    }
                    yield regs.stage1On() || (viaStage2 && regs.stage2On()) ? walker.pl10(va, write, fetch, viaStage2)
                            : walker.flatPl10(va);
                }
                case STAGE2 -> stage2Entry(walker, regs, address, va, write, fetch);
            };
            int pl = !privileged ? 0 : regime == Regime.HYP ? 2 : 1;
            if (regime == Regime.STAGE2) {
                if ((entry.s2Perm & Perm.stage2Bit(access)) == 0) {
                    fault = new MmuFault(va, FaultType.PERMISSION, entry.s2Level, 2, false, address, 0, true, write,
                            fetch);
                }
            } else {
                Walker.check(entry, va, access, pl, regs.dacr());
            }
        } catch (MmuFault f) {
            fault = f;
            if (f.type != FaultType.DOMAIN && f.type != FaultType.PERMISSION) {
                entry = null;   // the walk itself failed: nothing was found
            }
        } catch (WalkObserver.Unreadable u) {
            stoppedAt = u.pa;
        }
        return new Explanation(regime, address, access, privileged, regs, rec.events, entry, fault, stoppedAt);
    }

    /** Stage 2 alone, as an entry whose "VA" fields hold the IPA's low 32 bits. */
    private static TlbEntry stage2Entry(Walker walker, TranslationRegisters regs, long ipa, int va, boolean write,
            boolean fetch) {
        WalkResult r = walker.stage2(ipa, va, write, fetch);
        long off = ipa & ((1L << r.sizeLog2) - 1);
        return new TlbEntry(TlbEntry.REGIME_PL10, regs.vmid(), 0, true, false, true, r.sizeLog2, (int) (ipa - off),
                ipa - off, r.output - off, Perm.ALL, r.perm, -1, 0, r.level, true, 0, r.attr);
    }

    /** Records the walk's steps; refuses to read a descriptor from a device. */
    private final class Recorder implements WalkObserver {
        final List<WalkEvent> events = new ArrayList<>();
        private long lastPa;

        void flat(int stage, String why) {
            events.add(new WalkEvent.Flat(stage, why));
        }

        @Override
        public void start(int stage, long input, String register, long table, int level, int inputBits) {
            events.add(new WalkEvent.Start(stage, input, register, table, level, inputBits));
        }

        @Override
        public boolean reading(long pa) {
            lastPa = pa;
            // Unassigned addresses are safe to try: the bus refuses them without side effects.
            return bus.ramAt(pa) != null || !bus.isDevice(pa);
        }

        @Override
        public void descriptor(int stage, int level, long address, long descriptor, boolean wide,
                DescriptorKind kind) {
            events.add(new WalkEvent.Read(stage, level, address, lastPa, descriptor, wide, kind,
                    DescriptorMeaning.of(stage, level, wide, descriptor, kind)));
        }
    }
}
