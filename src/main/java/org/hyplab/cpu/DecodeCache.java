package org.hyplab.cpu;

import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;

import org.hyplab.mem.Bus;
import org.hyplab.mem.Ram;

/**
 * Decoded instructions of one machine, kept per physical RAM page ("decode once, execute
 * many"). A page's array is made when code first runs from it; the RAM then reports every
 * write to that page and the written word's decoded form is dropped, so self-modifying code
 * and program loaders are always seen. The CPUs of a machine share one cache (they run in turn,
 * on one thread).
 *
 * <p>Decoded forms depend only on the instruction word, so equal words share one {@link Insn}.
 */
public final class DecodeCache {

    /** Distinct words remembered before the sharing table is emptied (decoded pages keep theirs). */
    static final int SHARED_LIMIT = 1 << 16;

    private final Bus bus;
    private final Map<Ram, Insn[][]> pagesByRam = new IdentityHashMap<>();
    private final Map<Integer, Insn> shared = new HashMap<>();

    public DecodeCache(Bus bus) {
        this.bus = bus;
    }

    /** The decoded page for the RAM page holding {@code pa}, or {@code null} if no RAM is there. */
    Insn[] page(long pa) {
        Ram ram = bus.ramAt(pa);
        if (ram == null) {
            return null;
        }
        Insn[][] pages = pagesByRam.computeIfAbsent(ram, this::watch);
        int p = (int) ((pa - ram.base()) >>> Ram.PAGE_SHIFT);
        Insn[] page = pages[p];
        if (page == null) {
            page = pages[p] = new Insn[Ram.PAGE_SIZE / 4];
            ram.markCode(p);
        }
        return page;
    }

    private Insn[][] watch(Ram ram) {
        Insn[][] pages = new Insn[ram.pageCount()][];
        ram.setCodeWatcher((p, w) -> {
            Insn[] page = pages[p];
            if (page != null) {
                page[w] = null;
            }
        });
        return pages;
    }

    /** Decodes the word at {@code pa} into {@code page[slot]}. */
    Insn decodeAt(long pa, Insn[] page, int slot) {
        int word = bus.read32(pa);
        Insn insn = shared.get(word);
        if (insn == null) {
            insn = A32Decoder.decode(word);
            if (shared.size() >= SHARED_LIMIT) {
                shared.clear();
            }
            shared.put(word, insn);
        }
        page[slot] = insn;
        return insn;
    }
}
