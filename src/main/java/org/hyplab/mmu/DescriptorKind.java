package org.hyplab.mmu;

/**
 * What a translation table descriptor is, from its type bits (ARM ARM B3.5.1 for the short
 * format, B3.6.1-B3.6.2 for the long format). The walkers decide by it, and explanations name it.
 */
public enum DescriptorKind {
    /** Faults: no translation at this address (a translation fault). */
    INVALID("invalid"),
    /** Long format, level 3, type 0b01: reserved, so also a translation fault (B3.6.1). */
    RESERVED("reserved (level 3 type 0b01)"),
    /** Points to the next level's table (short format: a level 1 "page table" descriptor). */
    TABLE("table"),
    /** Short format, level 1: 1 MiB. */
    SECTION("section"),
    /** Short format, level 1: 16 MiB, with a 40-bit output address. */
    SUPERSECTION("supersection"),
    /** Short format, level 2: 64 KiB. */
    LARGE_PAGE("large page"),
    /** Short format, level 2: 4 KiB. */
    SMALL_PAGE("small page"),
    /** Long format, level 1 (1 GiB) or level 2 (2 MiB). */
    BLOCK("block"),
    /** Long format, level 3: 4 KiB. */
    PAGE("page");

    private final String text;

    DescriptorKind(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }

    /** Maps memory (rather than pointing to a table or faulting). */
    public boolean isLeaf() {
        return this != INVALID && this != RESERVED && this != TABLE;
    }

    /** A short-format level 1 descriptor: bits 1:0 = 00 fault, 01 page table, 1x section (bit 18: supersection). */
    static DescriptorKind shortLevel1(int d) {
        return switch (d & 3) {
            case 0 -> INVALID;
            case 1 -> TABLE;
            default -> (d & 1 << 18) != 0 ? SUPERSECTION : SECTION;
        };
    }

    /** A short-format level 2 descriptor: bits 1:0 = 00 fault, 01 large page, 1x small page. */
    static DescriptorKind shortLevel2(int d) {
        return switch (d & 3) {
            case 0 -> INVALID;
            case 1 -> LARGE_PAGE;
            default -> SMALL_PAGE;
        };
    }

    /** A long-format descriptor: bit 0 valid; bit 1 table (levels 1-2) or page (level 3). */
    static DescriptorKind longDescriptor(long d, int level) {
        int type = (int) d & 3;
        if (level == 3) {
            return type == 3 ? PAGE : type == 1 ? RESERVED : INVALID;
        }
        return type == 3 ? TABLE : type == 1 ? BLOCK : INVALID;
    }
}
