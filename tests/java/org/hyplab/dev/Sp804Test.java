package org.hyplab.dev;

import static org.hyplab.dev.Sp804.BGLOAD;
import static org.hyplab.dev.Sp804.CONTROL;
import static org.hyplab.dev.Sp804.CTRL_32BIT;
import static org.hyplab.dev.Sp804.CTRL_ENABLE;
import static org.hyplab.dev.Sp804.CTRL_INTENABLE;
import static org.hyplab.dev.Sp804.CTRL_ONESHOT;
import static org.hyplab.dev.Sp804.CTRL_PERIODIC;
import static org.hyplab.dev.Sp804.INTCLR;
import static org.hyplab.dev.Sp804.LOAD;
import static org.hyplab.dev.Sp804.MIS;
import static org.hyplab.dev.Sp804.RIS;
import static org.hyplab.dev.Sp804.VALUE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The SP804 at 1 MHz under a 1 GHz machine clock: one tick of the counter is 1000 cycles, 16000
 * with prescale /16, 256000 with /256. A counter loaded with L reads L - n after n ticks, 0 at
 * tick L (the interrupt), and reloads on tick L + 1.
 */
class Sp804Test {

    private static final int T2 = 0x20;
    private static final int PERIODIC32 = CTRL_ENABLE | CTRL_PERIODIC | CTRL_32BIT | CTRL_INTENABLE;
    private static final int DIV16 = 1 << 2, DIV256 = 2 << 2;

    private long now;
    private final List<Boolean> line = new ArrayList<>();
    private final Sp804 timer = new Sp804("sp804", () -> now, line::add);

    private int read(int offset) {
        return timer.read(offset, 4);
    }

    private void write(int offset, int value) {
        timer.write(offset, 4, value);
    }

    private boolean level() {
        return !line.isEmpty() && line.getLast();
    }

    @Test
    void resetValuesAndIdentification() {
        for (int base : new int[] {0, T2}) {
            assertEquals(0x20, read(base + CONTROL));
            assertEquals(0, read(base + LOAD));
            assertEquals(0, read(base + BGLOAD));
            assertEquals(0xFFFF_FFFF, read(base + VALUE), "TRM reset value of TimerXValue");
            assertEquals(0, read(base + RIS));
            assertEquals(0, read(base + MIS));
        }
        int[] id = {0x04, 0x18, 0x14, 0x00, 0x0D, 0xF0, 0x05, 0xB1};
        for (int i = 0; i < 8; i++) {
            assertEquals(id[i], read(0xFE0 + 4 * i));
        }
        assertEquals(Long.MAX_VALUE, timer.nextEventCycle());
    }

    @Test
    void aDisabledTimerHoldsWhatLoadWrote() {
        write(CONTROL, CTRL_PERIODIC | CTRL_32BIT);
        write(LOAD, 0x1000);
        now = 5_000_000;
        assertEquals(0x1000, read(VALUE));
        write(BGLOAD, 0x2000);
        assertEquals(0x2000, read(LOAD));
        assertEquals(0x2000, read(BGLOAD));
        assertEquals(0x1000, read(VALUE), "BGLoad does not touch the counter");
        write(VALUE, 5);
        assertEquals(0x1000, read(VALUE), "Value is read-only");
    }

    @Test
    void periodicValueAtExactTimes() {
        now = 2500;                              // between 1 MHz edges 2 and 3
        write(LOAD, 10);
        write(CONTROL, PERIODIC32);
        assertEquals(10, read(VALUE));
        now = 2999;
        assertEquals(10, read(VALUE));
        now = 3000;                              // the next edge of the 1 MHz clock
        assertEquals(9, read(VALUE));
        now = 12_000;                            // tick 10: zero, the interrupt
        assertEquals(0, read(VALUE));
        assertEquals(1, read(RIS));
        now = 13_000;                            // tick 11: reloaded
        assertEquals(10, read(VALUE));
        now = 14_000;
        assertEquals(9, read(VALUE));
        now = 2000 + 11_000 * 7 + 10_000 + 500;  // the 8th zero, + half a tick
        assertEquals(0, read(VALUE));
    }

