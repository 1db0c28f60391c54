package org.hyplab.elf;

import java.util.Arrays;

/**
 * One sequence of a line program (DWARF 5 §6.2.5.3, DW_LNE_end_sequence): rows of ascending
 * addresses covering {@code [start, end)}. The columns are parallel arrays, so the hypervisor's
 * ten thousand rows cost a few arrays instead of objects; {@code file} indexes {@link LineTable}'s
 * file names.
 */
final class LineSequence {

    final long[] address;
    final int[] line;
    final int[] column;
    final int[] file;
    final boolean[] stmt;
    final long end;

    private LineSequence(long[] address, int[] line, int[] column, int[] file, boolean[] stmt, long end) {
        this.address = address;
        this.line = line;
        this.column = column;
        this.file = file;
        this.stmt = stmt;
        this.end = end;
    }

    long start() {
        return address[0];
    }

    int size() {
        return address.length;
    }

    /**
     * The row covering {@code addr}, or -1: the last row whose address is at most addr. Of rows
     * that share an address ("views": GCC emits one per statement that starts there, the last
     * being the instruction's own), the last wins, as in GNU addr2line.
     */
    int rowAt(long addr) {
        if (addr < address[0] || addr >= end) {
            return -1;
        }
        return upperBound(addr) - 1;
    }

    /** The index of the first row whose address is above {@code addr}. */
    private int upperBound(long addr) {
        int lo = 0, hi = address.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (address[mid] <= addr) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Sorts the rows by address, stably, so rows at one address keep their order. */
    private void sortByAddress() {
        Integer[] order = new Integer[address.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        long[] a = address.clone();
        int[] l = line.clone(), c = column.clone(), f = file.clone();
        boolean[] st = stmt.clone();
        Arrays.sort(order, (x, y) -> Long.compare(a[x], a[y]));
        for (int i = 0; i < order.length; i++) {
            address[i] = a[order[i]];
            line[i] = l[order[i]];
            column[i] = c[order[i]];
            file[i] = f[order[i]];
            stmt[i] = st[order[i]];
        }
    }

    /** Collects rows as a line program emits them. */
    static final class Builder {
        private long[] address = new long[16];
        private int[] line = new int[16];
        private int[] column = new int[16];
        private int[] file = new int[16];
        private boolean[] stmt = new boolean[16];
        private int n;

        void add(long addr, int ln, int col, int fileId, boolean isStmt) {
            if (n == address.length) {
                int size = n * 2;
                address = Arrays.copyOf(address, size);
                line = Arrays.copyOf(line, size);
                column = Arrays.copyOf(column, size);
                file = Arrays.copyOf(file, size);
                stmt = Arrays.copyOf(stmt, size);
            }
            address[n] = addr;
            line[n] = ln;
            column[n] = col;
            file[n] = fileId;
            stmt[n] = isStmt;
            n++;
        }

        /**
         * The sequence so far, ending at {@code end}. "Within a sequence, addresses ... may only
         * increase" (DWARF 5 §6.2.5.1); a producer that breaks that gets its rows sorted (stably,
         * so rows at one address keep their order) rather than a binary search that misleads.
         */
        LineSequence build(long end) {
            LineSequence s = new LineSequence(Arrays.copyOf(address, n), Arrays.copyOf(line, n), Arrays.copyOf(column, n),
                    Arrays.copyOf(file, n), Arrays.copyOf(stmt, n), end);
            for (int i = 1; i < n; i++) {
                if (address[i - 1] > address[i]) {
                    s.sortByAddress();
                    break;
                }
            }
            n = 0;
            return s;
        }
    }
}
