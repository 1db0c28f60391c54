package org.hyplab.mem;

/**
 * A RAM region, stored as 4 KiB pages allocated on first write, so a board with 2 GiB costs only
 * what its programs touch. Pages never written read as zero. Storage is little-endian words;
 * byte and halfword accesses pick their lanes out of a word.
 */
public final class Ram {

    public static final int PAGE_SHIFT = 12;
    public static final int PAGE_SIZE = 1 << PAGE_SHIFT;
    static final int WORDS_PER_PAGE = PAGE_SIZE / 4;

    private final long base;
    private final long size;
    private final int[][] pages;
    /** Pages some CPU has decoded instructions from: their writes must be reported. */
    private final boolean[] codePages;
    private CodeWatcher watcher = (page, word) -> { };

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
        this.codePages = new boolean[pages.length];
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

    /** Whether {@code pa} lies in this RAM. */
    public boolean contains(long pa) {
        return pa - base >= 0 && pa - base < size;
    }

    public void setCodeWatcher(CodeWatcher watcher) {
        this.watcher = watcher;
    }

    /** Marks a page as holding decoded code, so that writes to it are reported to the watcher. */
    public void markCode(int pageIndex) {
        codePages[pageIndex] = true;
    }

    /** The aligned word at byte offset {@code off} (off & 3 == 0) from the RAM's base. */
    public int readWord(long off) {
        int[] page = pages[(int) (off >>> PAGE_SHIFT)];
        return page == null ? 0 : page[(int) (off >>> 2) & (WORDS_PER_PAGE - 1)];
    }

    public void writeWord(long off, int value) {
        int p = (int) (off >>> PAGE_SHIFT);
        int w = (int) (off >>> 2) & (WORDS_PER_PAGE - 1);
        int[] page = pages[p];
        if (page == null) {
            page = pages[p] = new int[WORDS_PER_PAGE];
        }
        page[w] = value;
        if (codePages[p]) {
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

    /** Copies {@code bytes} into RAM at byte offset {@code off} (loaders). */
    public void load(long off, byte[] bytes) {
        for (int i = 0; i < bytes.length; i++) {
            write8(off + i, bytes[i]);
        }
    }
}
