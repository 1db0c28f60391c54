package org.hyplab.dev;

import java.util.Arrays;
import java.util.function.IntConsumer;

import org.hyplab.irq.InterruptLine;
import org.hyplab.mem.MmioDevice;

/**
 * ARM PrimeCell UART PL011 r1p4 (PL011 TRM DDI 0183; BOARDS.md §2.4), as QEMU 7.2 models it, which
 * the vexpress transcripts are compared with:
 *
 * <ul>
 *   <li>Transmit is instantaneous: a byte written to DR leaves at once, so the transmit FIFO is
 *       always empty (FR.TXFE set, TXFF and BUSY clear) and every DR write raises TXI, which stays
 *       raised until UARTICR clears it.</li>
 *   <li>Receive goes through a 16-entry FIFO when LCR_H.FEN is set, a one-byte holding register
 *       otherwise; changing FEN empties it. RXI rises when the FIFO goes from empty to one byte
 *       and falls when it is read empty (QEMU's trigger level is one byte whatever IFLS says),
 *       so RTI, the receive timeout, never rises: there is never data waiting below the
 *       trigger level.</li>
 *   <li>DR reads the byte with its error bits [11:8], which RSR then holds in [3:0]; reading an
 *       empty FIFO returns the last byte again, as QEMU does.</li>
 *   <li>The interrupt line is (RIS & IMSC) != 0, driven after every change.</li>
 * </ul>
 *
 * Receive does not depend on CR.UARTEN/RXE and transmit not on TXE: QEMU checks neither. A
 * board reset returns the UART to its power-on state (TRM reset values), as later QEMUs' reset
 * method does; QEMU 7.2 has none for the PL011 and keeps every register over a SYS_CFGCTRL
 * reboot ({@code tests/arm/vexpress/README.md}, reboot).
 * Registers are masked to their TRM widths, where QEMU 7.2 keeps whatever is written
 * ({@code tests/arm/vexpress/QEMU-DIFFERENCES.md}).
 */
public final class Pl011 implements MmioDevice, SerialPort, Resettable {

    static final int DR = 0x000, RSR = 0x004, FR = 0x018, ILPR = 0x020, IBRD = 0x024, FBRD = 0x028,
            LCR_H = 0x02C, CR = 0x030, IFLS = 0x034, IMSC = 0x038, RIS = 0x03C, MIS = 0x040, ICR = 0x044,
            DMACR = 0x048;
    static final int FR_BUSY = 1 << 3, FR_RXFE = 1 << 4, FR_TXFF = 1 << 5, FR_RXFF = 1 << 6, FR_TXFE = 1 << 7;
    /** Interrupt bits of RIS, MIS, IMSC and ICR (PL011 TRM 3.3.12-3.3.16). */
    static final int INT_RX = 1 << 4, INT_TX = 1 << 5, INT_RT = 1 << 6, INT_OE = 1 << 10, INT_ALL = 0x7FF;
    static final int LCR_FEN = 1 << 4;
    /** DR bit 11: overrun, set on the byte received after the one that was lost (TRM 3.3.1). */
    static final int DR_OE = 1 << 11;
    static final int FIFO_DEPTH = 16;
    /** PeriphID0-3 and PCellID0-3 at 0xFE0-0xFFC, which Linux's AMBA bus probes (BOARDS.md §2.4). */
    private static final int[] ID = {0x11, 0x10, 0x14, 0x00, 0x0D, 0xF0, 0x05, 0xB1};

    private final String name;
    private final InterruptLine irq;
    private final IntConsumer transmit;

    private final int[] fifo = new int[FIFO_DEPTH];
    private int readPos, count;
    private boolean overrun;
    private int rsr, ilpr, ibrd, fbrd, lcrH, cr, ifls, imsc, ris, dmacr;
    private boolean level;

    /**
     * @param irq      the UART's combined interrupt (UARTINTR), e.g. SPI 5 = ID 37 for UART0
     * @param transmit receives each byte sent, 0-255
     */
    public Pl011(String name, InterruptLine irq, IntConsumer transmit) {
        this.name = name;
        this.irq = irq;
        this.transmit = transmit;
        reset();
    }

