package org.hyplab.dev;

import java.util.function.LongSupplier;

import org.hyplab.irq.InterruptLine;
import org.hyplab.mem.MmioDevice;
import org.hyplab.timer.SystemCounter;

/**
 * ARM Dual-Timer Module SP804 (SP804 TRM DDI 0271; BOARDS.md §2.5): two 32/16-bit down-counters
 * at +0x00 and +0x20, clocked at 1 MHz (the V2M-P1's TIMCLK), whose interrupts are ORed into one
 * line (SPI 2 = ID 34 for the first SP804 of the vexpress).
 *
 * <p>A counter is not ticked: each timer remembers the value it had at a 1 MHz count (its base)
 * and computes its Value from the machine's time when read. With prescale p, the counter
 * decrements at every p-th edge of the 1 MHz clock after its base. It counts Value, ..., 1, 0;
 * reaching 0 raises the interrupt (RIS); on the next tick a periodic timer reloads Load and a
 * free-running one wraps to 0xFFFF or 0xFFFFFFFF, so a period is Load + 1 ticks; a one-shot timer
 * stops at 0. Writing Load loads the counter at once (restarting a stopped one-shot timer);
 * writing 0 raises the interrupt at once. BGLoad sets the reload value only. Control changes
 * keep the count. {@code tests/arm/vexpress/QEMU-DIFFERENCES.md} lists where QEMU 7.2 does
 * otherwise.
 *
 * <p>A board reset stops both timers and restores their reset values (TRM): a timer is disabled
 * out of reset, so its prescaler and count start from the first enable after it, as on a timer
 * just powered on. QEMU 7.2 has no reset for the SP804: its timers keep running over a
 * SYS_CFGCTRL reboot.
 */
public final class Sp804 implements MmioDevice, TimedDevice, Resettable {

    static final int LOAD = 0x00, VALUE = 0x04, CONTROL = 0x08, INTCLR = 0x0C, RIS = 0x10, MIS = 0x14,
            BGLOAD = 0x18;
    static final int CTRL_ONESHOT = 1, CTRL_32BIT = 1 << 1, CTRL_INTENABLE = 1 << 5, CTRL_PERIODIC = 1 << 6,
            CTRL_ENABLE = 1 << 7;
    /** TIMCLK of the V2M-P1 (BOARDS.md §2.5). */
    static final int CLOCK_HZ = 1_000_000;
    /** TimerPeriphID0-3, TimerPCellID0-3 at 0xFE0-0xFFC. */
    private static final int[] ID = {0x04, 0x18, 0x14, 0x00, 0x0D, 0xF0, 0x05, 0xB1};
    private static final long NONE = -1;

    private final String name;
    private final LongSupplier now;
    private final InterruptLine irq;
    private final SystemCounter clock;
    private final Timer[] timers = new Timer[2];
    private boolean level;

    /**
     * @param now the machine's time in cycles of the nominal 1 GHz clock
     * @param irq the combined interrupt of both timers (TIMINTC)
     */
    public Sp804(String name, LongSupplier now, InterruptLine irq) {
        this.name = name;
        this.now = now;
        this.irq = irq;
        this.clock = new SystemCounter(CLOCK_HZ, now);
        reset();
    }

