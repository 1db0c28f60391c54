package org.hyplab.dev.exynos;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hyplab.irq.InterruptLine;
import org.junit.jupiter.api.Test;

/**
 * The MCT against machine time (BOARDS.md §3.5). At 24 MHz one count is 125/3 cycles of the
 * 1 GHz machine clock: the count at cycle c is floor(3c/125), and count n is first reached at
 * cycle ceil(125n/3).
 */
class MctTest {

    private long now;
    private final boolean[] local = new boolean[2];
    private final boolean[] global = new boolean[4];
    private final Mct mct = new Mct("mct", () -> now,
            new InterruptLine[] {l -> local[0] = l, l -> local[1] = l},
            new InterruptLine[] {l -> global[0] = l, l -> global[1] = l, l -> global[2] = l, l -> global[3] = l});

    private int rd(int off) {
        return mct.read(off, 4);
    }

    private void wr(int off, int v) {
        mct.write(off, 4, v);
    }

    private static long cycleOf(long count) {
        return (125 * count + 2) / 3;
    }

    private void at(long cycle) {
        now = cycle;
        mct.update();
    }

    @Test
    void theFreeRunningCounterCountsOnlyWhileStarted() {
        now = 100_000;
        assertEquals(0, rd(Mct.G_CNT_L));
        wr(Mct.G_TCON, Mct.G_TCON_TIMER_EN);
        assertEquals(Mct.G_WSTAT_TCON, rd(Mct.G_WSTAT), "the write-status handshake");
        wr(Mct.G_WSTAT, Mct.G_WSTAT_TCON);
        assertEquals(0, rd(Mct.G_WSTAT));
        now = 100_000 + 1_000_000;          // one millisecond: 24 000 counts
        assertEquals(24_000, rd(Mct.G_CNT_L));
        assertEquals(0, rd(Mct.G_CNT_U));
        wr(Mct.G_TCON, 0);
        now += 5_000_000;
        assertEquals(24_000, rd(Mct.G_CNT_L), "stopped");
    }

    @Test
    void theCounterIsWritableWith64Bits() {
        wr(Mct.G_CNT_L, 0xFFFF_FFF0);
        wr(Mct.G_CNT_U, 1);
        assertEquals(3, rd(Mct.G_CNT_WSTAT));
        wr(Mct.G_CNT_WSTAT, 1);
        assertEquals(2, rd(Mct.G_CNT_WSTAT));
        wr(Mct.G_TCON, Mct.G_TCON_TIMER_EN);
        now = cycleOf(0x20);                // 0x20 counts later the low word has wrapped
        assertEquals(0x10, rd(Mct.G_CNT_L));
        assertEquals(2, rd(Mct.G_CNT_U));
    }

    @Test
    void comparatorZeroFiresAtItsExactCycleAndAutoIncrements() {
        wr(Mct.G_COMP0_L, 1000);
        wr(Mct.G_COMP0_L + 4, 0);
        wr(Mct.G_COMP0_L + 8, 500);
        assertEquals(0x7, rd(Mct.G_WSTAT));
        wr(Mct.G_INT_ENB, 1);
        wr(Mct.G_TCON, Mct.G_TCON_TIMER_EN | 0x3);  // FRC on, COMP0 enabled with auto-increment
        assertEquals(cycleOf(1000), mct.nextEventCycle());
        assertEquals(41_667, cycleOf(1000));
        at(41_666);
        assertFalse(global[0]);
        at(41_667);
        assertTrue(global[0]);
        assertEquals(1, rd(Mct.G_INT_CSTAT));
        assertEquals(1500, rd(Mct.G_COMP0_L), "the comparator moved on by ADD_INCR");
        assertEquals(Long.MAX_VALUE, mct.nextEventCycle(), "the line is already high");
        wr(Mct.G_INT_CSTAT, 1);
        assertFalse(global[0]);
        assertEquals(cycleOf(1500), mct.nextEventCycle());
        at(cycleOf(3100));                  // three more matches (1500, 2000, 2500, 3000) in one step
        assertTrue(global[0]);
        assertEquals(3500, rd(Mct.G_COMP0_L));
    }

