package org.hyplab.timer;

import static org.hyplab.timer.GenericTimer.PL2;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Registers, TimerValue/CompareValue arithmetic, ISTATUS and the output lines (ARM ARM B8.1.3,
 * B8.1.5). The counter is vexpress's 62.5 MHz, one count per 16 cycles, unless a test says.
 */
class GenericTimerTest {

    long now;
    final SystemCounter counter = new SystemCounter(SystemCounter.VEXPRESS_HZ, () -> now);
    final GenericTimer timer = new GenericTimer(counter);
    final List<Boolean> physicalLine = new ArrayList<>();
    final List<Boolean> virtualLine = new ArrayList<>();
    final List<Boolean> hypLine = new ArrayList<>();

    GenericTimerTest() {
        timer.physical().connect(physicalLine::add);
        timer.virtual().connect(virtualLine::add);
        timer.hyp().connect(hypLine::add);
        physicalLine.clear();
        virtualLine.clear();
        hypLine.clear();
    }

    /** Sets the time to the first cycle of physical count {@code count}. */
    void atCount(long count) {
        now = count * 16;
    }

    long read(TimerRegister r) {
        assertEquals(Access.ALLOWED, timer.read(r, PL2), r.name());
        return timer.value();
    }

    void write(TimerRegister r, long v) {
        assertEquals(Access.ALLOWED, timer.write(r, PL2, v), r.name());
    }

    @Test
    void resetValues() {
        assertEquals(62_500_000, read(TimerRegister.CNTFRQ));
        assertEquals(0, read(TimerRegister.CNTKCTL));
        assertEquals(0x3, read(TimerRegister.CNTHCTL));
        assertEquals(0, read(TimerRegister.CNTVOFF));
        for (TimerRegister r : new TimerRegister[] {TimerRegister.CNTP_CTL, TimerRegister.CNTV_CTL,
                TimerRegister.CNTHP_CTL, TimerRegister.CNTP_CVAL, TimerRegister.CNTV_CVAL, TimerRegister.CNTHP_CVAL}) {
            assertEquals(0, read(r), r.name());
        }
        GenericTimer arndale = new GenericTimer(new SystemCounter(SystemCounter.ARNDALE_HZ, () -> 0));
        assertEquals(Access.ALLOWED, arndale.read32(0, 14, 0, 0, PL2));
        assertEquals(24_000_000, arndale.value());
    }

    @Test
    void cntfrqIsARecordAndDoesNotChangeTheCountRate() {
        write(TimerRegister.CNTFRQ, 1_000);
        assertEquals(1_000, read(TimerRegister.CNTFRQ));
        now = 1_600;
        assertEquals(100, read(TimerRegister.CNTPCT));
        timer.reset();
        assertEquals(62_500_000, read(TimerRegister.CNTFRQ));
    }

    @Test
    void countsThroughMrrc() {
        now = 16_000;
        assertEquals(Access.ALLOWED, timer.read64(0, 14, PL2));
        assertEquals(1_000, timer.value());
        assertEquals(Access.ALLOWED, timer.write64(4, 14, PL2, 300));   // CNTVOFF
        assertEquals(Access.ALLOWED, timer.read64(1, 14, PL2));          // CNTVCT
        assertEquals(700, timer.value());
    }

    @Test
    void virtualCountWrapsBelowZeroModulo2To64() {
        atCount(100);
        write(TimerRegister.CNTVOFF, 0x1_0000_0000L);
        assertEquals(100 - 0x1_0000_0000L, read(TimerRegister.CNTVCT));   // 0xFFFF_FFFF_0000_0064
        assertEquals(0xFFFF_FFFF_0000_0064L, timer.virtualCount());
    }

