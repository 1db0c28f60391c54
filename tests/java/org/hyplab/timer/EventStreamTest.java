package org.hyplab.timer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Event-stream triggers (ARM ARM B8.1.4): counter bit EVNTI changing 0→1 (EVNTDIR = 0) or 1→0
 * (EVNTDIR = 1). Bit n rises at counts 2^n, 3·2^n, 5·2^n, ... and falls at 2^(n+1), 2·2^(n+1), ...
 */
class EventStreamTest {

    private static int control(int evnti, boolean oneToZero) {
        return EventStream.EVNTEN | (oneToZero ? EventStream.EVNTDIR : 0) | evnti << EventStream.EVNTI_SHIFT;
    }

    @Test
    void aDisabledStreamNeverFires() {
        int noEnable = 4 << EventStream.EVNTI_SHIFT;
        assertEquals(0, EventStream.countsToNext(noEnable, 0));
        assertFalse(EventStream.occursBetween(noEnable, 0, 1_000_000));
    }

    @Test
    void bitZeroRisesAtEveryOddCount() {
        int c = control(0, false);
        assertEquals(1, EventStream.countsToNext(c, 0));   // count 1
        assertEquals(2, EventStream.countsToNext(c, 1));   // count 3
        assertEquals(1, EventStream.countsToNext(c, 2));
        assertFalse(EventStream.occursBetween(c, 1, 2));
        assertTrue(EventStream.occursBetween(c, 1, 3));
        assertFalse(EventStream.occursBetween(c, 5, 5), "an empty interval holds no event");
    }

    @Test
    void bitFourRisesAt16Mod32AndFallsAt0Mod32() {
        int rise = control(4, false);
        assertEquals(16, EventStream.countsToNext(rise, 0));
        assertEquals(32, EventStream.countsToNext(rise, 16));   // 48
        assertEquals(31, EventStream.countsToNext(rise, 17));   // 48
        assertTrue(EventStream.occursBetween(rise, 15, 16));
        assertFalse(EventStream.occursBetween(rise, 16, 47), "16 itself is before the interval");
        assertTrue(EventStream.occursBetween(rise, 16, 48));

        int fall = control(4, true);
        assertEquals(32, EventStream.countsToNext(fall, 0));
        assertEquals(1, EventStream.countsToNext(fall, 31));
        assertFalse(EventStream.occursBetween(fall, 0, 31));
        assertTrue(EventStream.occursBetween(fall, 0, 32));
    }

    @Test
    void bitFifteenIsTheSlowestTrigger() {
        int c = control(15, false);
        assertEquals(32_768, EventStream.countsToNext(c, 0));
        assertEquals(65_536, EventStream.countsToNext(c, 32_768));
    }

    @Test
    void theCounterWrapsAt2To64() {
        int fall = control(4, true);
        // From 2^64 - 1 to 0: bit 4 goes 1 -> 0 at the wrap (0 ≡ 0 mod 32), and does not rise.
        assertTrue(EventStream.occursBetween(fall, -1L, 0));
        assertEquals(1, EventStream.countsToNext(fall, -1L));
        assertFalse(EventStream.occursBetween(control(4, false), -1L, 0));
        assertEquals(17, EventStream.countsToNext(control(4, false), -1L));
    }
}
