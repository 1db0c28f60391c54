package org.hyplab.timer;

import org.hyplab.irq.InterruptLine;

/**
 * One of a CPU's three timers (physical, virtual, Hyp; ARM ARM B8.1.5): a 64-bit CompareValue,
 * the control bits, and the interrupt line it drives. The timer compares a count it is given
 * (CNTPCT, or CNTVCT for the virtual timer) with CompareValue; {@link GenericTimer} supplies the
 * count and the access rules.
 *
 * <ul>
 * <li>Timer condition: ENABLE = 1 and count ≥ CompareValue, both unsigned 64-bit ("CompareValue
 *     is treated as zero-extended in all counter calculations"), so a CompareValue of all ones
 *     is never reached.</li>
 * <li>CTL: ENABLE b0, IMASK b1 read/write; ISTATUS b2 read-only, the timer condition.</li>
 * <li>TimerValue view: a read gives (CompareValue − count)[31:0]; a write sets CompareValue to
 *     count + SignExtend(TimerValue).</li>
 * <li>Output: ENABLE and ISTATUS and not IMASK, level-sensitive.</li>
 * </ul>
 *
 * <p>Reset: the ARM ARM leaves IMASK and CompareValue UNKNOWN; here CTL and CompareValue
 * reset to 0, so a timer is disabled and its line low until software programs it.
 * ISTATUS is computed whenever CTL is read, so it is always exact for the current count; the
 * output line is driven only by {@link #drive}, called on every register write and by
 * {@link GenericTimer#update()}.
 */
public final class CompareTimer {

    public static final int ENABLE = 1, IMASK = 1 << 1, ISTATUS = 1 << 2;

    /** The GIC interrupt ID of this timer's PPI (BOARDS.md §1). */
    public final int interruptId;
    /** "physical", "virtual" or "hyp", for traces. */
    public final String name;
    /** Which of the CPU's timers this is. */
    public final TimerKind kind;

    private int ctl;            // ENABLE and IMASK only; ISTATUS is computed
    private long cval;
    private InterruptLine line = InterruptLine.NONE;
    private boolean level;
    private TimerListener listener;
    private int cpu;

    CompareTimer(TimerKind kind) {
        this.kind = kind;
        this.name = kind.name().toLowerCase(java.util.Locale.ROOT);
        this.interruptId = kind.interruptId;
    }

    /** Tells {@code l} (or nobody, for null) when the output rises, naming CPU {@code cpuIndex}. */
    void listen(int cpuIndex, TimerListener l) {
        cpu = cpuIndex;
        listener = l;
    }

    void reset() {
        ctl = 0;
        cval = 0;
    }

    /**
     * Wires the output to an interrupt controller input and drives it with the current level,
     * so a line connected after reset or mid-run starts right.
     */
    public void connect(InterruptLine newLine) {
        line = newLine;
        line.set(level);
    }

    /** The level last driven on the output line. */
    public boolean level() {
        return level;
    }

    /** CompareValue, unchecked (for the debugger and UI). */
    public long compareValue() {
        return cval;
    }

    public boolean enabled() {
        return (ctl & ENABLE) != 0;
    }

    public boolean masked() {
        return (ctl & IMASK) != 0;
    }

    /** The timer condition for {@code count}: enabled and count ≥ CompareValue (unsigned). */
    public boolean conditionMet(long count) {
        return (ctl & ENABLE) != 0 && Long.compareUnsigned(count, cval) >= 0;
    }

    /** Whether the output is asserted at {@code count}. */
    public boolean output(long count) {
        return (ctl & IMASK) == 0 && conditionMet(count);
    }

    int readCtl(long count) {
        return conditionMet(count) ? ctl | ISTATUS : ctl;
    }

    /** ISTATUS is read-only and the other bits are reserved (UNK/SBZP): only ENABLE and IMASK stick. */
    void writeCtl(int value) {
        ctl = value & (ENABLE | IMASK);
    }

    long readCval() {
        return cval;
    }

    void writeCval(long value) {
        cval = value;
    }

    int readTval(long count) {
        return (int) (cval - count);
    }

    void writeTval(long count, int value) {
        cval = count + value;   // the int widens with sign extension: SignExtend(TimerValue)
    }

    /**
     * How many counts from {@code count} until the output rises, or 0 when it cannot rise by time
     * alone: disabled, masked (the condition would change ISTATUS, which is computed on read, but
     * no line), or already met.
     */
    long countsUntilOutput(long count) {
        if ((ctl & (ENABLE | IMASK)) != ENABLE || Long.compareUnsigned(count, cval) >= 0) {
            return 0;
        }
        return cval - count;   // positive as an unsigned number, at most 2^64 − 1
    }

    /** Drives the output line with its level at {@code count}; the line hears only changes. */
    void drive(long count) {
        boolean now = output(count);
        if (now != level) {
            level = now;
            if (now && listener != null) {
                listener.fired(cpu, kind, cval);
            }
            line.set(now);
        }
    }
}
