package org.hyplab.timer;

/**
 * The Generic Timer event streams (ARM ARM B8.1.4): when enabled, a chosen bit of a counter
 * generates an event (as SEV does, waking WFE) each time it changes in a chosen direction.
 * CNTKCTL controls the stream from the virtual count CNTVCT, CNTHCTL the stream from the
 * physical count CNTPCT; both use the same fields:
 *
 * <pre>EVNTEN b2 (enable), EVNTDIR b3 (0: bit goes 0→1, 1: bit goes 1→0), EVNTI [7:4] (bit 0..15)</pre>
 *
 * Bit n goes 0→1 at each count ≡ 2^n (mod 2^(n+1)) and 1→0 at each count ≡ 0 (mod 2^(n+1)), so
 * the events are found arithmetically, without stepping through counts.
 */
public final class EventStream {

    public static final int EVNTEN = 1 << 2, EVNTDIR = 1 << 3, EVNTI_SHIFT = 4;

    private EventStream() {
    }

    public static boolean enabled(int control) {
        return (control & EVNTEN) != 0;
    }

    /** The count modulo 2^(n+1) at which the trigger bit makes the chosen transition. */
    private static long triggerResidue(int control) {
        int bit = (control >>> EVNTI_SHIFT) & 0xF;
        return (control & EVNTDIR) != 0 ? 0 : 1L << bit;
    }

    private static long period(int control) {
        return 2L << ((control >>> EVNTI_SHIFT) & 0xF);
    }

    /**
     * Counts from {@code count} to the next event: the smallest k ≥ 1 with count + k a trigger
     * count, or 0 when the stream is disabled.
     */
    public static long countsToNext(int control, long count) {
        if (!enabled(control)) {
            return 0;
        }
        long m = period(control);
        return ((triggerResidue(control) - count - 1) & (m - 1)) + 1;
    }

    /**
     * Whether an event occurs as the counter goes from {@code from} to {@code to}: at some count c
     * with from &lt; c ≤ to, counted modulo 2^64 ({@code to − from} is the distance travelled).
     */
    public static boolean occursBetween(int control, long from, long to) {
        long k = countsToNext(control, from);
        return k != 0 && Long.compareUnsigned(k, to - from) <= 0;
    }
}
