package org.hyplab.mmu;

/**
 * Stage 1 translation with the short-descriptor format (TTBCR.EAE = 0; ARM ARM B3.5): a level 1
 * table of 4096 32-bit entries (sections of 1 MiB, supersections of 16 MiB, or pointers to level 2
 * tables of 256 entries: large pages of 64 KiB and small pages of 4 KiB), with domains.
 * Descriptor layouts: ARM ARM B3.5.1, Figures B3-4 and B3-5; BOARDS.md §4.8.
 */
final class ShortDescriptorWalk {

    private ShortDescriptorWalk() {
    }

    static final int SCTLR_AFE = 1 << 29, SCTLR_TRE = 1 << 28, SCTLR_UWXN = 1 << 20, SCTLR_WXN = 1 << 19;

    /**
     * Walks the tables for {@code va}. Translation and access-flag faults are raised here;
     * domain and permission checks belong to the access (the result carries what they need).
     */
    static WalkResult walk(int va, TranslationRegisters regs, DescriptorReader reader, WalkObserver observer,
            boolean write, boolean fetch) {
        int ttbcr = regs.ttbcr(), sctlr = regs.sctlr(), prrr = regs.prrr(), nmrr = regs.nmrr();
        // TTBR selection (B3.5.4): with N > 0, addresses whose top N bits are zero use TTBR0.
        int n = ttbcr & 7;
        boolean useTtbr0 = n == 0 || (va >>> (32 - n)) == 0;
        long table = useTtbr0 ? regs.ttbr0() & (0xFFFF_FFFFL << (14 - n)) & 0xFFFF_FFFFL
                : regs.ttbr1() & 0xFFFF_C000L;
        if (observer != null) {
            observer.start(1, va & 0xFFFF_FFFFL, useTtbr0 ? "TTBR0" : "TTBR1", table, 1, useTtbr0 ? 32 - n : 32);
        }
        if ((ttbcr & (useTtbr0 ? 1 << 4 : 1 << 5)) != 0) {   // PD0 / PD1: no walk, translation fault
            throw fault(va, FaultType.TRANSLATION, 1, 0, write, fetch);
        }
        long l1Address = table | (useTtbr0 ? ((va << n) >>> (n + 20)) : va >>> 20) << 2;
        int l1 = (int) reader.read(l1Address, false, 1);
        DescriptorKind k1 = DescriptorKind.shortLevel1(l1);
        if (observer != null) {
            observer.descriptor(1, 1, l1Address, l1 & 0xFFFF_FFFFL, false, k1);
        }
        WalkResult r = new WalkResult();
        switch (k1) {
            case INVALID -> throw fault(va, FaultType.TRANSLATION, 1, 0, write, fetch);
            case TABLE -> {   // page table: domain and PXN come from here
                int domain = (l1 >>> 5) & 0xF;
                boolean pxn = (l1 & 1 << 2) != 0;
                long l2Address = (l1 & 0xFFFF_FC00L) | ((va >>> 12) & 0xFF) << 2;
                int l2 = (int) reader.read(l2Address, false, 2);
                DescriptorKind k2 = DescriptorKind.shortLevel2(l2);
                if (observer != null) {
                    observer.descriptor(1, 2, l2Address, l2 & 0xFFFF_FFFFL, false, k2);
                }
                r.level = 2;
                r.domain = domain;
                int ap, tex;
                boolean xn;
                if (k2 == DescriptorKind.INVALID) {
                    throw fault(va, FaultType.TRANSLATION, 2, domain, write, fetch);
                } else if (k2 == DescriptorKind.LARGE_PAGE) {   // 64 KiB
                    r.sizeLog2 = 16;
                    r.output = (l2 & 0xFFFF_0000L) | (va & 0xFFFF);
                    xn = (l2 & 1 << 15) != 0;
                    tex = (l2 >>> 12) & 7;
                } else {                      // small page, 4 KiB
                    r.sizeLog2 = 12;
                    r.output = (l2 & 0xFFFF_F000L) | (va & 0xFFF);
                    xn = (l2 & 1) != 0;
                    tex = (l2 >>> 6) & 7;
                }
                ap = ((l2 >>> 9) & 1) << 2 | (l2 >>> 4) & 3;
                r.global = (l2 & 1 << 11) == 0;
                r.attr = attributes(tex, (l2 >>> 3) & 1, (l2 >>> 2) & 1, sctlr, prrr, nmrr);
                r.perm = permissions(va, ap, xn, pxn, sctlr, 2, domain, write, fetch);
            }
            default -> {  // section or supersection; bits 1:0 = 0b11 is a section with PXN set
                boolean pxn = (l1 & 1) != 0;
                boolean supersection = k1 == DescriptorKind.SUPERSECTION;
                r.level = 1;
                if (supersection) {
                    // Supersections are in domain 0 and reach a 40-bit PA: PA[35:32] = bits 23:20,
                    // PA[39:36] = bits 8:5 (B3.5.1, Figure B3-4).
                    r.domain = 0;
                    r.sizeLog2 = 24;
                    long high = ((long) ((l1 >>> 20) & 0xF) << 32) | ((long) ((l1 >>> 5) & 0xF) << 36);
                    r.output = high | (l1 & 0xFF00_0000L) | (va & 0x00FF_FFFF);
                } else {
                    r.domain = (l1 >>> 5) & 0xF;
                    r.sizeLog2 = 20;
                    r.output = (l1 & 0xFFF0_0000L) | (va & 0x000F_FFFF);
                }
                int ap = ((l1 >>> 15) & 1) << 2 | (l1 >>> 10) & 3;
                r.global = (l1 & 1 << 17) == 0;
                r.attr = attributes((l1 >>> 12) & 7, (l1 >>> 3) & 1, (l1 >>> 2) & 1, sctlr, prrr, nmrr);
                r.perm = permissions(va, ap, (l1 & 1 << 4) != 0, pxn, sctlr, 1, r.domain, write, fetch);
            }
        }
        return r;
    }