    @Test
    void aComparatorAtOrBelowTheCounterDoesNotFire() {
        wr(Mct.G_TCON, Mct.G_TCON_TIMER_EN);
        now = cycleOf(2000);
        wr(Mct.G_COMP0_L + 0x10, 2000);     // comparator 1 = the counter now
        wr(Mct.G_INT_ENB, 2);
        wr(Mct.G_TCON, Mct.G_TCON_TIMER_EN | 0x4);
        at(cycleOf(10_000));
        assertEquals(0, rd(Mct.G_INT_CSTAT));
        assertFalse(global[1]);
    }

    @Test
    void localTimerInIntervalModeAsLinuxProgramsIt() {
        // exynos4_mct_tick_start: TCNTB = 1 (TICK_BASE_CNT), ICNTB = cycles | update bit,
        // INT_ENB = 1, TCON |= start | int start | interval.
        wr(Mct.L_BASE + Mct.L_TCNTB, 1);
        wr(Mct.L_BASE + Mct.L_ICNTB, 0x8000_0000 | 9);
        wr(Mct.L_BASE + Mct.L_INT_ENB, 1);
        wr(Mct.L_BASE + Mct.L_TCON, 7);
        assertEquals(0xB, rd(Mct.L_BASE + Mct.L_WSTAT), "TCNTB, ICNTB and TCON written");
        assertEquals(9, rd(Mct.L_BASE + Mct.L_ICNTB), "the update bit is not kept");
        // (TCNTB + 1)·(ICNTB + 1) = 20 counts per interrupt
        assertEquals(cycleOf(20), mct.nextEventCycle());
        now = cycleOf(5);
        assertEquals(0, rd(Mct.L_BASE + Mct.L_TCNTO));
        assertEquals(7, rd(Mct.L_BASE + Mct.L_ICNTO));
        at(cycleOf(20) - 1);
        assertFalse(local[0]);
        at(cycleOf(20));
        assertTrue(local[0]);
        assertFalse(local[1], "the other CPU's timer is idle");
        assertEquals(1, rd(Mct.L_BASE + Mct.L_INT_CSTAT));
        assertEquals(9, rd(Mct.L_BASE + Mct.L_ICNTO), "reloaded");
        wr(Mct.L_BASE + Mct.L_INT_CSTAT, 1);
        assertFalse(local[0]);
        assertEquals(cycleOf(40), mct.nextEventCycle());
        wr(Mct.L_BASE + Mct.L_WSTAT, 0xB);
        assertEquals(0, rd(Mct.L_BASE + Mct.L_WSTAT));
    }

    @Test
    void withoutIntervalModeTheLocalTimerFiresOnce() {
        int l1 = Mct.L_BASE + 0x100;
        wr(l1 + Mct.L_TCNTB, 3);
        wr(l1 + Mct.L_ICNTB, 4);
        wr(l1 + Mct.L_INT_ENB, 1);
        wr(l1 + Mct.L_TCON, 3);             // start, int start: the counters load from the buffers
        assertEquals(cycleOf(20), mct.nextEventCycle());
        at(cycleOf(20));
        assertTrue(local[1]);
        wr(l1 + Mct.L_INT_CSTAT, 1);
        assertFalse(local[1]);
        assertEquals(Long.MAX_VALUE, mct.nextEventCycle());
        at(cycleOf(1000));
        assertFalse(local[1]);
        assertEquals(0, rd(l1 + Mct.L_ICNTO));
    }

    @Test
    void stoppingTheTickCounterFreezesBothCounters() {
        wr(Mct.L_BASE + Mct.L_TCNTB, 9);
        wr(Mct.L_BASE + Mct.L_ICNTB, 0x8000_0000 | 99);
        wr(Mct.L_BASE + Mct.L_TCON, 7);
        now = cycleOf(25);                  // 2 expiries (at 10 and 20), 5 clocks into the third tick
        assertEquals(4, rd(Mct.L_BASE + Mct.L_TCNTO));
        assertEquals(97, rd(Mct.L_BASE + Mct.L_ICNTO));
        wr(Mct.L_BASE + Mct.L_TCON, 4);
        now = cycleOf(500);
        assertEquals(4, rd(Mct.L_BASE + Mct.L_TCNTO));
        assertEquals(97, rd(Mct.L_BASE + Mct.L_ICNTO));
    }

