package org.hyplab.board;

import java.util.List;

/**
 * What a run tells the booted program through the device tree's {@code /memory} and
 * {@code /chosen}, as a boot loader (or QEMU's {@code -kernel}) would.
 *
 * @param memBytes    the main memory, from the board's {@code dram} base
 * @param bootargs    the kernel command line; empty for none
 * @param initrdStart where an initial ramdisk starts; {@code initrdStart == initrdEnd == 0} for none
 * @param initrdEnd   the first address after it
 * @param modules     boot modules (Xen's {@code multiboot,module}), in load order; empty for none
 */
public record BootParameters(long memBytes, String bootargs, long initrdStart, long initrdEnd, List<Module> modules) {

    /** One boot module: a file loaded at {@code address}, {@code size} bytes long. */
    public record Module(long address, long size) {
    }

    public BootParameters {
        if (memBytes <= 0) {
            throw new IllegalArgumentException("memBytes must be positive");
        }
        if (initrdEnd < initrdStart) {
            throw new IllegalArgumentException("initrdEnd before initrdStart");
        }
        bootargs = bootargs == null ? "" : bootargs;
        modules = List.copyOf(modules);
    }

    /** The board's default memory, no command line, no initrd, no modules. */
    public static BootParameters defaults(BoardDescription board) {
        return new BootParameters(board.defaultMemBytes(), "", 0, 0, List.of());
    }

    public boolean hasInitrd() {
        return initrdStart != 0 || initrdEnd != 0;
    }
}
