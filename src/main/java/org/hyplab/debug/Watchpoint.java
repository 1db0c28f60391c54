package org.hyplab.debug;

/**
 * Stop after an instruction reads or writes any of {@code length} bytes from {@code address}:
 * a physical address (whoever accesses it, in any regime), or a virtual address in one space.
 * Accesses are matched by the aligned words they touch.
 *
 * @param space   {@code null} for a physical address
 * @param reads   whether reads stop too, or writes only
 */
public record Watchpoint(Space space, long address, int length, boolean reads, String label) {

    public Watchpoint {
        if (length < 1 || length > 4096) {
            throw new IllegalArgumentException("a watchpoint covers 1 to 4096 bytes, not " + length);
        }
        if (space == null ? address < 0 || address > 0xFF_FFFF_FFFFL : address < 0 || address > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException(String.format("address %x out of range", address));
        }
    }

    public boolean physical() {
        return space == null;
    }

    /** Whether a 4-byte access at {@code at} (a PA or VA, by kind) overlaps the watched bytes. */
    boolean covers(long at) {
        long word = at & ~3L;
        return word < address + length && word + 4 > address;
    }

    /** Whether the page holding {@code at} holds any watched byte. */
    boolean onPage(long at) {
        long page = at >>> 12;
        return page >= address >>> 12 && page <= (address + length - 1) >>> 12;
    }

    public String describe() {
        return String.format("%s %s %x (%d bytes, %s)", label, physical() ? "PA" : space.label() + " VA", address,
                length, reads ? "reads and writes" : "writes");
    }
}