    /** Power-on and board reset alike: both timers as out of reset, the line low. */
    @Override
    public void reset() {
        timers[0] = new Timer();
        timers[1] = new Timer();
        drive();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int read(long offset, int size) {
        int off = (int) offset;
        if (off >= 0xFE0 && off <= 0xFFC && (off & 3) == 0) {
            return ID[(off - 0xFE0) / 4];
        }
        if (off < 0x40) {
            Timer t = timers[off >> 5];
            long c = clock.countAt(now.getAsLong());
            t.catchUp(c);
            drive();
            return switch (off & 0x1F) {
                case LOAD, BGLOAD -> t.load;
                case VALUE -> (int) t.valueAt(c);
                case CONTROL -> t.control;
                case RIS -> t.ris ? 1 : 0;
                case MIS -> t.masked() ? 1 : 0;
                default -> 0;   // IntClr is write-only
            };
        }
        return 0;   // integration test registers (0xF00, 0xF04) and reserved space: not modelled
    }

    @Override
    public void write(long offset, int size, int value) {
        int off = (int) offset;
        if (off >= 0x40) {
            return;
        }
        Timer t = timers[off >> 5];
        long c = clock.countAt(now.getAsLong());
        t.catchUp(c);
        switch (off & 0x1F) {
            case LOAD -> t.writeLoad(c, value);
            case CONTROL -> t.writeControl(c, value & 0xFF);
            case INTCLR -> t.ris = false;
            case BGLOAD -> t.writeBackgroundLoad(c, value);
            default -> { }   // Value, RIS and MIS are read-only
        }
        t.catchUp(c);   // Load 0 raises the interrupt at once
        drive();
    }

    /**
     * The cycle of the next zero of a timer whose interrupt is enabled and not yet raised. A cycle
     * not after now means a zero nobody has looked at since: {@link #update()} raises it.
     */
    @Override
    public long nextEventCycle() {
        long next = Long.MAX_VALUE;
        for (Timer t : timers) {
            long count = t.nextInterruptCount();
            if (count != NONE) {
                next = Math.min(next, clock.cycleOfCount(count));
            }
        }
        return next;
    }

    @Override
    public void update() {
        long c = clock.countAt(now.getAsLong());
        for (Timer t : timers) {
            t.catchUp(c);
        }
        drive();
    }

    private void drive() {
        boolean high = timers[0].masked() || timers[1].masked();
        if (high != level) {
            level = high;
            irq.set(high);
        }
    }

    /** One of the two counters. Counts are of the 1 MHz clock; ticks are prescaled counts. */
    private static final class Timer {
        int load;
        int control = CTRL_INTENABLE;   // reset 0x20 (SP804 TRM, BOARDS.md §2.5)
        boolean ris;
        /** The counter's value at 1 MHz count baseCount; while disabled, its value. */
        long baseValue = 0xFFFF_FFFFL;   // TRM reset value of TimerXValue
        long baseCount;
        /** Whether the counter reached 0 at its base (Load written with 0) and has not yet said so. */
        boolean zeroAtBase;
        /** The tick, counted from the base, at which the counter next reaches 0; NONE if never. */
        long nextZeroTick = NONE;

        boolean enabled() {
            return (control & CTRL_ENABLE) != 0;
        }

        boolean oneShot() {
            return (control & CTRL_ONESHOT) != 0;
        }

        boolean masked() {
            return ris && (control & CTRL_INTENABLE) != 0;
        }

        long top() {
            return (control & CTRL_32BIT) != 0 ? 0xFFFF_FFFFL : 0xFFFFL;
        }

        /** Counts of the 1 MHz clock per tick: 1, 16 or 256; 3 (reserved) divides by 1 as on QEMU. */
        long prescale() {
            return switch ((control >> 2) & 3) {
                case 1 -> 16;
                case 2 -> 256;
                default -> 1;
            };
        }

        /** What the counter reloads after reaching 0: Load in periodic mode, else its maximum. */
        long reload() {
            return (control & CTRL_PERIODIC) != 0 ? Integer.toUnsignedLong(load) & top() : top();
        }

        long ticksAt(long count) {
            return (count - baseCount) / prescale();
        }

        long valueAt(long count) {
            if (!enabled()) {
                return baseValue;
            }
            long n = ticksAt(count);
            if (n <= baseValue) {
                return baseValue - n;
            }
            if (oneShot()) {
                return 0;
            }
            return reload() - (n - baseValue - 1) % (reload() + 1);
        }

        /** The first tick after tick {@code n} (n = -1: at or after the base) at which the counter is 0. */
        long zeroAfter(long n) {
            long period = reload() + 1;
            long first = baseValue > 0 || zeroAtBase ? baseValue : oneShot() ? NONE : period;
            if (first == NONE || first > n) {
                return first;
            }
            return oneShot() ? NONE : first + ((n - first) / period + 1) * period;
        }

        /** Latches a zero reached by count {@code c}; a one-shot counter stops there. */
        void catchUp(long c) {
            if (!enabled() || nextZeroTick == NONE || baseCount + nextZeroTick * prescale() > c) {
                return;
            }
            ris = true;
            zeroAtBase = false;
            if (oneShot()) {
                baseCount += nextZeroTick * prescale();
                baseValue = 0;
                nextZeroTick = NONE;
            } else {
                nextZeroTick = zeroAfter(ticksAt(c));
            }
        }

        /** The 1 MHz count at which an enabled interrupt next rises, or NONE. */
        long nextInterruptCount() {
            if (!enabled() || ris || (control & CTRL_INTENABLE) == 0 || nextZeroTick == NONE) {
                return NONE;
            }
            return baseCount + nextZeroTick * prescale();
        }

        /** Moves the base to the last tick before count c, keeping the prescaler's phase. */
        void rebase(long c) {
            if (enabled()) {
                long n = ticksAt(c);
                baseValue = valueAt(c);
                baseCount += n * prescale();
                zeroAtBase = false;   // a zero at this tick was latched by catchUp
            }
        }

        void writeLoad(long c, int value) {
            load = value;
            baseValue = Integer.toUnsignedLong(value) & top();
            baseCount = c;
            zeroAtBase = baseValue == 0;
            nextZeroTick = zeroAfter(-1);
        }

        void writeBackgroundLoad(long c, int value) {
            rebase(c);
            load = value;
            nextZeroTick = zeroAfter(-1);
        }

        void writeControl(long c, int value) {
            boolean wasEnabled = enabled();
            long oldPrescale = prescale();
            rebase(c);
            control = value;
            if (!wasEnabled || prescale() != oldPrescale) {
                baseCount = c;   // the prescaler starts counting now
            }
            baseValue &= top();
            nextZeroTick = zeroAfter(-1);
        }
    }
}
