package org.hyplab.mmu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.hyplab.cpu.Cpu;
import org.hyplab.cpu.DecodeCache;
import org.hyplab.cpu.SystemRegisters;
import org.hyplab.mem.Bus;
import org.hyplab.mem.MmioDevice;
import org.hyplab.mem.Ram;
import org.junit.jupiter.api.Test;

/**
 * Random translation tables, random registers, random addresses, in every regime: the MMU never
 * throws anything but an {@link MmuFault}, the explaining walk ({@link WalkExplainer}) agrees
 * with what the CPU's own translation path (TLB, walk, permission checks; ATS1C* for stage 1 alone)
 * finds, explaining changes nothing, and every explained step is where the ARM ARM's indexing
 * rules put it (B3.5.5 short format, B3.6.6 long format): the test recomputes each descriptor
 * address from the previous descriptor and the input address, and the output from the leaf.
 */
class WalkFuzzTest {

    static final long RAM = 0x8000_0000L, RAM_SIZE = 16 << 20;
    /** The pool the random tables live in: the first 256 KiB of RAM. */
    static final long POOL = RAM, POOL_SIZE = 256 << 10;
    static final long DEVICE = 0x1C00_0000L, DEVICE_SIZE = 0x10000;
    static final int CONFIGS = 1500, ADDRESSES = 120;

    enum Setup { SHORT, LPAE, SHORT_STAGE2, LPAE_STAGE2, STAGE2_ONLY, HYP }

    /** A device that counts reads: explaining must never read it. */
    static final class Counting implements MmioDevice {
        int reads;
        int value;

        public String name() {
            return "counting";
        }

        public int read(long offset, int size) {
            reads++;
            return value;
        }

        public void write(long offset, int size, int value) {
        }
    }

    final Bus bus = new Bus();
    final Ram ram = bus.addRam(RAM, RAM_SIZE);
    final Counting device = new Counting();
    Random rnd;

    WalkFuzzTest() {
        bus.addDevice(DEVICE, DEVICE_SIZE, device);
    }

    @Test
    void explainedWalksAgreeWithTheMmuOnRandomTables() {
        Map<Setup, int[]> outcomes = new EnumMap<>(Setup.class);   // allowed, walk fault, access fault, stopped
        for (int config = 0; config < CONFIGS; config++) {
            rnd = new Random(0x5EED_0000L + config);
            Setup setup = Setup.values()[config % Setup.values().length];
            fillPool();
            Cpu cpu = new Cpu(0, bus, new DecodeCache(bus));
            configure(cpu.sys, setup);
            device.value = rnd.nextInt();
            int[] counts = outcomes.computeIfAbsent(setup, s -> new int[4]);
            long ramHash = poolHash();
            for (int i = 0; i < ADDRESSES; i++) {
                try {
                    one(cpu, setup, counts, config);
                } catch (RuntimeException e) {   // e.g. an MmuFault escaping, or an index out of bounds
                    throw new AssertionError("config " + config + " (" + setup + "): " + e, e);
                }
            }
            assertEquals(ramHash, poolHash(), "translating or explaining wrote memory");
        }
        // The random tables must reach every kind of outcome in every regime, or the test says little.
        for (Setup s : Setup.values()) {
            int[] c = outcomes.get(s);
            System.out.printf("WalkFuzzTest: %-12s allowed %5d, walk faults %5d, permission/domain faults %5d,"
                    + " stopped at a device %4d%n", s, c[0], c[1], c[2], c[3]);
            assertTrue(c[0] > 500 && c[1] > 500, s + ": allowed " + c[0] + ", walk faults " + c[1]);
            if (s != Setup.STAGE2_ONLY) {
                assertTrue(c[2] > 100, s + ": permission/domain faults " + c[2]);
            }
        }
    }

