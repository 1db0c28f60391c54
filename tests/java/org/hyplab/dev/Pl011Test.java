package org.hyplab.dev;

import static org.hyplab.dev.Pl011.CR;
import static org.hyplab.dev.Pl011.DR;
import static org.hyplab.dev.Pl011.FBRD;
import static org.hyplab.dev.Pl011.FR;
import static org.hyplab.dev.Pl011.IBRD;
import static org.hyplab.dev.Pl011.ICR;
import static org.hyplab.dev.Pl011.IFLS;
import static org.hyplab.dev.Pl011.IMSC;
import static org.hyplab.dev.Pl011.INT_OE;
import static org.hyplab.dev.Pl011.INT_RX;
import static org.hyplab.dev.Pl011.INT_TX;
import static org.hyplab.dev.Pl011.LCR_H;
import static org.hyplab.dev.Pl011.MIS;
import static org.hyplab.dev.Pl011.RIS;
import static org.hyplab.dev.Pl011.RSR;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

import org.hyplab.irq.InterruptLine;
import org.junit.jupiter.api.Test;

/** The PL011 as QEMU 7.2 models it (BOARDS.md §2.4); the transmit cases are also in tests/arm/vexpress/uart.c. */
class Pl011Test {

    private final ByteArrayOutputStream sent = new ByteArrayOutputStream();
    private final List<Boolean> line = new ArrayList<>();
    private final Pl011 uart = new Pl011("uart0", line::add, sent::write);

    private int read(int offset) {
        return uart.read(offset, 4);
    }

    private void write(int offset, int value) {
        uart.write(offset, 4, value);
    }

    private boolean level() {
        return !line.isEmpty() && line.getLast();
    }

    @Test
    void resetValuesAsQemu() {
        assertEquals(0x90, read(FR), "TXFE | RXFE");
        assertEquals(0x300, read(CR));
        assertEquals(0x12, read(IFLS));
        assertEquals(0, read(LCR_H));
        assertEquals(0, read(IMSC));
        assertEquals(0, read(RIS));
        int[] id = {0x11, 0x10, 0x14, 0x00, 0x0D, 0xF0, 0x05, 0xB1};
        for (int i = 0; i < 8; i++) {
            assertEquals(id[i], read(0xFE0 + 4 * i));
        }
    }

    @Test
    void transmitSendsAtOnceAndRaisesTxi() {
        write(DR, 0x141);                        // only the byte leaves
        assertEquals("A", sent.toString());
        assertEquals(0x90, read(FR));
        assertEquals(INT_TX, read(RIS));
        assertEquals(0, read(MIS));
        assertFalse(level());
        write(IMSC, INT_TX);
        assertTrue(level());
        assertEquals(INT_TX, read(MIS));
        write(ICR, INT_RX);
        assertTrue(level(), "clearing another interrupt leaves TXI");
        write(ICR, INT_TX);
        assertFalse(level());
        write(DR, 'B');
        assertTrue(level());
        write(IMSC, 0);
        assertFalse(level());
        assertEquals(List.of(true, false, true, false), line);
    }

    @Test
    void oneByteHoldingRegisterWithoutFifos() {
        assertTrue(uart.canReceive());
        uart.receive('x');
        assertFalse(uart.canReceive());
        assertEquals(Pl011.FR_TXFE | Pl011.FR_RXFF, read(FR));
        assertEquals(INT_RX, read(RIS));
        assertEquals('x', read(DR));
        assertEquals(0x90, read(FR));
        assertEquals(0, read(RIS), "RXI falls when the FIFO is read empty");
        assertTrue(uart.canReceive());
    }

