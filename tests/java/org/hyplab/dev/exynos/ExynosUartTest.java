package org.hyplab.dev.exynos;

import static org.hyplab.dev.exynos.ExynosUart.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;

import org.junit.jupiter.api.Test;

/** The Exynos UART's registers, FIFOs and interrupt sources (BOARDS.md §3.4). */
class ExynosUartTest {

    private final ByteArrayOutputStream sent = new ByteArrayOutputStream();
    private boolean line;
    private int lineChanges;
    private final ExynosUart uart = new ExynosUart("uart2", 16, level -> {
        line = level;
        lineChanges++;
    }, sent::write);

    private int rd(int off) {
        return uart.read(off, 4);
    }

    private void wr(int off, int v) {
        uart.write(off, 4, v);
    }

    @Test
    void resetValuesAsBoardsMdGivesThem() {
        assertEquals(0, rd(ULCON));
        assertEquals(0x3000, rd(UCON));
        assertEquals(0, rd(UFCON));
        assertEquals(0, rd(UMCON));
        assertEquals(0x6, rd(UTRSTAT), "TX buffer and transmitter empty");
        assertEquals(0, rd(UERSTAT));
        assertEquals(0, rd(UFSTAT));
        assertEquals(0, rd(UMSTAT));
        assertEquals(0, rd(UBRDIV));
        assertEquals(0, rd(UFRACVAL));
        assertEquals(0, rd(UINTP));
        assertEquals(0, rd(UINTSP));
        assertEquals(0, rd(UINTM));
        assertFalse(line);
    }

    @Test
    void aByteLeavesAtOnceAndLatchesTheTxSourceOnce() {
        wr(UTXH, 'h');
        uart.write(UTXH, 1, 'i');           // byte writes, as samsung_tty's writeb
        assertEquals("hi", sent.toString());
        assertEquals(0x6, rd(UTRSTAT));
        assertEquals(0, rd(UFSTAT) >>> 16, "TX FIFO count 0, never full");
        assertEquals(INT_TXD, rd(UINTSP));
        assertEquals(INT_TXD, rd(UINTP));
        assertTrue(line, "UINTM is 0 out of reset: the source reaches the line");
        wr(UINTP, INT_TXD);                 // pulse mode (UCON bit 9 = 0): cleared for good
        assertEquals(0, rd(UINTSP));
        assertFalse(line);
    }

    @Test
    void theMaskHoldsTheLineDownButNotTheSource() {
        wr(UINTM, 0xF);
        wr(UTXH, 'x');
        assertEquals(INT_TXD, rd(UINTSP));
        assertEquals(0, rd(UINTP));
        assertFalse(line);
        wr(UINTM, 0xB);                     // unmask TXD only
        assertEquals(INT_TXD, rd(UINTP));
        assertTrue(line);
        wr(UINTSP, INT_TXD);                // UINTSP is write-1-to-clear too
        assertEquals(0, rd(UINTP));
        assertFalse(line);
    }

    @Test
    void aLevelTypeTxInterruptComesBackWhileTheFifoIsBelowItsTrigger() {
        wr(UCON, 0x3000 | UCON_TX_LEVEL | 5);
        assertEquals(INT_TXD, rd(UINTSP), "the empty transmitter meets the condition at once");
        assertTrue(line);
        wr(UINTP, INT_TXD);
        assertEquals(INT_TXD, rd(UINTP), "latched again: the condition still holds");
        assertTrue(line);
        wr(UINTM, INT_TXD);                 // Linux masks TXD when it has nothing to send
        assertFalse(line);
    }

    @Test
    void fifoModeCountsReceivedBytesAndInterruptsAtTheTrigger() {
        wr(UINTM, INT_TXD);
        wr(UFCON, 0x1 | (1 << 4));          // FIFO on, RX trigger field 1: 4 bytes of 16
        assertEquals(4, uart.rxTrigger());
        for (int i = 0; i < 3; i++) {
            uart.receive('a' + i);
        }
        assertEquals(3, rd(UFSTAT));
        assertEquals(0x7, rd(UTRSTAT), "RX data ready");
        assertEquals(0, rd(UINTSP) & INT_RXD, "below the trigger, no timeout enabled");
        assertFalse(line);
        uart.receive('d');
        assertEquals(INT_RXD, rd(UINTP));
        assertTrue(line);
        assertEquals('a', rd(URXH));
        assertEquals(3, rd(UFSTAT));
        wr(UINTP, INT_RXD);
        assertFalse(line, "pulse mode: cleared until the count crosses the trigger again");
    }

    @Test
    void aFullFifoShowsTheFullBitAndRefusesMore() {
        wr(UFCON, 1);
        for (int i = 0; i < 16; i++) {
            assertTrue(uart.canReceive());
            uart.receive(i);
        }
        assertFalse(uart.canReceive());
        assertEquals(UFSTAT_RX_FULL, rd(UFSTAT));
        uart.receive(99);                   // lost: an overrun
        assertEquals(UERSTAT_OVERRUN, rd(UERSTAT));
        assertEquals(0, rd(UERSTAT), "UERSTAT clears when read");
        assertEquals(0, rd(URXH));
        assertEquals(15, rd(UFSTAT));
    }