    @Test
    void nextEventCycleIsTheExactZeroTickAndUpdateRaisesTheLine() {
        now = 2500;
        write(LOAD, 10);
        write(CONTROL, PERIODIC32);
        assertEquals(12_000, timer.nextEventCycle());
        now = 11_999;
        timer.update();
        assertFalse(level());
        now = 12_000;
        timer.update();
        assertTrue(level());
        assertEquals(Long.MAX_VALUE, timer.nextEventCycle(), "nothing new to raise while RIS is set");
        now = 12_500;
        write(INTCLR, 0);
        assertFalse(level());
        assertEquals(0, read(RIS));
        assertEquals(23_000, timer.nextEventCycle(), "one period = Load + 1 ticks later");
        now = 40_000;                            // two zeros missed while nobody looked
        timer.update();
        assertTrue(level());
        write(INTCLR, 0);
        assertEquals(45_000, timer.nextEventCycle());
    }

    @Test
    void prescaleDividesTheTicks() {
        write(LOAD, 4);
        write(CONTROL, PERIODIC32 | DIV16);
        assertEquals(4 * 16_000, timer.nextEventCycle());
        now = 16_000 - 1;
        assertEquals(4, read(VALUE));
        now = 16_000;
        assertEquals(3, read(VALUE));
        write(CONTROL, CTRL_PERIODIC | CTRL_32BIT | DIV256);   // stop: 3 stays
        write(CONTROL, PERIODIC32 | DIV256);                   // restart at /256 from now
        assertEquals(16_000 + 3 * 256_000, timer.nextEventCycle());
        now = 16_000 + 256_000;
        assertEquals(2, read(VALUE));
    }

    @Test
    void changingControlKeepsTheCountAndThePrescalerPhase() {
        write(LOAD, 100);
        write(CONTROL, PERIODIC32 | DIV16);
        now = 40_000;                            // 2.5 ticks of /16
        assertEquals(98, read(VALUE));
        write(CONTROL, PERIODIC32 | DIV16);      // the same setting written again
        now = 48_000;                            // tick 3 of the original phase
        assertEquals(97, read(VALUE));
        write(CONTROL, CTRL_ENABLE | CTRL_PERIODIC | CTRL_32BIT | DIV16);   // IntEnable off
        assertEquals(97, read(VALUE));
        assertEquals(Long.MAX_VALUE, timer.nextEventCycle(), "a masked interrupt is no event");
    }

    @Test
    void oneShotStopsAtZeroWithOneInterruptAndLoadRestartsIt() {
        write(LOAD, 50);
        write(CONTROL, CTRL_ENABLE | CTRL_ONESHOT | CTRL_32BIT | CTRL_INTENABLE);
        assertEquals(50_000, timer.nextEventCycle());
        now = 50_000;
        timer.update();
        assertTrue(level());
        write(INTCLR, 0);
        now = 10_000_000;
        assertEquals(0, read(VALUE));
        assertEquals(0, read(RIS));
        assertEquals(Long.MAX_VALUE, timer.nextEventCycle());
        assertEquals(CTRL_ENABLE | CTRL_ONESHOT | CTRL_32BIT | CTRL_INTENABLE, read(CONTROL));
        write(LOAD, 3);                          // the TRM's way to rearm it
        assertEquals(10_003_000, timer.nextEventCycle());
        now = 10_001_000;
        assertEquals(2, read(VALUE));
    }

    @Test
    void freeRunning32BitStartsAtTheTopAndWrapsThere() {
        write(CONTROL, CTRL_ENABLE | CTRL_32BIT | CTRL_INTENABLE);
        now = 1000;
        assertEquals(0xFFFF_FFFE, read(VALUE));
        assertEquals(0xFFFF_FFFFL * 1000, timer.nextEventCycle());
    }

    @Test
    void freeRunning16BitWrapsFromZeroTo0xFFFF() {
        write(CONTROL, CTRL_ENABLE | CTRL_INTENABLE);     // 16-bit, free-running
        assertEquals(0xFFFF, read(VALUE));
        assertEquals(0xFFFF * 1000L, timer.nextEventCycle());
        now = 0xFFFF * 1000L;
        assertEquals(0, read(VALUE));
        assertEquals(1, read(MIS));
        now += 1000;
        assertEquals(0xFFFF, read(VALUE));
        now += 1000;
        assertEquals(0xFFFE, read(VALUE));
        write(INTCLR, 0);
        assertEquals((0xFFFF + 0x10000) * 1000L, timer.nextEventCycle());
    }

    @Test
    void sixteenBitModeUsesTheLowHalfOfLoad() {
        write(CONTROL, CTRL_PERIODIC | CTRL_INTENABLE);
        write(LOAD, 0x12345);
        assertEquals(0x2345, read(VALUE));
        assertEquals(0x12345, read(LOAD));
        write(CONTROL, CTRL_ENABLE | CTRL_PERIODIC | CTRL_INTENABLE);
        assertEquals(0x2345 * 1000L, timer.nextEventCycle());
        now = 0x2346 * 1000L;
        assertEquals(0x2345, read(VALUE), "reloaded from Load's low 16 bits");
    }

