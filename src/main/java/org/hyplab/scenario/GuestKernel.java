package org.hyplab.scenario;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;

import org.hyplab.elf.ElfException;
import org.hyplab.elf.ElfImage;

/**
 * A guest kernel file, checked before it becomes a boot module: a 32-bit ARM zImage, which Xen
 * 4.17 and HypLab's hypervisor both load, or an ELF, which only HypLab's hypervisor loads
 * (XEN-ABI.md §6, "Image formats": Xen's dom0less takes no ELF).
 *
 * <p>{@code loadStart}-{@code loadEnd} is where the kernel lands in the guest's physical address
 * space: for a zImage its header's {@code start} (or RAM + 0x8000 when {@code start} is 0, as
 * xl and HypLab's hypervisor place it) for {@code end - start} bytes; for an ELF its loadable
 * segments.
 *
 * @param name      how errors and file names call it (the guest's name, or the file's)
 * @param file      where it was read from
 * @param kind      zImage or ELF
 * @param bytes     the boot module's bytes (a zImage padded to its header's length, see {@link #read})
 * @param loadStart the first guest-physical address the kernel occupies
 * @param loadEnd   the first address after it
 */
public record GuestKernel(String name, Path file, Kind kind, byte[] bytes, long loadStart, long loadEnd) {

    public enum Kind {
        ZIMAGE("zImage"), ELF("ELF");

        private final String text;

        Kind(String text) {
            this.text = text;
        }

        @Override
        public String toString() {
            return text;
        }
    }

    /** zImage header (Linux arch/arm/boot/compressed/head.S; XEN-ABI.md §6): magic, start, end. */
    static final int ZIMAGE_MAGIC = 0x016F_2818, MAGIC_AT = 0x24, START_AT = 0x28, END_AT = 0x2C, HEADER = 0x30;
    /** Guest RAM starts here in every domain (XEN-ABI.md §5, GUEST_RAM0_BASE). */
    public static final long GUEST_RAM_BASE = 0x4000_0000L;
    /** Where a zImage whose {@code start} is 0 is loaded by xl and HypLab's hypervisor (§6). */
    static final long DEFAULT_LOAD = GUEST_RAM_BASE + 0x8000;
    /** No guest of a teaching scenario comes near this; larger files are refused before reading. */
    static final long MAX_FILE = 64L << 20;

    public GuestKernel {
        bytes = bytes.clone();
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    public int size() {
        return bytes.length;
    }

    /**
     * Reads and checks {@code file}. A zImage whose file is up to 3 bytes shorter than its header
     * says is padded with zeros to that length: {@code objcopy -O binary} stops at the last byte
     * of the last section while the header's {@code end} is the word-aligned end of the image,
     * and Xen refuses a boot module shorter than {@code end - start} (kernel.c,
     * {@code kernel_zimage32_probe}). Anything shorter is a truncated file.
     */
    public static GuestKernel read(String name, Path file) {
        byte[] b;
        try {
            if (Files.isDirectory(file)) {
                throw new ScenarioException(file + ": is a folder, not a guest kernel file");
            }
            if (Files.size(file) > MAX_FILE) {
                throw new ScenarioException(String.format("%s: too big for a guest kernel (%d MiB; at most %d MiB)",
                        file, Files.size(file) >> 20, MAX_FILE >> 20));
            }
            b = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ScenarioException(file + ": no such file");
        } catch (IOException e) {
            throw new ScenarioException(file + ": cannot read: " + e.getMessage());
        }
        return of(name, file, b);
    }

    /** Checks the bytes of a guest kernel that came from {@code file}. */
    public static GuestKernel of(String name, Path file, byte[] b) {
        if (b.length >= 4 && b[0] == 0x7F && b[1] == 'E' && b[2] == 'L' && b[3] == 'F') {
            ElfImage elf;
            try {
                elf = ElfImage.parse(b);
            } catch (ElfException e) {
                throw new ScenarioException(file + ": " + e.getMessage());
            }
            long low = Long.MAX_VALUE, high = 0;
            for (ElfImage.Segment s : elf.segments()) {
                if (s.memSize() > 0) {
                    low = Math.min(low, s.physAddr());
                    high = Math.max(high, s.physAddr() + s.memSize());
                }
            }
            if (high == 0) {
                throw new ScenarioException(file + ": the ELF has nothing to load");
            }
            return new GuestKernel(name, file, Kind.ELF, b, low, high);
        }
        if (b.length < HEADER || le32(b, MAGIC_AT) != ZIMAGE_MAGIC) {
            throw new ScenarioException(file + ": not a guest kernel: neither a zImage (magic 0x016F2818 at "
                    + "offset 0x24) nor an ELF");
        }
        long start = Integer.toUnsignedLong(le32(b, START_AT));
        long end = Integer.toUnsignedLong(le32(b, END_AT));
        if (end <= start) {
            throw new ScenarioException(String.format("%s: the zImage header's end (0x%x) is not after its start (0x%x)",
                    file, end, start));
        }
        long length = end - start;
        byte[] image = b;
        if (length > b.length) {
            if (length - b.length > 3) {
                throw new ScenarioException(String.format("%s: truncated zImage: its header says %d bytes, the file has %d",
                        file, length, b.length));
            }
            image = Arrays.copyOf(b, (int) length);
        }
        long load = start == 0 ? DEFAULT_LOAD : start;
        return new GuestKernel(name, file, Kind.ZIMAGE, image, load, load + length);
    }

    private static int le32(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8 | (b[at + 2] & 0xFF) << 16 | (b[at + 3] & 0xFF) << 24;
    }
}