    @Test
    void theLocalFreeRunningCounterCountsDownAndReloads() {
        wr(Mct.L_BASE + Mct.L_FRCNTB, 100);
        wr(Mct.L_BASE + Mct.L_INT_ENB, 2);
        wr(Mct.L_BASE + Mct.L_TCON, Mct.L_TCON_FRC_START);
        assertEquals(0xC, rd(Mct.L_BASE + Mct.L_WSTAT));
        now = cycleOf(30);
        assertEquals(70, rd(Mct.L_BASE + Mct.L_FRCNTO));
        assertEquals(cycleOf(100), mct.nextEventCycle());
        at(cycleOf(100));
        assertTrue(local[0]);
        assertEquals(2, rd(Mct.L_BASE + Mct.L_INT_CSTAT));
    }

    @Test
    void theConfigurationDividesTheClock() {
        wr(Mct.G_TCON, Mct.G_TCON_TIMER_EN);
        now = cycleOf(1000);
        wr(Mct.MCT_CFG, 0x101);             // prescaler 1 (÷2), divider 1 (÷2): 6 MHz
        assertEquals(0x101, rd(Mct.MCT_CFG));
        assertEquals(1000, rd(Mct.G_CNT_L));
        now = cycleOf(1000 + 4 * 250);
        assertEquals(1250, rd(Mct.G_CNT_L));
        now = cycleOf(1000 + 4 * 250) - 1;
        assertEquals(1249, rd(Mct.G_CNT_L));
    }

    @Test
    void nothingRunningMeansNoEvent() {
        assertEquals(Long.MAX_VALUE, mct.nextEventCycle());
        wr(Mct.G_TCON, Mct.G_TCON_TIMER_EN | 1);
        assertEquals(Long.MAX_VALUE, mct.nextEventCycle(), "comparator 0's interrupt is not enabled");
    }

    /** Every register of the global block and the two local timers. */
    private static int[] registers(Mct m) {
        int[] values = new int[0x500 / 4];
        for (int off = 0; off < 0x500; off += 4) {
            values[off / 4] = m.read(off, 4);
        }
        return values;
    }

    @Test
    void aBoardResetStopsEverythingAndTheClockCountsFromIt() {
        wr(Mct.MCT_CFG, 0x102);                        // divide by 3 · 2
        wr(Mct.G_COMP0_L, 100);
        wr(Mct.G_INT_ENB, 1);
        wr(Mct.G_TCON, Mct.G_TCON_TIMER_EN | 1);
        wr(Mct.L_BASE + Mct.L_TCNTB, 1);
        wr(Mct.L_BASE + Mct.L_ICNTB, 0x8000_0000 | 3);
        wr(Mct.L_BASE + Mct.L_INT_ENB, 1);
        wr(Mct.L_BASE + Mct.L_TCON, 7);
        at(cycleOf(6 * 1000));
        assertTrue(global[0]);
        assertTrue(local[0]);
        long t = cycleOf(12_345) + 17;                 // the reset, between two 24 MHz edges
        now = t;
        mct.reset();
        assertFalse(global[0], "the lines are driven low");
        assertFalse(local[0]);
        Mct fresh = new Mct("fresh", () -> now, new InterruptLine[] {l -> { }, l -> { }},
                new InterruptLine[] {l -> { }, l -> { }, l -> { }, l -> { }});
        assertArrayEquals(registers(fresh), registers(mct));
        assertEquals(Long.MAX_VALUE, mct.nextEventCycle(), "nothing runs");
        // The same start on both: the FRC and a local timer of 20 counts per interrupt.
        for (Mct m : new Mct[] {mct, fresh}) {
            m.write(Mct.G_TCON, 4, Mct.G_TCON_TIMER_EN);
            m.write(Mct.L_BASE + Mct.L_TCNTB, 4, 1);
            m.write(Mct.L_BASE + Mct.L_ICNTB, 4, 0x8000_0000 | 9);
            m.write(Mct.L_BASE + Mct.L_INT_ENB, 4, 1);
            m.write(Mct.L_BASE + Mct.L_TCON, 4, 7);
        }
        long start = 12_345;                           // the 24 MHz count at the reset
        assertEquals(cycleOf(start + 20), mct.nextEventCycle(), "20 counts at 24 MHz, undivided");
        assertEquals(fresh.nextEventCycle(), mct.nextEventCycle());
        now = cycleOf(start + 1000);
        assertEquals(1000, rd(Mct.G_CNT_L), "the FRC counted from 0 since the reset");
        assertEquals(fresh.read(Mct.G_CNT_L, 4), rd(Mct.G_CNT_L));
    }
}