    @Test
    void sixteenByteFifoWithFen() {
        write(LCR_H, 0x70);
        write(IMSC, INT_RX);
        for (int i = 0; i < 15; i++) {
            uart.receive('a' + i);
            assertTrue(level());
            assertEquals(Pl011.FR_TXFE, read(FR), "neither empty nor full after " + (i + 1));
        }
        uart.receive('p');
        assertFalse(uart.canReceive());
        assertEquals(Pl011.FR_TXFE | Pl011.FR_RXFF, read(FR));
        StringBuilder got = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            assertTrue(level(), "RXI stays up while data is left");
            got.append((char) read(DR));
        }
        assertEquals("abcdefghijklmnop", got.toString());
        assertFalse(level());
        assertEquals(0x90, read(FR));
    }

    @Test
    void rxiRisesOnlyWhenTheFifoLeavesEmpty() {
        write(LCR_H, 0x70);
        write(IMSC, INT_RX);
        uart.receive('1');
        write(ICR, INT_RX);
        uart.receive('2');
        assertFalse(level(), "QEMU's trigger is one byte: the second byte raises nothing");
        read(DR);
        read(DR);
        uart.receive('3');
        assertTrue(level());
    }

    /** QEMU returns the FIFO slot at the read position, which holds whatever was last put there. */
    @Test
    void anEmptyFifoReadsStaleData() {
        assertEquals(0, read(DR), "nothing ever received");
        write(LCR_H, 0x70);
        for (int i = 0; i < 16; i++) {
            uart.receive('a' + i);
        }
        for (int i = 0; i < 16; i++) {
            read(DR);
        }
        assertEquals(0x90, read(FR));
        assertEquals('a', read(DR), "the read position came round to the first slot");
        assertEquals('a', read(DR), "and stays there while the FIFO is empty");
    }

    @Test
    void switchingFifosEmptiesTheReceiveSide() {
        write(LCR_H, 0x70);
        write(IMSC, INT_RX);
        uart.receive('a');
        uart.receive('b');
        write(LCR_H, 0x60);
        assertEquals(0x90, read(FR));
        assertFalse(level());
        write(LCR_H, 0x60);                      // no change of FEN: nothing flushed
        uart.receive('c');
        write(LCR_H, 0x62);
        assertEquals('c', read(DR));
    }

    @Test
    void overrunLosesTheByteAndMarksTheNext() {
        uart.receive('a');
        uart.receive('b');                       // the holding register is full
        assertEquals(INT_RX | INT_OE, read(RIS));
        assertEquals('a', read(DR));
        assertEquals(0, read(RSR));
        uart.receive('c');
        assertEquals(Pl011.DR_OE | 'c', read(DR));
        assertEquals(8, read(RSR), "RSR.OE is DR bit 11");
        write(RSR, 0);                           // UARTECR
        assertEquals(0, read(RSR));
        write(ICR, 0x7FF);
        assertEquals(0, read(RIS));
    }

    @Test
    void configurationRegistersKeepTheirTrmWidths() {
        write(IBRD, 0xFFFF_FFFF);
        write(FBRD, 0xFFFF_FFFF);
        write(LCR_H, 0xFFFF_FFFF);
        write(CR, 0xFFFF_FFFF);
        write(IFLS, 0xFFFF_FFFF);
        write(IMSC, 0xFFFF_FFFF);
        assertEquals(0xFFFF, read(IBRD));
        assertEquals(0x3F, read(FBRD));
        assertEquals(0xFF, read(LCR_H));
        assertEquals(0xFFFF, read(CR));
        assertEquals(0x3F, read(IFLS));
        assertEquals(0x7FF, read(IMSC));
        write(FR, 0);
        assertEquals(0x90, read(FR), "FR is read-only");
    }

    /** Every register a driver can read back, DR last (an empty FIFO's DR repeats the last slot). */
    private static int[] registers(Pl011 u) {
        int[] offsets = {RSR, FR, 0x20, IBRD, FBRD, LCR_H, CR, IFLS, IMSC, RIS, MIS, 0x48, DR};
        int[] values = new int[offsets.length];
        for (int i = 0; i < offsets.length; i++) {
            values[i] = u.read(offsets[i], 4);
        }
        return values;
    }

    @Test
    void aBoardResetLeavesTheUartAsAtPowerOn() {
        write(IBRD, 0x27);
        write(FBRD, 4);
        write(LCR_H, 0x70);                 // FEN, 8 bits
        write(CR, 0x301);
        write(IMSC, INT_TX | INT_RX);
        uart.receive('a');
        uart.receive('b');
        write(DR, 'x');                     // TXI
        assertTrue(level());
        uart.reset();
        assertFalse(level(), "the line is driven low");
        assertEquals(0x90, read(FR), "the received bytes are gone");
        Pl011 fresh = new Pl011("fresh", InterruptLine.NONE, b -> { });
        assertArrayEquals(registers(fresh), registers(uart));
        assertEquals(0, registers(uart)[12], "DR of an empty FIFO after reset reads 0, as after power-on");
    }
}
