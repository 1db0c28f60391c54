package org.hyplab.dev.exynos;

import org.hyplab.mem.MmioDevice;

/**
 * The Exynos chip ID block at 0x10000000 ({@code samsung,exynos4210-chipid}; BOARDS.md §3.1):
 * PRO_ID at offset 0 names the SoC in bits [31:12] (0x43520 for the Exynos 5250; Linux's
 * exynos-chipid and U-Boot's s5p_set_cpu_id compare PRO_ID & 0xFFFFF000) and its revision in
 * bits [7:0], main revision [7:4] and sub-revision [3:0] as exynos-chipid prints them.
 * Everything else reads as zero and ignores writes.
 */
public final class ChipId implements MmioDevice {

    /** Exynos 5250 (LNX-chipid, XEN-exyh). */
    public static final int PRODUCT_5250 = 0x4352_0000;
    /**
     * Revision 1.0 (EVT1): Samsung's vendor kernels treat samsung_rev() >= EXYNOS5250_REV_1_0
     * as production silicon; the revision of the Arndale's own chips is not in any source found.
     */
    public static final int REVISION = 0x10;
    public static final int PRO_ID = PRODUCT_5250 | REVISION;

    @Override
    public String name() {
        return "chipid";
    }

    @Override
    public int read(long offset, int size) {
        int off = (int) offset;
        if ((off & ~3) != 0) {
            return 0;
        }
        return size == 4 ? PRO_ID : (PRO_ID >>> ((off & 3) * 8)) & (size == 1 ? 0xFF : 0xFFFF);
    }

    @Override
    public void write(long offset, int size, int value) {
        // read-only
    }
}
