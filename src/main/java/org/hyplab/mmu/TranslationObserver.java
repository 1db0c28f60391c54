package org.hyplab.mmu;

/**
 * Sees an MMU's slow path: the table walks of TLB misses, and every data access to a page it
 * watches (a debugger's watchpoints). The fast path, a micro-TLB hit, never calls it: a watched
 * page is kept out of the micro-TLBs, so each access to it comes here. With no observer set the
 * slow path costs one null check more.
 */
public interface TranslationObserver {

    /** A TLB miss was walked: {@code entry} now translates {@code va} ({@code hyp}: the Hyp regime). */
    void walked(boolean hyp, int va, int kind, TlbEntry entry);

    /** A TLB miss's walk faulted; the fault is about to be taken. */
    void walkFaulted(boolean hyp, int va, int kind, MmuFault fault);

    /**
     * A data or fetch access translated {@code va} to {@code pa} ({@link Perm#READ}, WRITE or
     * FETCH). Returns true to keep the page out of the micro-TLB, so that the next access to it
     * comes here again.
     */
    boolean accessed(boolean hyp, int va, long pa, int kind);
}
