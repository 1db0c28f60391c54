package org.hyplab.dev;

import java.util.function.IntConsumer;

import org.hyplab.mem.MmioDevice;

/**
 * ARM PrimeCell UART PL011 (PL011 TRM; BOARDS.md §2.4), transmit side: a byte written to DR is
 * sent at once, so the transmit FIFO is always empty (as QEMU models it). Receive and
 * interrupts join with the boards issue; until then RX is always empty and no interrupt is
 * raised. The configuration registers keep what is written, so drivers read back their setup.
 */
public final class Pl011 implements MmioDevice {

    static final int DR = 0x000, FR = 0x018, IBRD = 0x024, FBRD = 0x028, LCR_H = 0x02C, CR = 0x030,
            IFLS = 0x034, IMSC = 0x038, RIS = 0x03C, MIS = 0x040, ICR = 0x044, DMACR = 0x048;
    static final int FR_RXFE = 1 << 4, FR_TXFE = 1 << 7;
    /** PeriphID0-3 and PCellID0-3 at 0xFE0-0xFFC, which Linux's AMBA bus probes (BOARDS.md §2.4). */
    private static final int[] ID = {0x11, 0x10, 0x14, 0x00, 0x0D, 0xF0, 0x05, 0xB1};

    private final String name;
    private final IntConsumer transmit;
    private int ibrd, fbrd, lcrH, cr = 0x300, ifls = 0x12, imsc, dmacr;

    /** @param transmit receives each byte sent, 0-255 */
    public Pl011(String name, IntConsumer transmit) {
        this.name = name;
        this.transmit = transmit;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int read(long offset, int size) {
        int off = (int) offset;
        if (off >= 0xFE0 && off <= 0xFFC && (off & 3) == 0) {
            return ID[(off - 0xFE0) / 4];
        }
        return switch (off) {
            case DR -> 0;
            case FR -> FR_TXFE | FR_RXFE;
            case IBRD -> ibrd;
            case FBRD -> fbrd;
            case LCR_H -> lcrH;
            case CR -> cr;
            case IFLS -> ifls;
            case IMSC -> imsc;
            case DMACR -> dmacr;
            default -> 0;   // RIS, MIS: no interrupt is ever raised yet
        };
    }

    @Override
    public void write(long offset, int size, int value) {
        switch ((int) offset) {
            case DR -> transmit.accept(value & 0xFF);
            case IBRD -> ibrd = value & 0xFFFF;
            case FBRD -> fbrd = value & 0x3F;
            case LCR_H -> lcrH = value & 0xFF;
            case CR -> cr = value & 0xFFFF;
            case IFLS -> ifls = value & 0x3F;
            case IMSC -> imsc = value & 0x7FF;
            case DMACR -> dmacr = value & 7;
            default -> { }   // ICR and read-only registers: nothing to clear or keep
        }
    }
}
