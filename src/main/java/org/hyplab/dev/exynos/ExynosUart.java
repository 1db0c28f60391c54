package org.hyplab.dev.exynos;

import java.util.Arrays;
import java.util.function.IntConsumer;

import org.hyplab.dev.Resettable;
import org.hyplab.dev.SerialPort;
import org.hyplab.irq.InterruptLine;
import org.hyplab.mem.MmioDevice;

/**
 * The Samsung UART of the Exynos 4210/5250 ({@code samsung,exynos4210-uart}; BOARDS.md §3.4).
 * Transmission is instantaneous: a byte written to UTXH leaves at once, so the transmit FIFO is
 * always empty and the transmitter always idle (as in QEMU's exynos4210 model). The receive side
 * is a FIFO of {@code fifoDepth} bytes in FIFO mode (UFCON bit 0) and a one-byte holding
 * register otherwise.
 *
 * <p>Interrupts follow the S3C/Exynos scheme Linux's samsung_tty driver uses: UINTSP holds the
 * sources (RXD, ERROR, TXD, MODEM), UINTP = UINTSP & ~UINTM, both write-1-to-clear, and the line
 * to the GIC is UINTP != 0. UCON bits 8 and 9 choose, for RX and TX, between a pulse (the source
 * is latched once when its condition becomes true) and a level (it is latched again as long as
 * the condition holds, so clearing it while the condition holds does not lower the line). The
 * conditions: TX, in FIFO mode the TX FIFO count at or below its trigger level, otherwise the
 * holding register empty, both always true here; RX, in FIFO mode the RX count at or above its
 * trigger level, otherwise data in the holding register.
 *
 * <p>Loopback mode (UCON bit 5) connects the transmitter to the receiver inside the UART: a
 * byte written to UTXH arrives in the receive FIFO and does not reach the console, which lets
 * a program exercise the receive side on its own.
 *
 * <p>A board reset (PMU SWRESET resets the whole SoC) returns it to its power-on state.
 */
public final class ExynosUart implements MmioDevice, SerialPort, Resettable {

    static final int ULCON = 0x00, UCON = 0x04, UFCON = 0x08, UMCON = 0x0C, UTRSTAT = 0x10,
            UERSTAT = 0x14, UFSTAT = 0x18, UMSTAT = 0x1C, UTXH = 0x20, URXH = 0x24, UBRDIV = 0x28,
            UFRACVAL = 0x2C, UINTP = 0x30, UINTSP = 0x34, UINTM = 0x38;

    /** UINTP/UINTSP/UINTM bits (LNX-s3c S3C64XX_UINTM_*, XEN-exyuart). */
    static final int INT_RXD = 1, INT_ERROR = 2, INT_TXD = 4, INT_MODEM = 8;
    static final int UTRSTAT_RXDR = 1, UTRSTAT_TXFE = 2, UTRSTAT_TXE = 4, UTRSTAT_RX_TIMEOUT = 8;
    static final int UFCON_FIFO_EN = 1, UFCON_RX_RESET = 2, UFCON_TX_RESET = 4;
    static final int UCON_LOOPBACK = 1 << 5, UCON_RX_ERROR_IRQ = 1 << 6, UCON_RX_TIMEOUT = 1 << 7, UCON_RX_LEVEL = 1 << 8,
            UCON_TX_LEVEL = 1 << 9;
    static final int UFSTAT_RX_FULL = 1 << 8;
    static final int UERSTAT_OVERRUN = 1;
    /** UCON out of reset: 0x3000 (QEMU-exyuart's reset table; BOARDS.md §3.4). */
    static final int UCON_RESET = 0x3000;

    private final String name;
    private final int depth;
    private final InterruptLine irq;
    private final IntConsumer transmit;

    private final byte[] rx;
    private int rxHead, rxCount;
    private int ulcon, ucon, ufcon, umcon, uerstat, ubrdiv, ufracval;
    private int uintsp, uintm;
    private boolean rxTimeout;
    private boolean level;