    @Test
    void reservedControlBitsDoNotStick() {
        write(TimerRegister.CNTKCTL, -1);
        assertEquals(0x3FF, read(TimerRegister.CNTKCTL));
        write(TimerRegister.CNTHCTL, -1);
        assertEquals(0xFF, read(TimerRegister.CNTHCTL));
        atCount(0);
        write(TimerRegister.CNTP_CVAL, 1_000);
        write(TimerRegister.CNTP_CTL, 0xFFFF_FFF8L | CompareTimer.IMASK);   // ISTATUS and reserved bits ignored
        assertEquals(CompareTimer.IMASK, read(TimerRegister.CNTP_CTL));
        write(TimerRegister.CNTP_CTL, CompareTimer.ISTATUS);
        assertEquals(0, read(TimerRegister.CNTP_CTL), "ISTATUS is read-only");
    }

    @Test
    void timerValueCountsDownToCompareValueAndPastIt() {
        atCount(100);
        write(TimerRegister.CNTP_CVAL, 150);
        assertEquals(50, read(TimerRegister.CNTP_TVAL));
        atCount(160);
        assertEquals(0xFFFF_FFF6L, read(TimerRegister.CNTP_TVAL), "-10 as 32 bits");
        assertEquals(150, read(TimerRegister.CNTP_CVAL));
    }

    @Test
    void timerValueWritesAreSignExtended() {
        atCount(1_000);
        write(TimerRegister.CNTP_TVAL, -256);
        assertEquals(744, read(TimerRegister.CNTP_CVAL));
        write(TimerRegister.CNTP_TVAL, 0x7FFF_FFFF);
        assertEquals(1_000 + 0x7FFF_FFFFL, read(TimerRegister.CNTP_CVAL));
        write(TimerRegister.CNTP_TVAL, 0x8000_0000L);                 // -2^31
        assertEquals(1_000 - 0x8000_0000L, read(TimerRegister.CNTP_CVAL));
        assertEquals(0x8000_0000L, read(TimerRegister.CNTP_TVAL));
    }

    @Test
    void timerValueReadsTheLow32BitsOfTheDifference() {
        atCount(7);
        write(TimerRegister.CNTP_CVAL, 7 + 0x1_0000_0005L);
        assertEquals(5, read(TimerRegister.CNTP_TVAL));
    }

    @Test
    void virtualTimerValueIsRelativeToTheVirtualCount() {
        atCount(1_000);
        write(TimerRegister.CNTVOFF, 400);                  // CNTVCT = 600
        write(TimerRegister.CNTV_TVAL, 50);
        assertEquals(650, read(TimerRegister.CNTV_CVAL));
        assertEquals(50, read(TimerRegister.CNTV_TVAL));
        write(TimerRegister.CNTHP_TVAL, 50);                // the Hyp timer uses the physical count
        assertEquals(1_050, read(TimerRegister.CNTHP_CVAL));
    }

    @Test
    void istatusIsTheTimerConditionAndNeedsEnable() {
        atCount(10);
        write(TimerRegister.CNTP_CVAL, 20);
        assertEquals(0, read(TimerRegister.CNTP_CTL));
        atCount(25);
        assertEquals(0, read(TimerRegister.CNTP_CTL), "disabled: condition not met");
        write(TimerRegister.CNTP_CTL, CompareTimer.ENABLE);
        assertEquals(CompareTimer.ENABLE | CompareTimer.ISTATUS, read(TimerRegister.CNTP_CTL));
        write(TimerRegister.CNTP_CTL, CompareTimer.ENABLE | CompareTimer.IMASK);
        assertEquals(0b111, read(TimerRegister.CNTP_CTL), "IMASK does not hide ISTATUS");
        atCount(20);
        assertEquals(0b111, read(TimerRegister.CNTP_CTL), "count == CompareValue meets the condition");
        atCount(19);
        assertEquals(0b011, read(TimerRegister.CNTP_CTL));
    }

    @Test
    void compareValueIsUnsignedSoAllOnesIsNeverReached() {
        now = Long.MAX_VALUE;   // count 2^59 - 1
        write(TimerRegister.CNTP_CVAL, -1L);
        write(TimerRegister.CNTP_CTL, CompareTimer.ENABLE);
        assertEquals(CompareTimer.ENABLE, read(TimerRegister.CNTP_CTL));
        assertEquals(List.of(), physicalLine);
    }