    private void one(Cpu cpu, Setup setup, int[] counts, int config) {
        SystemRegisters sys = cpu.sys;
        int access = rnd.nextInt(3);
        boolean privileged = setup == Setup.HYP || rnd.nextInt(4) != 0;   // Hyp mode is PL2
        long address = rnd.nextLong(1L << 32);   // the CPU's path takes 32-bit IPAs only, so STAGE2 does too
        Regime regime = switch (setup) {
            case HYP -> Regime.HYP;
            case STAGE2_ONLY -> Regime.STAGE2;
            default -> access != Perm.FETCH && rnd.nextInt(4) == 0 ? Regime.PL10_STAGE1 : Regime.PL10;
        };
        TranslationRegisters regs = TranslationRegisters.of(sys);

        int deviceReads = device.reads, tlbSize = cpu.mmu.tlb().size();
        Explanation x = cpu.mmu.explain(regime, address, access, privileged);
        assertEquals(deviceReads, device.reads, "explaining read a device");
        assertEquals(tlbSize, cpu.mmu.tlb().size(), "explaining filled the TLB");
        String context = String.format("config %d %s%n%s", config, regs, String.join("\n", x.lines()));

        checkSteps(x, context);
        if (x.stoppedAt() >= 0) {
            counts[3]++;
            return;   // the real walk reads the device: nothing to compare
        }
        counts[x.allowed() ? 0 : x.translation() == null ? 1 : 2]++;

        if (regime == Regime.PL10_STAGE1) {
            compareWithAts(cpu, x, (int) address, access, privileged, context);
            return;
        }
        int pl = !privileged ? 0 : regime == Regime.HYP ? 2 : 1;
        long pa;
        try {
            pa = cpu.mmu.translate((int) address, access, cpu.mmu.microTlb(pl));
        } catch (MmuFault real) {
            if (x.fault() == null) {
                fail("the MMU faults (" + real.getMessage() + ") but the explanation allows the access\n" + context);
            }
            assertSameFault(x.fault(), real, context);
            return;
        }
        if (x.fault() != null) {
            fail(String.format("the MMU translates to 0x%x but the explanation faults%n%s", pa, context));
        }
        assertEquals(x.output(), pa, context);
    }

    /** ATS1C{P,U}{R,W}: the PAR holds the IPA's page or the fault status (B4.1.?); stage 2 faults are thrown. */
    private void compareWithAts(Cpu cpu, Explanation x, int va, int access, boolean privileged, String context) {
        int key = 0x0780 | (privileged ? 0 : 2) | (access == Perm.WRITE ? 1 : 0);
        long par;
        try {
            par = cpu.mmu.addressTranslation(va, key);
        } catch (MmuFault real) {
            assertTrue(x.fault() != null && x.fault().isStage2(), "ATS threw " + real.getMessage() + "\n" + context);
            assertSameFault(x.fault(), real, context);
            return;
        }
        boolean longPar = x.registers().longFormat();
        if (x.fault() != null) {
            assertEquals(1, par & 1, "PAR.F\n" + context);
            int status = longPar ? (int) (par >>> 1) & 0x3F : (int) (par >>> 1) & 0x1F;
            assertEquals(longPar ? x.fault().longStatus() : x.fault().shortStatus(), status, "PAR status\n" + context);
            return;
        }
        assertEquals(0, par & 1, "PAR.F\n" + context);
        long ipa = x.output();
        if (!longPar && (par & 2) != 0) {   // supersection: PA[39:32] in PAR[23:16]
            assertEquals((ipa & 0xFF00_0000L) | (ipa >>> 32 & 0xFF) << 16, par & 0xFFFF_0000L, context);
        } else {
            assertEquals(ipa & (longPar ? 0xFF_FFFF_F000L : 0xFFFF_F000L), par & (longPar ? 0xFF_FFFF_F000L
                    : 0xFFFF_F000L), "PAR address\n" + context);
        }
    }