    @Test
    void theFifoResetBitsSelfClearAndEmptyTheFifo() {
        wr(UFCON, 0x1 | (3 << 4) | (2 << 8));
        uart.receive('x');
        uart.receive('y');
        wr(UFCON, 0x1 | (3 << 4) | (2 << 8) | UFCON_RX_RESET | UFCON_TX_RESET);
        assertEquals(0x1 | (3 << 4) | (2 << 8), rd(UFCON));
        assertEquals(0, rd(UFSTAT));
        assertEquals(0x6, rd(UTRSTAT));
        assertEquals(8, uart.rxTrigger());
        assertEquals(4, uart.txTrigger());
    }

    @Test
    void nonFifoModeHoldsOneByte() {
        wr(UINTM, INT_TXD);
        assertTrue(uart.canReceive());
        uart.receive('q');
        assertFalse(uart.canReceive());
        assertEquals(0x7, rd(UTRSTAT));
        assertEquals(INT_RXD, rd(UINTP));
        assertTrue(line);
        assertEquals('q', rd(URXH));
        assertEquals(0x6, rd(UTRSTAT));
        assertTrue(uart.canReceive());
    }

    @Test
    void theRxTimeoutReportsBytesBelowTheTriggerAtOnce() {
        wr(UINTM, INT_TXD);
        wr(UCON, 0x3000 | UCON_RX_TIMEOUT | 5);
        wr(UFCON, 0x1 | (7 << 4));          // trigger 16
        uart.receive('z');
        assertEquals(0xF, rd(UTRSTAT), "RX timeout status with the data");
        assertEquals(INT_RXD, rd(UINTP));
        wr(UTRSTAT, UTRSTAT_RX_TIMEOUT);
        assertEquals(0x7, rd(UTRSTAT));
    }

    @Test
    void configurationRegistersKeepWhatIsWritten() {
        wr(ULCON, 0x3);
        wr(UCON, 0x30C5);
        wr(UMCON, 0x10);
        wr(UBRDIV, 0x1A);
        wr(UFRACVAL, 0x4);
        assertEquals(0x3, rd(ULCON));
        assertEquals(0x30C5, rd(UCON));
        assertEquals(0x10, rd(UMCON));
        assertEquals(0x1A, rd(UBRDIV));
        assertEquals(0x4, rd(UFRACVAL));
        assertEquals(0x30, uart.read(UCON + 1, 1));
        assertEquals(0, lineChanges, "pulse-type interrupts, nothing sent or received");
    }

    @Test
    void loopbackSendsTheByteToTheReceiverOnly() {
        wr(UCON, 0x3005 | UCON_LOOPBACK);
        wr(UFCON, 1);
        wr(UTXH, 'a');
        wr(UTXH, 'b');
        assertEquals("", sent.toString());
        assertEquals(2, rd(UFSTAT));
        assertEquals(INT_TXD | INT_RXD, rd(UINTSP), "sent (TX) and at the 2-byte trigger (RX)");
        assertEquals('a', rd(URXH));
        wr(UCON, 0x3005);
        wr(UTXH, 'c');
        assertEquals("c", sent.toString());
        assertEquals(1, rd(UFSTAT));
    }

    /** The registers that read without side effects, then UERSTAT and URXH (which consume). */
    private static int[] registers(ExynosUart u) {
        int[] offsets = {ULCON, UCON, UFCON, UMCON, UTRSTAT, UFSTAT, UMSTAT, UBRDIV, UFRACVAL, UINTP, UINTSP,
            UINTM, UERSTAT, URXH};
        int[] values = new int[offsets.length];
        for (int i = 0; i < offsets.length; i++) {
            values[i] = u.read(offsets[i], 4);
        }
        return values;
    }

    @Test
    void aBoardResetLeavesTheUartAsAtPowerOn() {
        wr(ULCON, 3);
        wr(UCON, 0x3C5 | UCON_RX_ERROR_IRQ);
        wr(UFCON, 0x111);
        wr(UBRDIV, 0x35);
        wr(UFRACVAL, 4);
        wr(UINTM, INT_MODEM);
        for (int i = 0; i < 17; i++) {
            uart.receive('a' + i);          // one more than the FIFO holds: an overrun
        }
        assertTrue(line);
        uart.reset();
        assertFalse(line, "the line is driven low");
        ExynosUart fresh = new ExynosUart("fresh", 16, level -> { }, b -> { });
        assertArrayEquals(registers(fresh), registers(uart));
        assertEquals(0x3000, rd(UCON));
        assertEquals(0, rd(UFSTAT), "the FIFO is empty");
    }
}