    @Test
    void aNegativeTimerValueNearZeroWrapsCompareValueHigh() {
        atCount(100);
        write(TimerRegister.CNTP_TVAL, -256);   // CompareValue = 2^64 - 156: far in the future
        write(TimerRegister.CNTP_CTL, CompareTimer.ENABLE);
        assertEquals(-156L, read(TimerRegister.CNTP_CVAL));
        assertEquals(CompareTimer.ENABLE, read(TimerRegister.CNTP_CTL));
        assertEquals(0xFFFF_FF00L, read(TimerRegister.CNTP_TVAL));
    }

    @Test
    void theLineIsEnableAndIstatusAndNotImask() {
        atCount(10);
        write(TimerRegister.CNTP_CVAL, 20);
        write(TimerRegister.CNTP_CTL, CompareTimer.ENABLE);
        assertEquals(List.of(), physicalLine);
        atCount(20);
        timer.update();
        assertEquals(List.of(true), physicalLine);
        write(TimerRegister.CNTP_CTL, CompareTimer.ENABLE | CompareTimer.IMASK);
        assertEquals(List.of(true, false), physicalLine, "masking drops the line at once");
        write(TimerRegister.CNTP_CTL, CompareTimer.ENABLE);
        assertEquals(List.of(true, false, true), physicalLine);
        write(TimerRegister.CNTP_CVAL, 30);
        assertEquals(List.of(true, false, true, false), physicalLine, "a later CompareValue drops it");
        write(TimerRegister.CNTP_TVAL, 0);
        assertEquals(List.of(true, false, true, false, true), physicalLine, "TVAL 0 fires now");
        write(TimerRegister.CNTP_CTL, 0);
        assertEquals(List.of(true, false, true, false, true, false), physicalLine);
        assertEquals(List.of(), virtualLine);
        assertEquals(List.of(), hypLine);
    }

    @Test
    void theLineHearsOnlyChanges() {
        atCount(10);
        write(TimerRegister.CNTHP_CVAL, 5);
        write(TimerRegister.CNTHP_CTL, CompareTimer.ENABLE);
        timer.update();
        write(TimerRegister.CNTHP_CVAL, 6);
        timer.update();
        assertEquals(List.of(true), hypLine);
        assertTrue(timer.hyp().level());
    }

    @Test
    void cntvoffMovesTheVirtualTimerOnly() {
        atCount(1_000);
        write(TimerRegister.CNTV_CVAL, 900);
        write(TimerRegister.CNTV_CTL, CompareTimer.ENABLE);
        assertEquals(List.of(true), virtualLine);
        write(TimerRegister.CNTVOFF, 200);                    // CNTVCT 800 < 900
        assertEquals(List.of(true, false), virtualLine);
        assertEquals(CompareTimer.ENABLE, read(TimerRegister.CNTV_CTL));
        write(TimerRegister.CNTVOFF, 2_000);                  // CNTVCT = 2^64 - 1000 ≥ 900
        assertEquals(List.of(true, false, true), virtualLine);
        assertEquals(List.of(), physicalLine);
    }

    @Test
    void connectingDrivesTheCurrentLevel() {
        atCount(10);
        write(TimerRegister.CNTV_CTL, CompareTimer.ENABLE);   // CompareValue 0: met
        List<Boolean> late = new ArrayList<>();
        timer.virtual().connect(late::add);
        assertEquals(List.of(true), late);
        assertEquals(27, timer.virtual().interruptId);
        assertEquals(30, timer.physical().interruptId);
        assertEquals(26, timer.hyp().interruptId);
    }

    @Test
    void resetDropsTheLines() {
        atCount(10);
        write(TimerRegister.CNTP_CTL, CompareTimer.ENABLE);
        assertEquals(List.of(true), physicalLine);
        timer.reset();
        assertEquals(List.of(true, false), physicalLine);
        assertFalse(timer.physical().enabled());
    }
}