    private static void assertSameFault(MmuFault expected, MmuFault real, String context) {
        String message = "explained " + expected.getMessage() + ", real " + real.getMessage() + "\n" + context;
        assertEquals(expected.type, real.type, message);
        assertEquals(expected.stage, real.stage, message);
        assertEquals(expected.level, real.level, message);
        assertEquals(expected.s1ptw, real.s1ptw, message);
        assertEquals(expected.fsr(), real.fsr(), message);
        assertEquals(expected.longStatus(), real.longStatus(), message);
        if (real.isStage2()) {
            assertEquals(expected.ipa, real.ipa, message);
        }
    }

    // ---- the steps, checked against the indexing rules ---------------------------------------

    /**
     * Every stage 1 read is at the address its stage's start table (or previous descriptor) and
     * the input address give; every stage 2 walk that translates a stage 1 table address ends
     * where that table read then happened; a translation's output is its leaf's address plus the
     * input's offset in the block.
     */
    private static void checkSteps(Explanation x, String context) {
        List<WalkEvent> steps = x.steps();
        long stage1Output = x.input();         // flat unless a stage 1 leaf says otherwise
        long s1Next = -1;                      // where the next stage 1 read must be
        WalkEvent.Start s1Start = null;
        int s1Level = 0;
        for (int i = 0; i < steps.size(); i++) {
            WalkEvent e = steps.get(i);
            if (e instanceof WalkEvent.Start s) {
                assertEquals(startTable(x.registers(), s), s.table(), "start table\n" + context);
            }
            if (e instanceof WalkEvent.Start s && s.stage() == 1) {
                assertEquals(x.input(), s.input(), context);
                s1Start = s;
                s1Level = s.level();
                s1Next = entryAddress(s.table(), x.input(), s.level(), s.level(), s.inputBits(),
                        isShortStart(x.registers(), s));
            } else if (e instanceof WalkEvent.Start s2) {
                // A stage 2 walk: of the next stage 1 table read's IPA, or of the final IPA.
                int end = i + 1;
                while (end < steps.size() && steps.get(end) instanceof WalkEvent.Read r && r.stage() == 2) {
                    end++;
                }
                WalkEvent.Read next = end < steps.size() && steps.get(end) instanceof WalkEvent.Read r ? r : null;
                // The IPA it translates: the next stage 1 table read's, the one a stage 2 fault
                // reports, or the final one; if the walk stopped or failed at that table's PA,
                // nothing else names it.
                long in = next != null ? next.address()
                        : x.fault() != null && x.fault().isStage2() ? x.fault().ipa
                        : x.translation() == null ? s2.input()
                        : x.regime() == Regime.STAGE2 ? x.input() : stage1Output;
                assertEquals(in, s2.input(), "stage 2 translates the wrong IPA\n" + context);
                long out = checkLongWalk(steps.subList(i + 1, end), s2, in, context);
                if (next != null && out >= 0) {
                    assertEquals(out, next.pa(), "stage 1 table read not where stage 2 put it\n" + context);
                }
                if (x.translation() != null && next == null && out >= 0) {
                    assertEquals(out, x.output(), "output is not where stage 2 mapped the IPA\n" + context);
                }
                i = end - 1;
            } else if (e instanceof WalkEvent.Read r && r.stage() == 1) {
                assertEquals(s1Next, r.address(), "stage 1 level " + r.level() + " read\n" + context);
                assertEquals(s1Level, r.level(), context);
                boolean shortFormat = !r.wide();
                if (r.kind() == DescriptorKind.TABLE) {
                    long next = shortFormat ? r.descriptor() & 0xFFFF_FC00L : r.descriptor() & 0xFF_FFFF_F000L;
                    s1Level++;
                    s1Next = entryAddress(next, x.input(), s1Level, s1Start.level(), s1Start.inputBits(),
                            shortFormat);
                } else if (r.kind().isLeaf()) {
                    stage1Output = leafOutput(r, x.input());
                }
            }
        }
        if (x.translation() != null && x.regime() != Regime.STAGE2 && x.translation().stage1On) {
            long expected = x.regime() == Regime.PL10_STAGE1 || !x.translation().stage2On ? stage1Output : -2;
            if (expected != -2) {
                assertEquals(expected, x.output(), "output is not the stage 1 leaf's\n" + context);
            }
        }
    }

