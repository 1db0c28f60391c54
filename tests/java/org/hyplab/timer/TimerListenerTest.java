package org.hyplab.timer;

import static org.hyplab.timer.GenericTimer.PL2;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * A {@link TimerListener} hears each generic timer fire when its output rises (ARM ARM B8.1.5:
 * ENABLE, not IMASK, and count ≥ CompareValue), with the CompareValue programmed, just before
 * the line rises, and never for a masked timer.
 */
class TimerListenerTest {

    private long now;
    private final List<String> heard = new ArrayList<>();

    private GenericTimer timer() {
        GenericTimer t = new GenericTimer(new SystemCounter(SystemCounter.VEXPRESS_HZ, () -> now));
        t.setListener(1, (cpu, kind, cval) -> heard.add(cpu + " " + kind + " " + cval));
        return t;
    }

    private static void write(GenericTimer t, TimerRegister r, long v) {
        assertEquals(Access.ALLOWED, t.write(r, PL2, v), r.name());
    }

    @Test
    void eachTimerFiresWithItsCompareValue() {
        GenericTimer t = timer();
        now = 50 * 16;                                 // count 50: every timer below its CompareValue
        write(t, TimerRegister.CNTP_CVAL, 100);
        write(t, TimerRegister.CNTP_CTL, CompareTimer.ENABLE);
        write(t, TimerRegister.CNTVOFF, 40);
        write(t, TimerRegister.CNTV_CVAL, 100);   // virtual count 10 now; 100 at physical count 140
        write(t, TimerRegister.CNTV_CTL, CompareTimer.ENABLE);
        write(t, TimerRegister.CNTHP_CVAL, 120);
        write(t, TimerRegister.CNTHP_CTL, CompareTimer.ENABLE);
        assertEquals(List.of(), heard);
        // 62.5 MHz from a 1 GHz cycle count: count n is reached at cycle 16n
        now = 100 * 16 - 1;
        t.update();
        assertEquals(List.of(), heard, "one cycle early: nothing");
        now = t.nextEventCycle();
        assertEquals(1600, now);
        t.update();
        now = t.nextEventCycle();
        assertEquals(120 * 16, now);
        t.update();
        now = t.nextEventCycle();
        assertEquals(140 * 16, now);
        t.update();
        assertEquals(List.of("1 PHYSICAL 100", "1 HYP 120", "1 VIRTUAL 100"), heard);
        t.update();
        assertEquals(3, heard.size(), "a line that stays high fires once");
    }

    @Test
    void aMaskedTimerDoesNotFireAndFiresWhenUnmasked() {
        GenericTimer t = timer();
        now = 16_000;                                  // count 1000
        write(t, TimerRegister.CNTV_TVAL, -5);         // CompareValue = 1000 - 5: the condition holds at once
        write(t, TimerRegister.CNTV_CTL, CompareTimer.ENABLE | CompareTimer.IMASK);
        assertEquals(List.of(), heard, "IMASK: ISTATUS only, no output");
        write(t, TimerRegister.CNTV_CTL, CompareTimer.ENABLE);
        assertEquals(List.of("1 VIRTUAL 995"), heard);
    }

    @Test
    void theListenerHearsBeforeTheLineRises() {
        GenericTimer t = timer();
        List<String> order = new ArrayList<>();
        t.physical().connect(high -> order.add("line " + high));
        t.setListener(0, (cpu, kind, cval) -> order.add("fired " + kind));
        write(t, TimerRegister.CNTP_CVAL, 0);
        write(t, TimerRegister.CNTP_CTL, CompareTimer.ENABLE);
        assertEquals(List.of("line false", "fired PHYSICAL", "line true"), order);
        t.setListener(0, null);
        write(t, TimerRegister.CNTP_CTL, 0);
        write(t, TimerRegister.CNTP_CTL, CompareTimer.ENABLE);
        assertTrue(order.size() == 5 && order.get(4).equals("line true"), order.toString());
    }
}