    /**
     * @param fifoDepth the FIFO size in bytes: 256, 64, 16, 16 for UART0..3 (BOARDS.md §3.4);
     *                  the trigger levels are eighths of it
     * @param irq       the UART's SPI (UART2: SPI 53 = ID 85)
     * @param transmit  receives each byte sent, 0-255
     */
    public ExynosUart(String name, int fifoDepth, InterruptLine irq, IntConsumer transmit) {
        if (fifoDepth < 8 || fifoDepth > 256 || fifoDepth % 8 != 0) {
            throw new IllegalArgumentException("FIFO depth must be a multiple of 8 up to 256: " + fifoDepth);
        }
        this.name = name;
        this.depth = fifoDepth;
        this.irq = irq;
        this.transmit = transmit;
        this.rx = new byte[fifoDepth];
        reset();
    }

    /** Power-on and board reset alike: UCON 0x3000, every other register 0, the FIFO empty. */
    @Override
    public void reset() {
        Arrays.fill(rx, (byte) 0);
        rxHead = rxCount = 0;
        ulcon = ufcon = umcon = uerstat = ubrdiv = ufracval = 0;
        ucon = UCON_RESET;
        uintsp = uintm = 0;
        rxTimeout = false;
        update();   // no source pending: the line goes low
    }

    @Override
    public String name() {
        return name;
    }

    /** Whether the interrupt line is asserted now. */
    public boolean level() {
        return level;
    }

    private boolean fifoMode() {
        return (ufcon & UFCON_FIFO_EN) != 0;
    }

    /**
     * Trigger levels in bytes. The Exynos UARTs scale the 3-bit UFCON fields by depth/8: for a
     * 16-byte FIFO RX triggers at 2, 4, ... 16 bytes and TX at 0, 2, ... 14 (QEMU-exyuart's
     * exynos4210_uart_{Rx,Tx}_FIFO_trigger_level, which give 32/8/2 bytes a step for 256/64/16).
     */
    int rxTrigger() {
        return (((ufcon >> 4) & 7) + 1) * (depth / 8);
    }

    int txTrigger() {
        return ((ufcon >> 8) & 7) * (depth / 8);
    }

    @Override
    public boolean interruptsOnReceive() {
        return (uintm & INT_RXD) == 0;   // UINTP = UINTSP & ~UINTM: RXD must not be masked
    }

    @Override
    public boolean canReceive() {
        return rxCount < (fifoMode() ? depth : 1);
    }

    @Override
    public void receive(int b) {
        if (!canReceive()) {
            // The byte is lost: an overrun (UERSTAT bit 0), an error interrupt if enabled.
            uerstat |= UERSTAT_OVERRUN;
            if ((ucon & UCON_RX_ERROR_IRQ) != 0) {
                uintsp |= INT_ERROR;
            }
            update();
            return;
        }
        rx[(rxHead + rxCount) % depth] = (byte) b;
        rxCount++;
        boolean wasBelow = rxCount - 1 < rxThreshold();
        if (rxCount >= rxThreshold() && wasBelow) {
            uintsp |= INT_RXD;              // the pulse: the condition has just become true
        } else if (fifoMode() && rxCount < rxThreshold() && (ucon & UCON_RX_TIMEOUT) != 0) {
            // Below the trigger, the receive timeout reports the data. HypLab has no line timing
            // (bytes arrive when the user types them), so the timeout is taken to expire at once.
            rxTimeout = true;
            uintsp |= INT_RXD;
        }
        update();
    }

    /** The RX condition's threshold: the trigger level in FIFO mode, one byte otherwise. */
    private int rxThreshold() {
        return fifoMode() ? rxTrigger() : 1;
    }

    private int popRx() {
        if (rxCount == 0) {
            return 0;
        }
        int b = rx[rxHead] & 0xFF;
        rxHead = (rxHead + 1) % depth;
        rxCount--;
        if (rxCount == 0) {
            rxTimeout = false;
        }
        return b;
    }

    /** Latches the level-type sources whose conditions hold, then drives the line from UINTP. */
    private void update() {
        if ((ucon & UCON_TX_LEVEL) != 0) {
            uintsp |= INT_TXD;              // TX count (always 0) <= trigger; holding reg empty
        }
        if ((ucon & UCON_RX_LEVEL) != 0 && rxCount >= rxThreshold()) {
            uintsp |= INT_RXD;
        }
        boolean now = (uintsp & ~uintm & 0xF) != 0;
        if (now != level) {
            level = now;
            irq.set(now);
        }
    }

