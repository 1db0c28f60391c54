package org.hyplab.timer;

import static org.hyplab.timer.GenericTimer.PL2;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The machine runs to {@link GenericTimer#nextEventCycle()} and calls update(): the line must
 * rise at exactly that cycle and not one earlier. Event-stream timing for WFE likewise.
 */
class NextEventTest {

    private long now;

    private GenericTimer timer(int hz) {
        return new GenericTimer(new SystemCounter(hz, () -> now));
    }

    private static void write(GenericTimer t, TimerRegister r, long v) {
        assertEquals(Access.ALLOWED, t.write(r, PL2, v), r.name());
    }

    /** The line is low at cycle − 1 and high at cycle, sampling through update(). */
    private void assertRisesAt(GenericTimer t, CompareTimer which, long cycle) {
        assertEquals(cycle, t.nextEventCycle());
        now = cycle - 1;
        t.update();
        assertFalse(which.level(), "low one cycle early");
        assertEquals(cycle, t.nextEventCycle(), "the prediction holds as time passes");
        now = cycle;
        t.update();
        assertTrue(which.level(), "high at the predicted cycle");
    }

    @Test
    void nothingEnabledMeansNoEvent() {
        GenericTimer t = timer(SystemCounter.VEXPRESS_HZ);
        assertEquals(Long.MAX_VALUE, t.nextEventCycle());
        write(t, TimerRegister.CNTP_CVAL, 100);
        assertEquals(Long.MAX_VALUE, t.nextEventCycle(), "a disabled timer does not fire");
    }

    @Test
    void physicalTimerAtVexpress() {
        GenericTimer t = timer(SystemCounter.VEXPRESS_HZ);
        write(t, TimerRegister.CNTP_CVAL, 100);
        write(t, TimerRegister.CNTP_CTL, CompareTimer.ENABLE);
        assertRisesAt(t, t.physical(), 1_600);   // count 100 = cycle 100 * 16
        assertEquals(Long.MAX_VALUE, t.nextEventCycle(), "a fired timer is no future event");
    }

    @Test
    void physicalTimerAtArndaleRoundsUp() {
        GenericTimer t = timer(SystemCounter.ARNDALE_HZ);
        write(t, TimerRegister.CNTP_CVAL, 1);
        write(t, TimerRegister.CNTP_CTL, CompareTimer.ENABLE);
        assertRisesAt(t, t.physical(), 42);      // ceil(125 / 3)
        write(t, TimerRegister.CNTP_CVAL, 1_000);
        assertFalse(t.physical().level());
        assertRisesAt(t, t.physical(), 41_667);  // ceil(1000 * 125 / 3) = ceil(41666.67)
    }

    @Test
    void timerValueProgrammedFromTheCurrentCount() {
        GenericTimer t = timer(SystemCounter.VEXPRESS_HZ);
        now = 1_000;                                          // count 62
        write(t, TimerRegister.CNTHP_TVAL, 10);               // CompareValue 72
        write(t, TimerRegister.CNTHP_CTL, CompareTimer.ENABLE);
        assertRisesAt(t, t.hyp(), 72 * 16);
    }

    @Test
    void virtualTimerIncludesTheOffset() {
        GenericTimer t = timer(SystemCounter.VEXPRESS_HZ);
        write(t, TimerRegister.CNTVOFF, 50);
        now = 50 * 16;                                        // CNTVCT 0
        write(t, TimerRegister.CNTV_CVAL, 100);               // reached at CNTPCT 150
        write(t, TimerRegister.CNTV_CTL, CompareTimer.ENABLE);
        assertRisesAt(t, t.virtual(), 150 * 16);
    }

    @Test
    void theEarliestOfSeveralTimersAndMaskedOnesIgnored() {
        GenericTimer t = timer(SystemCounter.VEXPRESS_HZ);
        write(t, TimerRegister.CNTP_CVAL, 300);
        write(t, TimerRegister.CNTP_CTL, CompareTimer.ENABLE);
        write(t, TimerRegister.CNTHP_CVAL, 200);
        write(t, TimerRegister.CNTHP_CTL, CompareTimer.ENABLE);
        write(t, TimerRegister.CNTV_CVAL, 100);
        write(t, TimerRegister.CNTV_CTL, CompareTimer.ENABLE | CompareTimer.IMASK);
        assertEquals(200 * 16, t.nextEventCycle());
        assertRisesAt(t, t.hyp(), 200 * 16);
        assertFalse(t.physical().level());
        assertRisesAt(t, t.physical(), 300 * 16);
        assertFalse(t.virtual().level(), "masked: its condition is met but its line stays low");
        assertEquals(Long.MAX_VALUE, t.nextEventCycle());
    }

    @Test
    void aCompareValueBeyondTheLastCycleIsNever() {
        GenericTimer t = timer(SystemCounter.VEXPRESS_HZ);
        write(t, TimerRegister.CNTP_CVAL, 1L << 59);          // cycle 2^63: past Long.MAX_VALUE
        write(t, TimerRegister.CNTP_CTL, CompareTimer.ENABLE);
        assertEquals(Long.MAX_VALUE, t.nextEventCycle());
        write(t, TimerRegister.CNTP_CVAL, (1L << 59) - 1);    // cycle 2^63 - 16
        assertEquals(Long.MAX_VALUE - 15, t.nextEventCycle());
    }

    @Test
    void physicalEventStreamFiresOnOddCounts() {
        GenericTimer t = timer(SystemCounter.VEXPRESS_HZ);
        assertEquals(Long.MAX_VALUE, t.nextEventStreamCycle());
        assertFalse(t.eventStreamBetween(0, 1_000_000));
        // CNTHCTL: keep PL1PCTEN|PL1PCEN, EVNTEN, EVNTI = 0, EVNTDIR = 0 -> CNTPCT bit 0 rising.
        write(t, TimerRegister.CNTHCTL, 0x3 | EventStream.EVNTEN);
        assertEquals(16, t.nextEventStreamCycle());           // count 1
        assertFalse(t.eventStreamBetween(0, 15));
        assertTrue(t.eventStreamBetween(0, 16));
        assertFalse(t.eventStreamBetween(16, 47));            // count 2 only
        assertTrue(t.eventStreamBetween(16, 48));             // count 3
        now = 16;
        assertEquals(48, t.nextEventStreamCycle());
    }

    @Test
    void virtualEventStreamFollowsCntvct() {
        GenericTimer t = timer(SystemCounter.VEXPRESS_HZ);
        // CNTKCTL: EVNTEN, EVNTI = 0, rising: odd CNTVCT. With CNTVOFF 1, CNTVCT = CNTPCT - 1, so
        // the first odd CNTVCT after 2^64 - 1 is 1, at CNTPCT 2 = cycle 32.
        write(t, TimerRegister.CNTKCTL, EventStream.EVNTEN);
        assertEquals(16, t.nextEventStreamCycle());
        write(t, TimerRegister.CNTVOFF, 1);
        assertEquals(32, t.nextEventStreamCycle());
        assertFalse(t.eventStreamBetween(0, 31));
        assertTrue(t.eventStreamBetween(0, 32));
    }
}
