package org.hyplab.mmu;

/**
 * Names memory attributes in words: a stage 1 attribute byte in the MAIR encoding (ARM ARM
 * B4.1.104, MAIR0/MAIR1; the short format's TEX/C/B are turned into the same byte), and a stage 2
 * MemAttr[3:0] field (B3.6.? "Stage 2 memory region attributes").
 */
public final class MemoryAttributes {

    private MemoryAttributes() {
    }

    /** A MAIR attribute byte: outer policy in bits 7:4, inner in bits 3:0. */
    public static String describe(int attr) {
        int outer = (attr >>> 4) & 0xF, inner = attr & 0xF;
        if (outer == 0) {
            return switch (inner) {
                case 0 -> "Strongly-ordered";
                case 4 -> "Device";
                default -> String.format("UNPREDICTABLE (0x%02x)", attr);
            };
        }
        return "Normal, inner " + cachePolicy(inner) + ", outer " + cachePolicy(outer);
    }

    /** One MAIR nibble of Normal memory: 0100 non-cacheable, 10RW write-through, 11RW write-back. */
    private static String cachePolicy(int n) {
        if (n == 0b0100) {
            return "non-cacheable";
        }
        if ((n & 0b1000) == 0) {
            return String.format("UNPREDICTABLE (0b%4s)", Integer.toBinaryString(n)).replace(' ', '0');
        }
        String allocate = ((n & 2) != 0 ? "R" : "") + ((n & 1) != 0 ? "W" : "");
        return ((n & 0b0100) != 0 ? "write-back" : "write-through")
                + (allocate.isEmpty() ? " no-allocate" : " " + allocate + "-allocate");
    }

    /** Stage 2 MemAttr[3:0]: [3:2] 00 Device types, else outer; [1:0] inner (01 NC, 10 WT, 11 WB). */
    public static String describeStage2(int memAttr) {
        int outer = (memAttr >>> 2) & 3, inner = memAttr & 3;
        if (outer == 0) {
            return switch (inner) {
                case 0 -> "Strongly-ordered";
                case 1 -> "Device";
                default -> String.format("UNPREDICTABLE (MemAttr 0x%x)", memAttr);
            };
        }
        return "Normal, inner " + stage2Policy(inner) + ", outer " + stage2Policy(outer);
    }

    private static String stage2Policy(int p) {
        return switch (p) {
            case 1 -> "non-cacheable";
            case 2 -> "write-through";
            case 3 -> "write-back";
            default -> "UNPREDICTABLE";
        };
    }
}