    @Test
    void backgroundLoadTakesEffectAtTheNextReload() {
        write(LOAD, 10);
        write(CONTROL, PERIODIC32);
        now = 4000;
        write(BGLOAD, 1000);
        assertEquals(6, read(VALUE));
        assertEquals(10_000, timer.nextEventCycle());
        now = 11_000;
        assertEquals(1000, read(VALUE));
        write(INTCLR, 0);
        assertEquals(11_000 + 1000 * 1000L, timer.nextEventCycle());
    }

    @Test
    void loadZeroRaisesTheInterruptAtOnce() {
        write(CONTROL, PERIODIC32);
        now = 7000;
        write(LOAD, 0);
        assertTrue(level());
        assertEquals(1, read(RIS));
        write(INTCLR, 0);
        assertEquals(8000, timer.nextEventCycle(), "a period of one tick");
    }

    @Test
    void aDisabledTimerNeverFires() {
        write(LOAD, 5);
        write(CONTROL, CTRL_PERIODIC | CTRL_32BIT | CTRL_INTENABLE);
        assertEquals(Long.MAX_VALUE, timer.nextEventCycle());
        now = 1_000_000;
        timer.update();
        assertEquals(0, read(RIS));
        assertEquals(5, read(VALUE));
    }

    @Test
    void bothTimersShareTheLine() {
        write(LOAD, 2);
        write(T2 + LOAD, 3);
        write(CONTROL, PERIODIC32 | CTRL_ONESHOT);
        write(T2 + CONTROL, PERIODIC32 | CTRL_ONESHOT);
        assertEquals(2000, timer.nextEventCycle());
        now = 2000;
        timer.update();
        assertTrue(level());
        assertEquals(3000, timer.nextEventCycle(), "timer 2's interrupt is still to come");
        now = 3000;
        timer.update();
        write(INTCLR, 0);
        assertTrue(level(), "timer 2 holds the line");
        assertEquals(0, read(MIS));
        assertEquals(1, read(T2 + MIS));
        write(T2 + INTCLR, 0);
        assertFalse(level());
        assertEquals(List.of(true, false), line, "the line is driven only when it changes");
    }

    @Test
    void intEnableMasksMisAndTheLineButNotRis() {
        write(LOAD, 1);
        write(CONTROL, CTRL_ENABLE | CTRL_ONESHOT | CTRL_32BIT);
        now = 1000;
        assertEquals(1, read(RIS));
        assertEquals(0, read(MIS));
        assertFalse(level());
        write(CONTROL, CTRL_ONESHOT | CTRL_32BIT | CTRL_INTENABLE);
        assertEquals(1, read(MIS));
        assertTrue(level());
    }

    @Test
    void aBoardResetStopsBothTimersAndTheyStartAgainAsFresh() {
        write(LOAD, 99);
        write(CONTROL, PERIODIC32);
        write(T2 + LOAD, 5);
        write(T2 + CONTROL, CTRL_ENABLE | CTRL_ONESHOT | CTRL_32BIT | CTRL_INTENABLE | DIV16);
        now = 200_000;                      // timer 1: 200 ticks, two zeros; timer 2 at 0
        timer.update();
        assertTrue(level());
        now = 1_234_567;                    // the reset, half-way through a 1 MHz tick
        timer.reset();
        assertFalse(level(), "the line is driven low");
        Sp804 fresh = new Sp804("fresh", () -> now, b -> { });
        for (int off : new int[] {LOAD, VALUE, CONTROL, RIS, MIS, BGLOAD}) {
            assertEquals(fresh.read(off, 4), read(off), "timer 1 @" + off);
            assertEquals(fresh.read(T2 + off, 4), read(T2 + off), "timer 2 @" + off);
        }
        assertEquals(0x20, read(CONTROL));
        assertEquals(Long.MAX_VALUE, timer.nextEventCycle(), "nothing runs");
        now = 2_000_000;                    // the same program on both from here
        for (Sp804 t : new Sp804[] {timer, fresh}) {
            t.write(LOAD, 4, 9);
            t.write(CONTROL, 4, PERIODIC32);
        }
        assertEquals(2_000_000 + 9 * 1000, timer.nextEventCycle(), "zero 9 ticks after the enable");
        assertEquals(fresh.nextEventCycle(), timer.nextEventCycle());
        now = 2_004_500;
        assertEquals(9 - 4, read(VALUE));
        assertEquals(fresh.read(VALUE, 4), read(VALUE));
    }
}