    /** Power-on and board reset alike: CR 0x300 (TXE, RXE) and IFLS 0x12, the rest 0 (TRM 3.2). */
    @Override
    public void reset() {
        Arrays.fill(fifo, 0);   // an empty FIFO's DR reads the last slot again: 0 after power-on
        readPos = 0;
        count = 0;
        overrun = false;
        rsr = ilpr = ibrd = fbrd = lcrH = imsc = ris = dmacr = 0;
        cr = 0x300;
        ifls = 0x12;
        drive();   // (RIS & IMSC) is 0: the line goes low
    }

    @Override
    public String name() {
        return name;
    }

    private int depth() {
        return (lcrH & LCR_FEN) != 0 ? FIFO_DEPTH : 1;
    }

    @Override
    public boolean interruptsOnReceive() {
        return (imsc & (INT_RX | INT_RT)) != 0;
    }

    @Override
    public boolean canReceive() {
        return count < depth();
    }

    /**
     * A byte arrives. With the FIFO full it is lost and the overrun is reported, as the TRM says
     * (RIS.OE, and OE in DR bit 11 of the next byte that gets in); QEMU cannot show this, since it
     * offers bytes only while {@link #canReceive()} is true.
     */
    @Override
    public void receive(int b) {
        if (count == depth()) {
            overrun = true;
            ris |= INT_OE;
            drive();
            return;
        }
        int value = (b & 0xFF) | (overrun ? DR_OE : 0);
        overrun = false;
        fifo[(readPos + count) % FIFO_DEPTH] = value;
        count++;
        if (count == 1) {
            ris |= INT_RX;
        }
        drive();
    }

    @Override
    public int read(long offset, int size) {
        int off = (int) offset;
        if (off >= 0xFE0 && off <= 0xFFC && (off & 3) == 0) {
            return ID[(off - 0xFE0) / 4];
        }
        return switch (off) {
            case DR -> readData();
            case RSR -> rsr;
            case FR -> flags();
            case ILPR -> ilpr;
            case IBRD -> ibrd;
            case FBRD -> fbrd;
            case LCR_H -> lcrH;
            case CR -> cr;
            case IFLS -> ifls;
            case IMSC -> imsc;
            case RIS -> ris;
            case MIS -> ris & imsc;
            case DMACR -> dmacr;
            default -> 0;   // ICR is write-only; reserved offsets read as zero on QEMU
        };
    }

    private int flags() {
        return FR_TXFE | (count == 0 ? FR_RXFE : 0) | (count == depth() ? FR_RXFF : 0);
    }

    private int readData() {
        int value = fifo[readPos];
        if (count > 0) {
            readPos = (readPos + 1) % FIFO_DEPTH;
            count--;
        }
        if (count == 0) {
            ris &= ~INT_RX;
        }
        rsr = (value >>> 8) & 0xF;
        drive();
        return value;
    }

    @Override
    public void write(long offset, int size, int value) {
        switch ((int) offset) {
            case DR -> {
                transmit.accept(value & 0xFF);
                ris |= INT_TX;
            }
            case RSR -> rsr = 0;                     // UARTECR: any write clears the errors
            case ILPR -> ilpr = value & 0xFF;
            case IBRD -> ibrd = value & 0xFFFF;
            case FBRD -> fbrd = value & 0x3F;
            case LCR_H -> writeLineControl(value & 0xFF);
            case CR -> cr = value & 0xFFFF;
            case IFLS -> ifls = value & 0x3F;
            case IMSC -> imsc = value & INT_ALL;
            case ICR -> ris &= ~value;
            case DMACR -> dmacr = value & 7;
            default -> { }   // FR and RIS/MIS are read-only
        }
        drive();
    }

    /** Switching the FIFOs on or off empties the receive side (as QEMU does). */
    private void writeLineControl(int value) {
        if (((lcrH ^ value) & LCR_FEN) != 0) {
            readPos = 0;
            count = 0;
            overrun = false;
            ris &= ~INT_RX;
        }
        lcrH = value;
    }

    private void drive() {
        boolean high = (ris & imsc) != 0;
        if (high != level) {
            level = high;
            irq.set(high);
        }
    }
}
