package org.hyplab.board;

/**
 * A range of the physical address space that holds memory rather than device registers.
 *
 * @param name a short name ({@code dram}, {@code sram}, {@code flash0}); {@code dram} is the
 *             main memory that {@code --mem} sizes and the device tree's {@code /memory} describes
 * @param kind what answers there
 * @param base the first physical address
 * @param size bytes; for {@code dram} the most the board can have ({@code --mem} may ask less)
 */
public record MemoryRegion(String name, Kind kind, long base, long size) {

    public enum Kind {
        /** Readable and writable memory, zero at power-on. */
        RAM,
        /** NOR flash: reads as its erased contents; writes are commands to the flash, ignored here. */
        FLASH
    }

    public long end() {
        return base + size;
    }
}
