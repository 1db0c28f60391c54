package org.hyplab.timer;

import java.util.function.LongSupplier;

/**
 * The system counter of the Generic Timer (ARM ARM B8.1.1): one per machine, shared by every
 * CPU's {@link GenericTimer}. It never reads the wall clock: the machine owns time and hands in
 * the current cycle count, where the emulated Cortex-A15 retires one instruction per cycle at a
 * nominal 1 GHz (one instruction = 1 ns). The count is that time seen through a clock of the
 * board's frequency:
 *
 * <pre>count = floor(cycles * frequency / 1e9)</pre>
 *
 * computed exactly in integers. The ratio frequency/1e9 is kept as a fraction num/den reduced by
 * their gcd (62.5 MHz: 1/16; 24 MHz: 3/125), and the product is split as
 * {@code (cycles / den) * num + (cycles % den) * num / den} so no intermediate overflows for any
 * cycle count up to {@link Long#MAX_VALUE}.
 *
 * <p>{@link #cycleOfCount} goes the other way, so the machine can stop at the exact instruction
 * at which a count (a timer's CompareValue) is reached.
 */
public final class SystemCounter {

    /** The nominal instruction clock: one retired instruction per nanosecond. */
    public static final long CYCLES_PER_SECOND = 1_000_000_000L;

    /** QEMU's Cortex-A15 CNTFRQ out of reset on {@code vexpress-a15} (BOARDS.md §2.3). */
    public static final int VEXPRESS_HZ = 62_500_000;
    /** The Arndale's DT {@code clock-frequency} for the architected timer (BOARDS.md §3.3). */
    public static final int ARNDALE_HZ = 24_000_000;

    private final int frequency;
    private final long num;
    private final long den;
    private final LongSupplier cycles;

    /**
     * @param frequency the counter frequency in Hz, 1 to 1e9: a counter faster than the nominal
     *                  instruction clock would tick several times per instruction, which no board
     *                  here has (ARM recommends 1 to 50 MHz, B8.1.1)
     * @param cycles    the machine's current time in cycles (retired instructions), never negative
     */
    public SystemCounter(int frequency, LongSupplier cycles) {
        if (frequency <= 0 || frequency > CYCLES_PER_SECOND) {
            throw new IllegalArgumentException("counter frequency out of range: " + frequency);
        }
        long g = gcd(frequency, CYCLES_PER_SECOND);
        this.frequency = frequency;
        this.num = frequency / g;
        this.den = CYCLES_PER_SECOND / g;
        this.cycles = cycles;
    }

    private static long gcd(long a, long b) {
        while (b != 0) {
            long t = a % b;
            a = b;
            b = t;
        }
        return a;
    }

    /** The frequency in Hz, the reset value of every CPU's CNTFRQ. */
    public int frequency() {
        return frequency;
    }

    /** The current time in cycles, as the machine reports it. */
    public long now() {
        return cycles.getAsLong();
    }

    /** The physical count (CNTPCT) now. */
    public long count() {
        return countAt(cycles.getAsLong());
    }

    /** The physical count at a given cycle (0 ≤ cycle): floor(cycle * num / den), exact. */
    public long countAt(long cycle) {
        // (cycle % den) * num < den * num ≤ 1e9 * 1e9 < 2^63: the remainder product fits.
        return (cycle / den) * num + (cycle % den) * num / den;
    }

    /**
     * The earliest cycle at which the count is at least {@code count} (an unsigned 64-bit value):
     * ceil(count * den / num), or {@link Long#MAX_VALUE} when that cycle is beyond the range of a
     * {@code long}, meaning "never" for a machine that starts at cycle 0.
     */
    public long cycleOfCount(long count) {
        long q = Long.divideUnsigned(count, num);
        long r = Long.remainderUnsigned(count, num);
        // r * den < num * den ≤ 1e18: fits. ceil(r * den / num) ≤ den.
        long part = (r * den + num - 1) / num;
        if (q < 0 || q > (Long.MAX_VALUE - part) / den) {   // q < 0: an unsigned quotient ≥ 2^63
            return Long.MAX_VALUE;
        }
        return q * den + part;
    }
}