    /**
     * The permissions AP[2:0] grant (B3.7.1, Tables B3-8 and B3-9), with XN/PXN and SCTLR.WXN/UWXN
     * (B3.7.2). With SCTLR.AFE = 1, AP[0] is the access flag: 0 raises an access-flag fault.
     */
    private static int permissions(int va, int ap, boolean xn, boolean pxn, int sctlr, int level, int domain,
            boolean write, boolean fetch) {
        int p;
        if ((sctlr & SCTLR_AFE) != 0) {
            if ((ap & 1) == 0) {
                throw fault(va, FaultType.ACCESS_FLAG, level, domain, write, fetch);
            }
            p = switch (ap >>> 1) {
                case 0 -> Perm.R1 | Perm.W1;
                case 1 -> Perm.R1 | Perm.W1 | Perm.R0 | Perm.W0;
                case 2 -> Perm.R1;
                default -> Perm.R1 | Perm.R0;
            };
        } else {
            p = switch (ap) {
                case 1 -> Perm.R1 | Perm.W1;
                case 2 -> Perm.R1 | Perm.W1 | Perm.R0;
                case 3 -> Perm.R1 | Perm.W1 | Perm.R0 | Perm.W0;
                case 5 -> Perm.R1;
                case 6, 7 -> Perm.R1 | Perm.R0;
                default -> 0;   // 000 no access; 100 is reserved and treated as no access
            };
        }
        return p | execute(p, xn, pxn, sctlr);
    }

    /** Execute permission follows read permission unless XN/PXN or a WXN rule forbids it. */
    static int execute(int p, boolean xn, boolean pxn, int sctlr) {
        if (xn || ((sctlr & SCTLR_WXN) != 0 && (p & (Perm.W0 | Perm.W1)) != 0)) {
            return 0;
        }
        int x = 0;
        if ((p & Perm.R0) != 0) {
            x |= Perm.X0;
        }
        if ((p & Perm.R1) != 0 && !pxn && !((sctlr & SCTLR_UWXN) != 0 && (p & Perm.W0) != 0)) {
            x |= Perm.X1;
        }
        return x;
    }

    /**
     * TEX[2:0], C, B as a MAIR-style attribute byte (B3.8.2 Table B3-10 without TEX remap; with
     * SCTLR.TRE = 1, PRRR and NMRR give the type of region n = TEX[0]:C:B, B3.8.3).
     */
    static int attributes(int tex, int c, int b, int sctlr, int prrr, int nmrr) {
        if ((sctlr & SCTLR_TRE) != 0) {
            int idx = (tex & 1) << 2 | c << 1 | b;
            int type = (prrr >>> (2 * idx)) & 3;
            if (type == 0) {
                return 0x00;
            }
            if (type == 1) {
                return 0x04;
            }
            return cacheAttr((nmrr >>> (2 * idx + 16)) & 3) << 4 | cacheAttr((nmrr >>> (2 * idx)) & 3);
        }
        if ((tex & 4) != 0) {   // 1BBAA: cacheable, outer policy BB, inner AA
            return cacheAttr(tex & 3) << 4 | cacheAttr(c << 1 | b);
        }
        return switch (tex << 2 | c << 1 | b) {
            case 0b00000 -> 0x00;            // Strongly-ordered
            case 0b00001, 0b01000 -> 0x04;   // Device (shareable / non-shareable)
            case 0b00010 -> 0xAA;            // Normal write-through, no write-allocate
            case 0b00011 -> 0xEE;            // Normal write-back, no write-allocate
            case 0b00100 -> 0x44;            // Normal non-cacheable
            case 0b00111 -> 0xFF;            // Normal write-back, write-allocate
            default -> 0x44;                 // reserved encodings: treated as Normal non-cacheable
        };
    }

    /** A short-format cache policy (00 NC, 01 WBWA, 10 WT, 11 WB) as a MAIR nibble. */
    private static int cacheAttr(int policy) {
        return switch (policy) {
            case 0 -> 0x4;
            case 1 -> 0xF;
            case 2 -> 0xA;
            default -> 0xE;
        };
    }

    private static MmuFault fault(int va, FaultType type, int level, int domain, boolean write, boolean fetch) {
        return new MmuFault(va, type, level, 1, false, 0, domain, false, write, fetch);
    }
}