    /**
     * The start table a base register names: short format TTBR0 bits 31:14-N, TTBR1 bits 31:14
     * (B4.1.154); long format BADDR[39:x], the table aligned to its own size, 8-byte entries
     * indexed by the input bits above the start level's block size (B4.1.155, B4.1.159, B3.6.6).
     */
    private static long startTable(TranslationRegisters r, WalkEvent.Start s) {
        if (isShortStart(r, s)) {
            int n = r.ttbcr() & 7;
            return s.register().equals("TTBR0") ? r.ttbr0() & 0xFFFF_FFFFL & -(1L << (14 - n))
                    : r.ttbr1() & 0xFFFF_C000L;
        }
        long base = switch (s.register()) {
            case "TTBR0" -> r.ttbr0();
            case "TTBR1" -> r.ttbr1();
            case "HTTBR" -> r.httbr();
            default -> r.vttbr();
        };
        int size = Math.max(3, s.inputBits() - (39 - 9 * s.level()) + 3);
        return base & 0xFF_FFFF_FFFFL & -(1L << size);
    }

    private static boolean isShortStart(TranslationRegisters r, WalkEvent.Start s) {
        return s.stage() == 1 && !s.register().equals("HTTBR") && !r.longFormat();
    }

    /** Checks one long-descriptor walk's reads; returns its output, or -1 if it did not map. */
    private static long checkLongWalk(List<WalkEvent> reads, WalkEvent.Start s, long in, String context) {
        long next = entryAddress(s.table(), in, s.level(), s.level(), s.inputBits(), false);
        int level = s.level();
        long out = -1;
        for (WalkEvent e : reads) {
            WalkEvent.Read r = (WalkEvent.Read) e;
            assertEquals(next, r.address(), "stage 2 level " + r.level() + " read for IPA 0x"
                    + Long.toHexString(in) + "\n" + context);
            assertEquals(level, r.level(), context);
            if (r.kind() == DescriptorKind.TABLE) {
                level++;
                next = entryAddress(r.descriptor() & 0xFF_FFFF_F000L, in, level, s.level(), s.inputBits(), false);
            } else if (r.kind().isLeaf()) {
                out = leafOutput(r, in);
            }
        }
        return out;
    }

    /**
     * Where the entry for {@code in} is in the table at {@code table}, at {@code level}:
     * short format (B3.5.5) 4-byte entries indexed by VA[31-N:20] at level 1 and VA[19:12] at
     * level 2; long format (B3.6.6) 8-byte entries indexed by the nine bits above the level's
     * block size, or at the start level by all the input bits above it.
     */
    static long entryAddress(long table, long in, int level, int startLevel, int inputBits, boolean shortFormat) {
        if (shortFormat) {
            return level == 1 ? table + (((in >>> 20) & ((1L << (inputBits - 20)) - 1)) << 2)
                    : table + (((in >>> 12) & 0xFF) << 2);
        }
        int shift = 39 - 9 * level;
        int bits = level == startLevel ? inputBits - shift : 9;
        return table + (((in >>> shift) & ((1L << bits) - 1)) << 3);
    }

    /** The output address of {@code in} through a leaf descriptor. */
    static long leafOutput(WalkEvent.Read r, long in) {
        long d = r.descriptor();
        if (r.wide()) {
            long size = 1L << (39 - 9 * r.level());
            return (d & 0xFF_FFFF_F000L & ~(size - 1)) | (in & (size - 1));
        }
        return switch (r.kind()) {
            case SECTION -> (d & 0xFFF0_0000L) | (in & 0xF_FFFF);
            case SUPERSECTION -> (d & 0xFF00_0000L) | ((d >>> 20) & 0xF) << 32 | ((d >>> 5) & 0xF) << 36
                    | (in & 0xFF_FFFF);
            case LARGE_PAGE -> (d & 0xFFFF_0000L) | (in & 0xFFFF);
            default -> (d & 0xFFFF_F000L) | (in & 0xFFF);
        };
    }

