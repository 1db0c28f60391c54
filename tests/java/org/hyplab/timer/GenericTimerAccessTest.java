package org.hyplab.timer;

import static org.hyplab.timer.Access.ALLOWED;
import static org.hyplab.timer.Access.TRAP_TO_HYP;
import static org.hyplab.timer.Access.UNDEFINED;
import static org.hyplab.timer.GenericTimer.PL0;
import static org.hyplab.timer.GenericTimer.PL0PCTEN;
import static org.hyplab.timer.GenericTimer.PL0PTEN;
import static org.hyplab.timer.GenericTimer.PL0VCTEN;
import static org.hyplab.timer.GenericTimer.PL0VTEN;
import static org.hyplab.timer.GenericTimer.PL1;
import static org.hyplab.timer.GenericTimer.PL1PCEN;
import static org.hyplab.timer.GenericTimer.PL1PCTEN;
import static org.hyplab.timer.GenericTimer.PL2;
import static org.hyplab.timer.TimerRegister.CNTFRQ;
import static org.hyplab.timer.TimerRegister.CNTHCTL;
import static org.hyplab.timer.TimerRegister.CNTHP_CTL;
import static org.hyplab.timer.TimerRegister.CNTHP_CVAL;
import static org.hyplab.timer.TimerRegister.CNTHP_TVAL;
import static org.hyplab.timer.TimerRegister.CNTKCTL;
import static org.hyplab.timer.TimerRegister.CNTPCT;
import static org.hyplab.timer.TimerRegister.CNTP_CTL;
import static org.hyplab.timer.TimerRegister.CNTP_CVAL;
import static org.hyplab.timer.TimerRegister.CNTP_TVAL;
import static org.hyplab.timer.TimerRegister.CNTVCT;
import static org.hyplab.timer.TimerRegister.CNTVOFF;
import static org.hyplab.timer.TimerRegister.CNTV_CTL;
import static org.hyplab.timer.TimerRegister.CNTV_CVAL;
import static org.hyplab.timer.TimerRegister.CNTV_TVAL;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Who may touch which timer register (ARM ARM B8.1.2, B8.1.3, B4.1; AArch32 pseudocode of the
 * same registers in the ARMv8 system-register descriptions), Non-secure with EL2 present.
 */
class GenericTimerAccessTest {

    private static final TimerRegister[] PHYSICAL_TIMER = {CNTP_CTL, CNTP_CVAL, CNTP_TVAL};
    private static final TimerRegister[] VIRTUAL_TIMER = {CNTV_CTL, CNTV_CVAL, CNTV_TVAL};
    private static final TimerRegister[] HYP_ONLY = {CNTVOFF, CNTHCTL, CNTHP_CTL, CNTHP_CVAL, CNTHP_TVAL};

    private final GenericTimer timer = new GenericTimer(new SystemCounter(SystemCounter.VEXPRESS_HZ, () -> 1_600));

    private void controls(int cntkctl, int cnthctl) {
        assertEquals(ALLOWED, timer.write(CNTKCTL, PL2, cntkctl));
        assertEquals(ALLOWED, timer.write(CNTHCTL, PL2, cnthctl));
    }

    private void expect(Access read, Access write, int pl, TimerRegister... regs) {
        for (TimerRegister r : regs) {
            assertEquals(read, timer.check(r, false, pl), r + " read at PL" + pl);
            assertEquals(write, timer.check(r, true, pl), r + " write at PL" + pl);
        }
    }

    @Test
    void hypModeMayDoEverythingButWriteTheCounts() {
        controls(0, 0);
        expect(ALLOWED, ALLOWED, PL2, CNTFRQ, CNTKCTL);
        expect(ALLOWED, ALLOWED, PL2, PHYSICAL_TIMER);
        expect(ALLOWED, ALLOWED, PL2, VIRTUAL_TIMER);
        expect(ALLOWED, ALLOWED, PL2, HYP_ONLY);
        expect(ALLOWED, UNDEFINED, PL2, CNTPCT, CNTVCT);
    }

    @Test
    void pl1ReadsButCannotWriteCntfrqAndCannotSeeHypRegisters() {
        expect(ALLOWED, UNDEFINED, PL1, CNTFRQ);
        expect(ALLOWED, ALLOWED, PL1, CNTKCTL);
        expect(UNDEFINED, UNDEFINED, PL1, HYP_ONLY);
        expect(ALLOWED, UNDEFINED, PL1, CNTPCT, CNTVCT);
        expect(ALLOWED, ALLOWED, PL1, PHYSICAL_TIMER);
        expect(ALLOWED, ALLOWED, PL1, VIRTUAL_TIMER);
    }

    @Test
    void cnthctlTrapsPl1PhysicalCounterAndTimerSeparately() {
        controls(0, 0);
        expect(TRAP_TO_HYP, UNDEFINED, PL1, CNTPCT);
        expect(TRAP_TO_HYP, TRAP_TO_HYP, PL1, PHYSICAL_TIMER);
        expect(ALLOWED, UNDEFINED, PL1, CNTVCT);               // no v7 control traps the virtual side
        expect(ALLOWED, ALLOWED, PL1, VIRTUAL_TIMER);
        expect(ALLOWED, UNDEFINED, PL1, CNTFRQ);

        controls(0, PL1PCEN);                                  // bit 1 only: the counter still traps
        expect(TRAP_TO_HYP, UNDEFINED, PL1, CNTPCT);
        expect(ALLOWED, ALLOWED, PL1, PHYSICAL_TIMER);

        controls(0, PL1PCTEN);                                 // bit 0 only: the timer still traps
        expect(ALLOWED, UNDEFINED, PL1, CNTPCT);
        expect(TRAP_TO_HYP, TRAP_TO_HYP, PL1, PHYSICAL_TIMER);
    }

