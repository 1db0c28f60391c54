package org.hyplab.dev;

import org.hyplab.mem.MmioDevice;

/**
 * A bank of the Versatile Express NOR flash (64 MB at 0x08000000 and 0x0C000000, the first
 * aliased at 0x0; BOARDS.md §2.1) with no image loaded, as QEMU 7.2's CFI flash model
 * ({@code pflash_cfi01}, width 4) shows it: every read in read-array mode returns 0, and a plain
 * data write changes nothing (it is no flash command, and the bank stays in read-array mode).
 *
 * <p>The CFI command set is not modelled: on QEMU, writing 0x98 (CFI query) or 0x90 (read
 * identifier) switches the bank to answer the query ("Q" = 0x00510051 at +0x40, the Intel
 * manufacturer 0x00890089) until 0xFF returns it to read-array mode; here reads stay 0
 * ({@code tests/arm/vexpress/QEMU-DIFFERENCES.md}).
 */
public final class Flash implements MmioDevice {

    private final String name;
    private final long size;

    /** @param size the bank's size in bytes (the bus maps this many) */
    public Flash(String name, long size) {
        this.name = name;
        this.size = size;
    }

    @Override
    public String name() {
        return name;
    }

    /** The bank's size in bytes. */
    public long size() {
        return size;
    }

    @Override
    public int read(long offset, int size) {
        return 0;   // QEMU allocates the bank zero-filled when no image backs it
    }

    @Override
    public void write(long offset, int size, int value) {
        // a data write outside a program command is ignored
    }
}
