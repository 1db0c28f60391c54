package org.hyplab.fdt;

import java.util.List;

/**
 * A whole flattened device tree: the node tree, the memory reservation block and the boot
 * CPU's physical ID, i.e. what a DTB holds (devicetree specification v0.4, chapter 5).
 * {@link FdtWriter} makes a blob of it and {@link FdtReader} reads one back.
 *
 * @param root          the root node (empty name)
 * @param reservations  the memory reservation block's entries, in order
 * @param bootCpuidPhys the header's {@code boot_cpuid_phys}
 */
public record Fdt(FdtNode root, List<Reservation> reservations, int bootCpuidPhys) {

    /** One entry of the memory reservation block: memory the OS must not use. */
    public record Reservation(long address, long size) {
    }

    public Fdt {
        reservations = List.copyOf(reservations);
    }

    /** A tree without reservations, booting on CPU 0. */
    public static Fdt of(FdtNode root) {
        return new Fdt(root, List.of(), 0);
    }

    public byte[] toBlob() {
        return FdtWriter.write(this);
    }

    public static Fdt fromBlob(byte[] blob) throws FdtException {
        return FdtReader.read(blob);
    }
}
