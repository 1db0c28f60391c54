package org.hyplab.mem;

import java.util.Arrays;

/**
 * A RAM region, stored as 4 KiB pages allocated on first write, so a board with 2 GiB costs only
 * what its programs touch. Pages never written read as zero. Storage is little-endian words;
 * byte and halfword accesses pick their lanes out of a word.
 *
 * <h2>Copy-on-write for snapshots</h2>
 * {@link #share} hands out the page arrays as they are ({@link Pages}) and marks every page
 * shared; the first write to a shared page copies it, so the arrays a {@link Pages} holds are
 * never written again and taking one costs no copy of the contents. {@link #restore} puts such
 * arrays back, shared again. Every write comes through {@link #writeWord}, whose fast path is one
 * test of the page's flags byte: a page that is absent, shared or holds decoded code takes
 * the slow path.
 */
public final class Ram {

    public static final int PAGE_SHIFT = 12;
    public static final int PAGE_SIZE = 1 << PAGE_SHIFT;
    static final int WORDS_PER_PAGE = PAGE_SIZE / 4;

    /** Page flags: some CPU has decoded instructions from the page, so its writes are reported. */
    static final byte CODE = 1;
    /** The page's array may be held by a {@link Pages}: copy it before writing. */
    static final byte SHARED = 2;
    /** The page has no array yet (it reads as zero). */
    static final byte ABSENT = 4;

    private final long base;
    private final long size;
    private final int[][] pages;
    /** CODE, SHARED and ABSENT per page; 0 lets a write go straight into the page. */
    private final byte[] flags;
    private CodeWatcher watcher = (page, word) -> { };
    /** {@link Pages} handed out and not yet {@link #release}d: while any is, SHARED marks stay. */
    private int holders;
    /** Pages that have an array (not ABSENT). */
    private int allocated;

    public Ram(long base, long size) {
        if (size <= 0 || (size & (PAGE_SIZE - 1)) != 0 || (base & (PAGE_SIZE - 1)) != 0) {
            throw new IllegalArgumentException("RAM base and size must be whole 4 KiB pages");
        }
        if (size >>> PAGE_SHIFT > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("RAM too large");
        }
        this.base = base;
        this.size = size;
        this.pages = new int[(int) (size >>> PAGE_SHIFT)][];
        this.flags = new byte[pages.length];
        Arrays.fill(flags, ABSENT);
    }

    public long base() {
        return base;
    }

    public long size() {
        return size;
    }

    public int pageCount() {
        return pages.length;
    }

    /** Whether page {@code pageIndex} was ever written (one never written reads as zero). */
    public boolean allocated(int pageIndex) {
        return pages[pageIndex] != null;
    }

    /** Whether {@code pa} lies in this RAM. */
    public boolean contains(long pa) {
        return pa - base >= 0 && pa - base < size;
    }

    public void setCodeWatcher(CodeWatcher watcher) {
        this.watcher = watcher;
    }

    /** Marks a page as holding decoded code, so that writes to it are reported to the watcher. */
    public void markCode(int pageIndex) {
        flags[pageIndex] |= CODE;
    }

    /** The aligned word at byte offset {@code off} (off & 3 == 0) from the RAM's base. */
    public int readWord(long off) {
        int[] page = pages[(int) (off >>> PAGE_SHIFT)];
        return page == null ? 0 : page[(int) (off >>> 2) & (WORDS_PER_PAGE - 1)];
    }

    /** Every write to this RAM ends here. */
    public void writeWord(long off, int value) {
        int p = (int) (off >>> PAGE_SHIFT);
        int w = (int) (off >>> 2) & (WORDS_PER_PAGE - 1);
        if (flags[p] != 0) {
            writeSlow(p, w, value);
            return;
        }
        pages[p][w] = value;
    }

    /** A write to a page that is absent (allocate it), shared (copy it) or holds code (report it). */
    private void writeSlow(int p, int w, int value) {
        int f = flags[p];
        if ((f & ABSENT) != 0) {
            pages[p] = new int[WORDS_PER_PAGE];
            allocated++;
        } else if ((f & SHARED) != 0) {
            pages[p] = pages[p].clone();
        }
        flags[p] = (byte) (f & CODE);
        pages[p][w] = value;
        if ((f & CODE) != 0) {
            watcher.codeWritten(p, w);
        }
    }

    public int read8(long off) {
        return (readWord(off & ~3L) >>> ((int) (off & 3) * 8)) & 0xFF;
    }

    public int read16(long off) {
        if ((off & 1) == 0) {
            return (readWord(off & ~3L) >>> ((int) (off & 2) * 8)) & 0xFFFF;
        }
        return read8(off) | read8(off + 1) << 8;
    }

    public int read32(long off) {
        if ((off & 3) == 0) {
            return readWord(off);
        }
        return read16Unaligned(off) | read16Unaligned(off + 2) << 16;
    }

    private int read16Unaligned(long off) {
        return read8(off) | read8(off + 1) << 8;
    }

    public void write8(long off, int value) {
        int shift = (int) (off & 3) * 8;
        long w = off & ~3L;
        writeWord(w, (readWord(w) & ~(0xFF << shift)) | (value & 0xFF) << shift);
    }

