package org.hyplab.timer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * count = floor(cycles * f / 1e9) and its inverse, at the two board frequencies. The expected
 * numbers are worked out by hand or with exact (arbitrary-precision) arithmetic outside the code.
 */
class SystemCounterTest {

    private long now;
    private final SystemCounter vexpress = new SystemCounter(SystemCounter.VEXPRESS_HZ, () -> now);
    private final SystemCounter arndale = new SystemCounter(SystemCounter.ARNDALE_HZ, () -> now);

    @Test
    void vexpressCountsOncePerSixteenCycles() {
        // 62.5 MHz against 1 GHz: one tick per 16 ns.
        assertEquals(0, vexpress.countAt(0));
        assertEquals(0, vexpress.countAt(15));
        assertEquals(1, vexpress.countAt(16));
        assertEquals(1, vexpress.countAt(31));
        assertEquals(2, vexpress.countAt(32));
        assertEquals(62_500_000, vexpress.countAt(1_000_000_000));   // one emulated second
    }

    @Test
    void arndaleCountsThreeTimesPer125Cycles() {
        // 24 MHz = 3/125 ticks per ns: ticks at 41.67, 83.33, 125 ns.
        assertEquals(0, arndale.countAt(41));
        assertEquals(1, arndale.countAt(42));
        assertEquals(1, arndale.countAt(83));
        assertEquals(2, arndale.countAt(84));
        assertEquals(2, arndale.countAt(124));
        assertEquals(3, arndale.countAt(125));
        assertEquals(24_000_000, arndale.countAt(1_000_000_000));
    }

    @Test
    void largeCycleCountsDoNotOverflow() {
        // cycles * 3 overflows a long from 2^61.5 on; the exact values (Python integers):
        // 2^62 * 3 // 125 and (2^63 - 1) * 3 // 125.
        assertEquals(110_680_464_442_257_309L, arndale.countAt(1L << 62));
        assertEquals(221_360_928_884_514_619L, arndale.countAt(Long.MAX_VALUE));
        assertEquals(288_230_376_151_711_744L, vexpress.countAt(1L << 62));   // 2^58
        assertEquals(576_460_752_303_423_487L, vexpress.countAt(Long.MAX_VALUE));
    }

    @Test
    void countFollowsTheMachinesCycles() {
        now = 160;
        assertEquals(10, vexpress.count());
        assertEquals(160, vexpress.now());
        now = 1_000;
        assertEquals(24, arndale.count());   // floor(1000 * 3 / 125)
    }

    @Test
    void cycleOfCountIsTheFirstCycleThatReachesTheCount() {
        assertEquals(0, vexpress.cycleOfCount(0));
        assertEquals(16, vexpress.cycleOfCount(1));
        assertEquals(1_000_000_000, vexpress.cycleOfCount(62_500_000));
        assertEquals(42, arndale.cycleOfCount(1));    // ceil(125 / 3)
        assertEquals(84, arndale.cycleOfCount(2));    // ceil(250 / 3)
        assertEquals(125, arndale.cycleOfCount(3));
        // ceil(110680464442257309 * 125 / 3), exact.
        assertEquals(4_611_686_018_427_387_875L, arndale.cycleOfCount(110_680_464_442_257_309L));
    }

    @Test
    void cycleOfCountRoundsUpAndNotOneEarlier() {
        for (SystemCounter c : new SystemCounter[] {vexpress, arndale}) {
            for (long count = 1; count < 10_000; count += 7) {
                long t = c.cycleOfCount(count);
                assertEquals(true, c.countAt(t) >= count, "reached at " + t);
                assertEquals(true, c.countAt(t - 1) < count, "not yet at " + (t - 1));
            }
        }
    }

    @Test
    void countsBeyondTheLastCycleAreNever() {
        // The largest count a long cycle reaches at 24 MHz is (2^63-1)*3//125; one more needs
        // cycle 9223372036854775834 > 2^63 - 1.
        assertEquals(9_223_372_036_854_775_792L, arndale.cycleOfCount(221_360_928_884_514_619L));
        assertEquals(Long.MAX_VALUE, arndale.cycleOfCount(221_360_928_884_514_620L));
        assertEquals(Long.MAX_VALUE, arndale.cycleOfCount(-1L));                 // 2^64 - 1, unsigned
        assertEquals(Long.MAX_VALUE, vexpress.cycleOfCount(Long.MIN_VALUE));     // 2^63
        assertEquals(Long.MAX_VALUE, vexpress.cycleOfCount(576_460_752_303_423_488L));
    }

    @Test
    void frequencyMustBeBetweenOneHertzAndTheInstructionClock() {
        assertThrows(IllegalArgumentException.class, () -> new SystemCounter(0, () -> 0));
        assertThrows(IllegalArgumentException.class, () -> new SystemCounter(1_000_000_001, () -> 0));
        SystemCounter oneGhz = new SystemCounter(1_000_000_000, () -> 0);
        assertEquals(12_345, oneGhz.countAt(12_345));
        assertEquals(12_345, oneGhz.cycleOfCount(12_345));
    }
}