    @Test
    void pl0SeesNothingUntilCntkctlAllowsItEvenWhereHypWouldTrap() {
        controls(0, 0);
        expect(UNDEFINED, UNDEFINED, PL0, CNTFRQ, CNTKCTL, CNTPCT, CNTVCT);
        expect(UNDEFINED, UNDEFINED, PL0, PHYSICAL_TIMER);
        expect(UNDEFINED, UNDEFINED, PL0, VIRTUAL_TIMER);
        expect(UNDEFINED, UNDEFINED, PL0, HYP_ONLY);
    }

    @Test
    void pl0PhysicalCounterIsGatedByPl0pctenThenTrappedByPl1pcten() {
        controls(PL0PCTEN, PL1PCTEN | PL1PCEN);
        expect(ALLOWED, UNDEFINED, PL0, CNTFRQ);
        expect(ALLOWED, UNDEFINED, PL0, CNTPCT);
        expect(UNDEFINED, UNDEFINED, PL0, CNTVCT);
        expect(UNDEFINED, UNDEFINED, PL0, CNTKCTL);

        controls(PL0PCTEN, 0);
        expect(TRAP_TO_HYP, UNDEFINED, PL0, CNTPCT);
        expect(ALLOWED, UNDEFINED, PL0, CNTFRQ);               // CNTFRQ is never trapped

        // The ARM ARM's bit is PL1PCTEN (bit 0); QEMU 7.2 looked at bit 1 here.
        controls(PL0PCTEN, PL1PCEN);
        expect(TRAP_TO_HYP, UNDEFINED, PL0, CNTPCT);
        controls(PL0PCTEN, PL1PCTEN);
        expect(ALLOWED, UNDEFINED, PL0, CNTPCT);
    }

    @Test
    void pl0VirtualCounterIsGatedByPl0vctenOnly() {
        controls(PL0VCTEN, 0);
        expect(ALLOWED, UNDEFINED, PL0, CNTFRQ);
        expect(ALLOWED, UNDEFINED, PL0, CNTVCT);
        expect(UNDEFINED, UNDEFINED, PL0, CNTPCT);
        expect(UNDEFINED, UNDEFINED, PL0, VIRTUAL_TIMER);
    }

    @Test
    void pl0PhysicalTimerIsGatedByPl0ptenThenTrappedByPl1pcen() {
        controls(PL0PTEN, PL1PCTEN | PL1PCEN);
        expect(ALLOWED, ALLOWED, PL0, PHYSICAL_TIMER);
        expect(UNDEFINED, UNDEFINED, PL0, VIRTUAL_TIMER);
        expect(UNDEFINED, UNDEFINED, PL0, CNTFRQ, CNTPCT);
        controls(PL0PTEN, PL1PCTEN);
        expect(TRAP_TO_HYP, TRAP_TO_HYP, PL0, PHYSICAL_TIMER);
    }

    @Test
    void pl0VirtualTimerIsGatedByPl0vtenOnly() {
        controls(PL0VTEN, 0);
        expect(ALLOWED, ALLOWED, PL0, VIRTUAL_TIMER);
        expect(UNDEFINED, UNDEFINED, PL0, PHYSICAL_TIMER);
        expect(UNDEFINED, UNDEFINED, PL0, HYP_ONLY);
    }

    @Test
    void aRefusedAccessChangesNothing() {
        assertEquals(ALLOWED, timer.write(CNTP_CVAL, PL2, 1234));
        controls(0, 0);
        assertEquals(TRAP_TO_HYP, timer.write(CNTP_CVAL, PL1, 99));
        assertEquals(UNDEFINED, timer.write(CNTFRQ, PL1, 99));
        assertEquals(UNDEFINED, timer.write(CNTVOFF, PL1, 99));
        assertEquals(ALLOWED, timer.read(CNTVCT, PL1));
        long value = timer.value();
        assertEquals(TRAP_TO_HYP, timer.read(CNTP_CVAL, PL1));
        assertEquals(value, timer.value(), "a refused read leaves value() alone");
        assertEquals(1234, timer.peek(CNTP_CVAL));
        assertEquals(62_500_000, timer.peek(CNTFRQ));
        assertEquals(0, timer.peek(CNTVOFF));
    }

    @Test
    void encodingsGoThroughTheSameRules() {
        controls(0, 0);
        assertEquals(TRAP_TO_HYP, timer.read64(0, 14, PL1));            // MRRC CNTPCT
        assertEquals(ALLOWED, timer.read64(1, 14, PL1));                // MRRC CNTVCT
        assertEquals(100, timer.value());
        assertEquals(UNDEFINED, timer.write64(0, 14, PL2, 5));          // MCRR CNTPCT
        assertEquals(TRAP_TO_HYP, timer.write32(0, 14, 2, 1, PL1, 1));   // MCR CNTP_CTL
        assertEquals(UNDEFINED, timer.read32(4, 14, 1, 0, PL1));        // MRC CNTHCTL
        assertEquals(ALLOWED, timer.read32(4, 14, 1, 0, PL2));
        assertEquals(0, timer.value());
        assertEquals(UNDEFINED, timer.read32(0, 14, 0, 1, PL2), "no register there");
        assertEquals(UNDEFINED, timer.read64(5, 14, PL2), "no register there");
    }
}