    public void write16(long off, int value) {
        if ((off & 1) == 0) {
            int shift = (int) (off & 2) * 8;
            long w = off & ~3L;
            writeWord(w, (readWord(w) & ~(0xFFFF << shift)) | (value & 0xFFFF) << shift);
        } else {
            write8(off, value);
            write8(off + 1, value >>> 8);
        }
    }

    public void write32(long off, int value) {
        if ((off & 3) == 0) {
            writeWord(off, value);
        } else {
            write16(off, value);
            write16(off + 2, value >>> 16);
        }
    }

    // ---- snapshots -------------------------------------------------------------------------------

    /**
     * This RAM's pages as they are now, for a snapshot: the arrays of the pages ever written,
     * each marked shared so that the next write to it copies it first. Costs two references per
     * such page, not their contents (nor anything for the pages never written, so a timeline of
     * snapshots of a 1 GiB board costs what its programs touched). Hand it back to
     * {@link #release} when it is no longer needed.
     */
    public Pages share() {
        int[] index = new int[allocated];
        int[][] arrays = new int[allocated][];
        int n = 0;
        for (int p = 0; p < pages.length; p++) {
            if ((flags[p] & ABSENT) == 0) {
                flags[p] |= SHARED;
                index[n] = p;
                arrays[n++] = pages[p];
            }
        }
        holders++;
        return new Pages(this, index, arrays);
    }

    /**
     * Puts the pages of {@code saved} back, shared again (they stay {@code saved}'s too, so it can
     * be restored any number of times). Words of pages holding decoded code that differ from
     * what RAM holds now are reported to the code watcher, as a write of them would be, so no
     * stale decoded instruction survives.
     */
    public void restore(Pages saved) {
        if (saved.ram != this) {
            throw new IllegalArgumentException("these pages belong to another RAM");
        }
        if (saved.released) {
            throw new IllegalStateException("these pages were released");
        }
        int[] index = saved.index;
        int k = 0;
        for (int p = 0; p < pages.length; p++) {
            int[] now = k < index.length && index[k] == p ? saved.arrays[k++] : null;
            int f = flags[p];
            if ((f & CODE) != 0 && pages[p] != now) {
                reportChangedWords(p, pages[p], now);
            }
            pages[p] = now;
            flags[p] = (byte) ((f & CODE) | (now == null ? ABSENT : SHARED));
        }
        allocated = index.length;
    }

    private void reportChangedWords(int p, int[] before, int[] after) {
        for (int w = 0; w < WORDS_PER_PAGE; w++) {
            int a = before == null ? 0 : before[w];
            int b = after == null ? 0 : after[w];
            if (a != b) {
                watcher.codeWritten(p, w);
            }
        }
    }

    /**
     * {@code saved} will not be restored again. When no {@link Pages} of this RAM is left
     * unreleased, nothing can hold a page array any more and the shared marks are dropped, so
     * writes stop copying. One never released only keeps every page copy-on-write: safe, and a
     * page is copied at most once per {@link #share} or {@link #restore} anyway.
     */
    public void release(Pages saved) {
        if (saved.ram != this || saved.released) {
            return;
        }
        saved.released = true;
        if (--holders == 0) {
            for (int p = 0; p < flags.length; p++) {
                flags[p] &= ~SHARED;
            }
        }
    }

    /** Whether a write to page {@code p} would copy it first (tests). */
    boolean copiesOnWrite(int p) {
        return (flags[p] & SHARED) != 0;
    }

    /**
     * The pages of one RAM at one moment ({@link #share}): the index of each page that had an
     * array, in increasing order, and that array, which nobody writes any more. Opaque.
     */
    public static final class Pages {
        private final Ram ram;
        private final int[] index;
        private final int[][] arrays;
        private boolean released;

        private Pages(Ram ram, int[] index, int[][] arrays) {
            this.ram = ram;
            this.index = index;
            this.arrays = arrays;
        }

        /** Pages that were ever written (the others read as zero). */
        public int allocated() {
            return index.length;
        }
    }

    /**
     * A hash of the contents: equal contents give equal hashes, whichever pages were allocated
     * (zero words add nothing), for tests and for telling whether memory changed.
     */
    public long contentHash() {
        long h = 0;
        for (int p = 0; p < pages.length; p++) {
            int[] page = pages[p];
            if (page == null) {
                continue;
            }
            for (int w = 0; w < WORDS_PER_PAGE; w++) {
                if (page[w] != 0) {
                    h += mix(((long) p * WORDS_PER_PAGE + w) << 32 | (page[w] & 0xFFFF_FFFFL));
                }
            }
        }
        return h;
    }

    /** A 64-bit finaliser (splitmix64's), so that summing hashes of distinct words rarely collides. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58_476D_1CE4_E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D0_49BB_1331_11EBL;
        return z ^ (z >>> 31);
    }

    /** Copies {@code bytes} into RAM at byte offset {@code off} (loaders). */
    public void load(long off, byte[] bytes) {
        for (int i = 0; i < bytes.length; i++) {
            write8(off + i, bytes[i]);
        }
    }
}
