package org.hyplab.mmu;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The translation lookaside buffer of one CPU (ARM ARM B3.9): translations found by table walks,
 * kept until a TLB maintenance operation removes them, tagged with the regime, VMID and ASID (or
 * global). Because entries stay until invalidated, a program that changes a descriptor and forgets
 * the TLB maintenance keeps seeing the old mapping, as it could on hardware (B3.10.1).
 *
 * <p>Entries are indexed by the 4 KiB virtual page that was looked up; a larger block may be
 * indexed under several pages, all pointing at the same entry. When the buffer grows past
 * {@link #CAPACITY} pages it is emptied, deterministically (hardware may evict at any time).
 */
public final class Tlb {

    static final int CAPACITY = 8192;
    private static final int GLOBAL = 0x1FF;

    private final Map<Long, TlbEntry> entries = new HashMap<>();

    /** The lookup key: regime, which stages are on, VMID, ASID (or global) and the 4 KiB page. */
    private static long key(int regime, boolean s1On, boolean s2On, int vmid, int asid, int va) {
        return (long) regime << 40 | (s1On ? 1L << 39 : 0) | (s2On ? 1L << 38 : 0)
                | (long) (vmid & 0xFF) << 29 | (long) asid << 20 | (va >>> 12);
    }

    /** The entry translating {@code va} in the given context, or {@code null} (a TLB miss). */
    public TlbEntry lookup(int regime, boolean s1On, boolean s2On, int vmid, int asid, int va) {
        TlbEntry e = entries.get(key(regime, s1On, s2On, vmid, GLOBAL, va));
        if (e == null) {
            e = entries.get(key(regime, s1On, s2On, vmid, asid & 0xFF, va));
        }
        return e;
    }

    public void insert(TlbEntry e, int va) {
        if (entries.size() >= CAPACITY) {
            entries.clear();
        }
        entries.put(key(e.regime, e.stage1On, e.stage2On, e.vmid, e.global ? GLOBAL : e.asid & 0xFF, va), e);
    }

    public int size() {
        return entries.size();
    }

    private void invalidate(Predicate<TlbEntry> which) {
        entries.values().removeIf(which);
    }

    public void invalidateAll() {
        entries.clear();
    }

    // ---- the maintenance operations (ARM ARM B4.2.2, Table B4-?; Hyp forms B4.2.3) --------------

    /** TLBIALL(IS) from PL1, or with the current VMID from Hyp: every PL1&0 entry of that VMID. */
    public void invalidatePl10(int vmid) {
        invalidate(e -> e.regime == TlbEntry.REGIME_PL10 && e.vmid == vmid);
    }

    /** TLBIMVA(IS): entries of that VMID holding {@code va}, global or of {@code asid}. */
    public void invalidatePl10Va(int vmid, int asid, int va) {
        invalidate(e -> e.regime == TlbEntry.REGIME_PL10 && e.vmid == vmid && e.contains(va)
                && (e.global || e.asid == asid));
    }

    /** TLBIASID(IS): the non-global entries of that VMID and ASID. */
    public void invalidatePl10Asid(int vmid, int asid) {
        invalidate(e -> e.regime == TlbEntry.REGIME_PL10 && e.vmid == vmid && !e.global && e.asid == asid);
    }

    /** TLBIMVAA(IS): entries of that VMID holding {@code va}, whatever their ASID. */
    public void invalidatePl10VaAllAsids(int vmid, int va) {
        invalidate(e -> e.regime == TlbEntry.REGIME_PL10 && e.vmid == vmid && e.contains(va));
    }

    /** TLBIALLNSNH(IS): every PL1&0 entry of every VMID. */
    public void invalidateAllNonHyp() {
        invalidate(e -> e.regime == TlbEntry.REGIME_PL10);
    }

    /** TLBIALLH(IS): every Hyp entry. */
    public void invalidateHyp() {
        invalidate(e -> e.regime == TlbEntry.REGIME_HYP);
    }

    /** TLBIMVAH(IS): Hyp entries holding {@code va}. */
    public void invalidateHypVa(int va) {
        invalidate(e -> e.regime == TlbEntry.REGIME_HYP && e.contains(va));
    }
}