    // ---- random tables and registers --------------------------------------------------------

    /** Fills the pool with random descriptors: mostly valid ones pointing back into the pool. */
    private void fillPool() {
        for (long a = POOL; a < POOL + POOL_SIZE; a += 8) {
            // Either one long descriptor or two short ones, so that both formats find tables.
            long d = rnd.nextBoolean() ? randomLong() : (randomShort() & 0xFFFF_FFFFL)
                    | (randomShort() & 0xFFFF_FFFFL) << 32;
            bus.write32(a, (int) d);
            bus.write32(a + 4, (int) (d >>> 32));
        }
    }

    /** A 64-bit descriptor: a table into the pool, or a block/page anywhere, or invalid. */
    private long randomLong() {
        long d = rnd.nextLong() & ~0xFF_FFFF_F000L;   // random attribute bits
        int pick = rnd.nextInt(10);
        if (pick == 0) {
            return d & ~1L;                                      // invalid
        }
        long target = pick < 5 ? POOL + (rnd.nextLong(POOL_SIZE) & ~0xFFFL) : randomOutput();
        d = (d & ~3L) | (rnd.nextInt(3) == 0 ? 1 : 3);           // block / table or page
        if (rnd.nextInt(5) != 0) {
            d |= 1 << 10;                                        // AF mostly set
        }
        return d | (target & 0xFF_FFFF_F000L);
    }

    /** A 32-bit short-format descriptor of any kind. */
    private int randomShort() {
        int d = rnd.nextInt();
        int pick = rnd.nextInt(10);
        if (pick == 0) {
            return d & ~3;
        }
        long target = pick < 5 ? POOL + (rnd.nextLong(POOL_SIZE) & ~0x3FFL) : randomOutput();
        return (d & 0x3FF) | (int) (target & 0xFFFF_FC00L) | (pick < 5 ? 0 : (d & 0xC00));
    }

    /** An output address: mostly RAM, sometimes the device or unassigned space or above 4 GiB. */
    private long randomOutput() {
        return switch (rnd.nextInt(10)) {
            case 0 -> DEVICE + rnd.nextInt((int) DEVICE_SIZE);
            case 1 -> rnd.nextLong(1L << 40);
            case 2 -> rnd.nextLong(1L << 32);
            default -> POOL + rnd.nextLong(RAM_SIZE);
        };
    }

    private long poolTable(int alignLog2) {
        return POOL + (rnd.nextLong(POOL_SIZE) & -(1L << alignLog2));
    }

