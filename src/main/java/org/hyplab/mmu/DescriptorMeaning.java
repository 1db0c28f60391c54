package org.hyplab.mmu;

/**
 * Says in words what one translation table descriptor means: where it points or what it maps,
 * and its attribute fields by their ARM ARM names (short format B3.5.1, Figures B3-4 and B3-5;
 * long format B3.6.1-B3.6.2, Figures B3-15 to B3-17).
 */
final class DescriptorMeaning {

    private DescriptorMeaning() {
    }

    static String of(int stage, int level, boolean wide, long d, DescriptorKind kind) {
        if (!wide) {
            return shortFormat((int) d, kind);
        }
        return switch (kind) {
            case INVALID -> "invalid (bit 0 = 0): translation fault";
            case RESERVED -> "reserved type 0b01 at level 3: translation fault";
            case TABLE -> String.format("next-level table at 0x%x%s", d & 0xFF_FFFF_F000L,
                    stage == 1 ? tableAttributes(d) : "");
            default -> {
                long size = 1L << LongDescriptorWalk.shift(level);
                String what = String.format("%s %s at 0x%x", sizeText(size), kind.text(),
                        d & 0xFF_FFFF_F000L & ~(size - 1));
                yield stage == 2 ? what + stage2Fields(d) : what + stage1Fields(d);
            }
        };
    }

    private static String shortFormat(int d, DescriptorKind kind) {
        int domain = (d >>> 5) & 0xF;
        return switch (kind) {
            case INVALID -> "fault (bits 1:0 = 00): translation fault";
            case TABLE -> String.format("level 2 table at 0x%08x, domain %d%s", d & 0xFFFF_FC00, domain,
                    (d & 1 << 2) != 0 ? ", PXN" : "");
            case SECTION -> String.format("1 MiB section at 0x%08x, domain %d, %s%s%s", d & 0xFFF0_0000, domain,
                    shortAccess(((d >>> 15) & 1) << 2 | (d >>> 10) & 3, (d >>> 12) & 7, d),
                    (d & 1 << 4) != 0 ? ", XN" : "", (d & 1) != 0 ? ", PXN" : "");
            case SUPERSECTION -> {
                long pa = (d & 0xFF00_0000L) | ((long) ((d >>> 20) & 0xF) << 32) | ((long) ((d >>> 5) & 0xF) << 36);
                yield String.format("16 MiB supersection at 0x%x, domain 0, %s%s%s", pa,
                        shortAccess(((d >>> 15) & 1) << 2 | (d >>> 10) & 3, (d >>> 12) & 7, d),
                        (d & 1 << 4) != 0 ? ", XN" : "", (d & 1) != 0 ? ", PXN" : "");
            }
            case LARGE_PAGE -> String.format("64 KiB large page at 0x%08x, %s%s", d & 0xFFFF_0000,
                    shortAccess(((d >>> 9) & 1) << 2 | (d >>> 4) & 3, (d >>> 12) & 7, d),
                    (d & 1 << 15) != 0 ? ", XN" : "");
            case SMALL_PAGE -> String.format("4 KiB small page at 0x%08x, %s%s", d & 0xFFFF_F000,
                    shortAccess(((d >>> 9) & 1) << 2 | (d >>> 4) & 3, (d >>> 6) & 7, d),
                    (d & 1) != 0 ? ", XN" : "");
            default -> kind.text();
        };
    }

    /** AP[2:0], TEX[2:0] and C, B (bits 3 and 2 in every short-format mapping). */
    private static String shortAccess(int ap, int tex, int d) {
        return String.format("AP[2:0]=%s, TEX=%s C=%d B=%d", bits(ap, 3), bits(tex, 3), (d >>> 3) & 1,
                (d >>> 2) & 1);
    }

    private static String tableAttributes(long d) {
        StringBuilder b = new StringBuilder();
        if ((d & 1L << 63) != 0) {
            b.append(", NSTable");
        }
        int apTable = (int) (d >>> 61) & 3;
        if (apTable != 0) {
            b.append(", APTable=").append(bits(apTable, 2));
        }
        if ((d & 1L << 60) != 0) {
            b.append(", XNTable");
        }
        if ((d & 1L << 59) != 0) {
            b.append(", PXNTable");
        }
        return b.toString();
    }

    private static String stage1Fields(long d) {
        return String.format(", AttrIndx=%d, AP[2:1]=%s, SH=%s, AF=%d%s%s%s", (d >>> 2) & 7, bits((int) (d >>> 6) & 3, 2),
                bits((int) (d >>> 8) & 3, 2), (d >>> 10) & 1, (d & 1 << 11) != 0 ? ", nG" : "",
                (d & 1L << 54) != 0 ? ", XN" : "", (d & 1L << 53) != 0 ? ", PXN" : "");
    }

    private static String stage2Fields(long d) {
        return String.format(", MemAttr=%s, S2AP=%s, SH=%s, AF=%d%s", bits((int) (d >>> 2) & 0xF, 4),
                bits((int) (d >>> 6) & 3, 2), bits((int) (d >>> 8) & 3, 2), (d >>> 10) & 1,
                (d & 1L << 54) != 0 ? ", XN" : "");
    }

    private static String sizeText(long size) {
        return size >= 1L << 30 ? (size >>> 30) + " GiB" : size >= 1L << 20 ? (size >>> 20) + " MiB"
                : (size >>> 10) + " KiB";
    }

    private static String bits(int value, int width) {
        String s = Integer.toBinaryString(value);
        return "0".repeat(Math.max(0, width - s.length())) + s;
    }
}
