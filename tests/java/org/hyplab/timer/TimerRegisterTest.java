package org.hyplab.timer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The CP15 encodings of BOARDS.md §4.2 (Xen cpregs.h), one by one. */
class TimerRegisterTest {

    @Test
    void mrcMcrEncodingsNameTheirRegisters() {
        assertEquals(TimerRegister.CNTFRQ, TimerRegister.of32(0, 14, 0, 0));
        assertEquals(TimerRegister.CNTKCTL, TimerRegister.of32(0, 14, 1, 0));
        assertEquals(TimerRegister.CNTP_TVAL, TimerRegister.of32(0, 14, 2, 0));
        assertEquals(TimerRegister.CNTP_CTL, TimerRegister.of32(0, 14, 2, 1));
        assertEquals(TimerRegister.CNTV_TVAL, TimerRegister.of32(0, 14, 3, 0));
        assertEquals(TimerRegister.CNTV_CTL, TimerRegister.of32(0, 14, 3, 1));
        assertEquals(TimerRegister.CNTHCTL, TimerRegister.of32(4, 14, 1, 0));
        assertEquals(TimerRegister.CNTHP_TVAL, TimerRegister.of32(4, 14, 2, 0));
        assertEquals(TimerRegister.CNTHP_CTL, TimerRegister.of32(4, 14, 2, 1));
    }

    @Test
    void mrrcMcrrEncodingsNameTheirRegisters() {
        assertEquals(TimerRegister.CNTPCT, TimerRegister.of64(0, 14));
        assertEquals(TimerRegister.CNTVCT, TimerRegister.of64(1, 14));
        assertEquals(TimerRegister.CNTP_CVAL, TimerRegister.of64(2, 14));
        assertEquals(TimerRegister.CNTV_CVAL, TimerRegister.of64(3, 14));
        assertEquals(TimerRegister.CNTVOFF, TimerRegister.of64(4, 14));
        assertEquals(TimerRegister.CNTHP_CVAL, TimerRegister.of64(6, 14));
    }

    @Test
    void otherEncodingsInTheTimerSpaceNameNothing() {
        assertNull(TimerRegister.of32(0, 14, 0, 1));
        assertNull(TimerRegister.of32(0, 14, 4, 0));
        assertNull(TimerRegister.of32(1, 14, 2, 0));
        assertNull(TimerRegister.of32(4, 14, 0, 0));
        assertNull(TimerRegister.of32(4, 14, 3, 1));   // no CNTHV_* in ARMv7
        assertNull(TimerRegister.of64(5, 14));
        assertNull(TimerRegister.of64(7, 14));
        assertNull(TimerRegister.of32(0, 13, 0, 0), "CRn must be c14");
        assertNull(TimerRegister.of64(0, 2), "CRm must be c14 (c2 is TTBR0)");
        assertTrue(TimerRegister.claims32(14));
        assertFalse(TimerRegister.claims32(15));
        assertTrue(TimerRegister.claims64(14));
        assertFalse(TimerRegister.claims64(2));
    }

    @Test
    void theCountsAndCompareValuesAndOffsetAreTheWideOnes() {
        for (TimerRegister r : TimerRegister.values()) {
            boolean wide = switch (r) {
                case CNTPCT, CNTVCT, CNTP_CVAL, CNTV_CVAL, CNTVOFF, CNTHP_CVAL -> true;
                default -> false;
            };
            assertEquals(wide, r.wide, r.name());
        }
    }
}