    private void configure(SystemRegisters sys, Setup setup) {
        boolean lpae = setup == Setup.LPAE || setup == Setup.LPAE_STAGE2;
        boolean stage2 = setup == Setup.SHORT_STAGE2 || setup == Setup.LPAE_STAGE2 || setup == Setup.STAGE2_ONLY;
        // SCTLR: M, and at random AFE, TRE, WXN, UWXN, EE (big-endian table walks).
        sys.sctlr = (setup == Setup.STAGE2_ONLY || setup == Setup.HYP ? 0 : 1) | (rnd.nextInt() & (1 << 29 | 1 << 28
                | 1 << 19 | 1 << 20 | (rnd.nextInt(4) == 0 ? 1 << 25 : 0)));
        sys.dacr = rnd.nextInt();
        sys.prrr = rnd.nextInt();
        sys.nmrr = rnd.nextInt();
        sys.contextidr = rnd.nextInt();
        if (lpae) {
            int t0 = rnd.nextInt(8), t1 = rnd.nextInt(8);
            sys.ttbcr = 1 << 31 | t0 | t1 << 16 | (rnd.nextInt(8) == 0 ? 1 << 7 : 0)
                    | (rnd.nextInt(8) == 0 ? 1 << 23 : 0) | (rnd.nextBoolean() ? 1 << 22 : 0);
            sys.ttbr0 = poolTable(12) | (rnd.nextInt(0x1000) & ~7) | (long) rnd.nextInt(256) << 48;
            sys.ttbr1 = poolTable(12) | (rnd.nextInt(0x1000) & ~7) | (long) rnd.nextInt(256) << 48;
        } else {
            sys.ttbcr = rnd.nextInt(8) | (rnd.nextInt(10) == 0 ? 1 << 4 : 0) | (rnd.nextInt(10) == 0 ? 1 << 5 : 0);
            sys.ttbr0 = poolTable(14) | rnd.nextInt(0x80);
            sys.ttbr1 = poolTable(14) | rnd.nextInt(0x80);
        }
        sys.hcr = stage2 ? 1 | (rnd.nextInt(4) == 0 ? 1 << 2 : 0) : 0;
        if (rnd.nextInt(20) == 0 && setup != Setup.HYP) {
            sys.hcr |= rnd.nextBoolean() ? 1 << 12 : 1 << 27;   // DC or TGE: stage 1 behaves as off
        }
        // VTCR: T0SZ as a signed 4-bit value with the SL0 that suits it, now and then a bad one.
        int t0sz = rnd.nextInt(9) - 8 + rnd.nextInt(8);
        int sl0 = t0sz < 0 ? 1 : rnd.nextInt(2);
        if (rnd.nextInt(30) == 0) {
            sl0 = 2 + rnd.nextInt(2);
        }
        sys.vtcr = (t0sz & 0xF) | sl0 << 6 | 1 << 31;
        sys.vttbr = poolTable(16) | (rnd.nextInt(4) == 0 ? rnd.nextInt(0x1000) & ~7 : 0)
                | (long) rnd.nextInt(256) << 48;
        if (stage2) {
            int level = sl0 == 1 ? 1 : 2;
            identityStage2(sys.vttbr & 0xFF_FFFF_FFFFL & -(1L << Math.max(3, 32 - t0sz - (39 - 9 * level) + 3)),
                    32 - t0sz, level);
        }
        sys.hsctlr = (setup == Setup.HYP ? 1 : 0) | (rnd.nextInt(4) == 0 ? 1 << 19 : 0)
                | (rnd.nextInt(4) == 0 ? 1 << 25 : 0);
        sys.htcr = rnd.nextInt(8);
        sys.httbr = poolTable(12) | (rnd.nextInt(0x1000) & ~7);
        sys.hmair0 = rnd.nextInt();
        sys.hmair1 = rnd.nextInt();
    }

    /**
     * A stage 2 that maps something: random tables rarely let a stage 1 walk through, so most of
     * the start table's entries become identity blocks (IPA = PA) with random attributes; the rest
     * stay random (tables, other blocks, invalid).
     */
    private void identityStage2(long table, int inputBits, int startLevel) {
        int shift = 39 - 9 * startLevel;
        long entries = inputBits > shift ? Math.min(1L << (inputBits - shift), 8192) : 0;
        for (long i = 0; i < entries; i++) {
            if (rnd.nextInt(10) < 7 && table + 8 * i < POOL + POOL_SIZE) {
                long attributes = (rnd.nextInt(8) == 0 ? 0 : 0xFL << 2)     // MemAttr: Device or Normal WB
                        | (long) (rnd.nextInt(6) == 0 ? rnd.nextInt(4) : 3) << 6   // S2AP mostly RW
                        | 1 << 10 | (rnd.nextInt(6) == 0 ? 1L << 54 : 0);          // AF, sometimes XN
                long d = i << shift | attributes | 1;
                bus.write32(table + 8 * i, (int) d);
                bus.write32(table + 8 * i + 4, (int) (d >>> 32));
            }
        }
    }

    private long poolHash() {
        long h = 0;
        for (long a = POOL; a < POOL + POOL_SIZE; a += 4) {
            h = h * 31 + bus.read32(a);
        }
        return h;
    }
}