    @Override
    public int read(long offset, int size) {
        int off = (int) offset;
        int word = readRegister(off & ~3);
        return size == 4 ? word : (word >>> ((off & 3) * 8)) & (size == 1 ? 0xFF : 0xFFFF);
    }

    private int readRegister(int off) {
        return switch (off) {
            case ULCON -> ulcon;
            case UCON -> ucon;
            case UFCON -> ufcon;
            case UMCON -> umcon;
            case UTRSTAT -> (rxCount > 0 ? UTRSTAT_RXDR : 0) | UTRSTAT_TXFE | UTRSTAT_TXE
                    | (rxTimeout ? UTRSTAT_RX_TIMEOUT : 0);
            case UERSTAT -> {
                int v = uerstat;            // read-clears (QEMU-exyuart)
                uerstat = 0;
                yield v;
            }
            // A full FIFO reads as the full bit with a zero count, as in QEMU-exyuart and the
            // S3C family, whose count fields cannot hold the FIFO size; Linux's samsung_tty
            // reads the full bit as "depth bytes".
            case UFSTAT -> rxCount == depth ? UFSTAT_RX_FULL : rxCount;
            case UMSTAT -> 0;               // no modem lines: CTS inactive (QEMU-exyuart reset)
            case URXH -> {
                int b = popRx();
                update();
                yield b;
            }
            case UBRDIV -> ubrdiv;
            case UFRACVAL -> ufracval;
            case UINTP -> uintsp & ~uintm & 0xF;
            case UINTSP -> uintsp;
            case UINTM -> uintm;
            default -> 0;                   // UTXH (write-only) and the rest of the 0x100 window
        };
    }

    @Override
    public void write(long offset, int size, int value) {
        int off = (int) offset;
        if (size != 4) {
            if ((off & ~3) == UTXH) {       // Linux's samsung_tty may use writeb for UTXH
                if ((off & 3) == 0) {
                    sendByte(value & 0xFF);
                }
                return;
            }
            int shift = (off & 3) * 8;
            int mask = (size == 1 ? 0xFF : 0xFFFF) << shift;
            off &= ~3;
            int old = switch (off) {
                case UINTP, UINTSP, UERSTAT, UTRSTAT -> 0;  // write-1-to-clear: untouched bytes clear nothing
                default -> readRegister(off);
            };
            value = (old & ~mask) | ((value << shift) & mask);
        }
        switch (off) {
            case ULCON -> ulcon = value & 0x7F;
            case UCON -> ucon = value;
            case UFCON -> {
                ufcon = value & ~(UFCON_RX_RESET | UFCON_TX_RESET);   // the reset bits self-clear
                if ((value & UFCON_RX_RESET) != 0) {
                    rxHead = rxCount = 0;
                    rxTimeout = false;
                }
            }
            case UMCON -> umcon = value & 0xFF;
            case UTRSTAT -> {
                if ((value & UTRSTAT_RX_TIMEOUT) != 0) {
                    rxTimeout = false;      // the timeout status is cleared by writing 1
                }
            }
            case UTXH -> sendByte(value & 0xFF);
            case UBRDIV -> ubrdiv = value & 0xFFFF;
            case UFRACVAL -> ufracval = value & 0xF;
            case UINTP, UINTSP -> uintsp &= ~value;
            case UINTM -> uintm = value & 0xF;
            default -> { }                  // UERSTAT, UFSTAT, UMSTAT, URXH are read-only
        }
        update();
    }

    private void sendByte(int b) {
        if ((ucon & UCON_LOOPBACK) != 0) {
            receive(b);                     // loopback: the transmitter feeds the receiver only
        } else {
            transmit.accept(b);
        }
        // The byte has left at once: the holding register / FIFO is empty again, the TX
        // condition's edge (pulse mode latches it here; level mode latches it in update()).
        uintsp |= INT_TXD;
        update();
    }
}
