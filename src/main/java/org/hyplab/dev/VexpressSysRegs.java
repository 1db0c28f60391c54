package org.hyplab.dev;

import java.util.function.LongSupplier;

import org.hyplab.mem.MmioDevice;
import org.hyplab.timer.SystemCounter;

/**
 * The Versatile Express V2M-P1 system registers at 0x1C010000 (BOARDS.md §2.6), as QEMU 7.2's
 * {@code realview_sysctl} answers them on {@code vexpress-a15}: board identification, LEDs, the
 * lock, the SYS_FLAGS secondary-boot mailbox and the non-volatile flags, the free-running 24 MHz
 * counter, and the configuration interface (SYS_CFGDATA/CTRL/STAT) through which software reads
 * and sets the oscillators, reads the voltage sensors, and powers the board off or restarts it.
 *
 * <p>The configuration interface acts only for DCC 0, position 0 and sites 0 (motherboard) or 1
 * (the CoreTile), as QEMU does; anything else completes with SYS_CFGSTAT.ERROR set. A transaction
 * completes at once: START reads as zero and COMPLETE is set.
 */
public final class VexpressSysRegs implements MmioDevice, Resettable {

    static final int SYS_ID = 0x000, SYS_SW = 0x004, SYS_LED = 0x008, SYS_LOCK = 0x020, SYS_100HZ = 0x024,
            SYS_CFGDATA1 = 0x028, SYS_CFGDATA2 = 0x02C, SYS_FLAGS = 0x030, SYS_FLAGSCLR = 0x034,
            SYS_NVFLAGS = 0x038, SYS_NVFLAGSCLR = 0x03C, SYS_RESETCTL = 0x040, SYS_PCICTL = 0x044,
            SYS_MCI = 0x048, SYS_FLASH = 0x04C, SYS_CLCD = 0x050, SYS_CFGSW = 0x058, SYS_24MHZ = 0x05C,
            SYS_MISC = 0x060, SYS_PROCID0 = 0x084, SYS_PROCID1 = 0x088, SYS_CFGDATA = 0x0A0,
            SYS_CFGCTRL = 0x0A4, SYS_CFGSTAT = 0x0A8;
    static final int ID_V2M_P1 = 0x1190_F500;
    static final int PROCID_V2P_CA15 = 0x1400_0237;
    static final int LOCK_KEY = 0xA05F;
    static final int CFG_START = 1 << 31, CFG_WRITE = 1 << 30;
    static final int FUNC_OSC = 1, FUNC_VOLT = 2, FUNC_MUXFPGA = 7, FUNC_SHUTDOWN = 8, FUNC_REBOOT = 9,
            FUNC_DVIMODE = 11;
    static final int SITE_MB = 0, SITE_DB1 = 1;
    static final int CFGSTAT_COMPLETE = 1, CFGSTAT_ERROR = 2;
    /** Motherboard oscillators OSC0-5 in Hz, as QEMU resets them. */
    private static final int[] MB_CLOCKS = {50_000_000, 23_750_000, 24_000_000, 24_000_000, 24_000_000, 24_000_000};
    /** V2P-CA15 daughterboard oscillators OSCCLK0-8 in Hz (QEMU's {@code a15_clocks}). */
    private static final int[] DB_CLOCKS = {60_000_000, 0, 0, 0, 40_000_000, 23_750_000, 50_000_000, 60_000_000,
        40_000_000};
    /** The motherboard's only voltage sensor (VIO, 3.3 V) and the CoreTile's Vcore (0.9 V), in µV. */
    private static final int MB_VOLTAGE = 3_300_000, DB_VOLTAGE = 900_000;

    private final PowerControl power;
    private final SystemCounter clock24;
    private int leds, lock, cfgData1, cfgData2, flags, nvFlags, cfgData, cfgCtrl, cfgStat;
    private final int[] mbClocks = new int[MB_CLOCKS.length];
    private final int[] dbClocks = new int[DB_CLOCKS.length];

    /** @param now the machine's time in cycles of the nominal 1 GHz clock, 0 at power-on */
    public VexpressSysRegs(PowerControl power, LongSupplier now) {
        this.power = power;
        this.clock24 = new SystemCounter(24_000_000, now);
        reset();   // power-on: what a reset restores, and 0 in what it keeps
    }

    @Override
    public String name() {
        return "sysregs";
    }

    /** The SYS_FLAGS mailbox: where a secondary CPU finds its start address. */
    public int flags() {
        return flags;
    }

    /**
     * What a board reset (SYS_CFGCTRL reboot) restores, as QEMU's {@code arm_sysctl_reset} does:
     * LEDs, lock, flags, CFGDATA1/2 and the oscillators. SYS_NVFLAGS survive it, being
     * non-volatile, and so do SYS_CFGDATA/CTRL/STAT (QEMU leaves them, so the reboot request
     * itself still reads back, COMPLETE set); SYS_24MHZ keeps counting from power-on, as QEMU's
     * counts the virtual clock since the machine started.
     */
    @Override
    public void reset() {
        leds = 0;
        lock = 0;
        cfgData1 = 0;
        cfgData2 = 0;
        flags = 0;
        System.arraycopy(MB_CLOCKS, 0, mbClocks, 0, MB_CLOCKS.length);
        System.arraycopy(DB_CLOCKS, 0, dbClocks, 0, DB_CLOCKS.length);
    }

    @Override
    public int read(long offset, int size) {
        int value = switch ((int) offset) {
            case SYS_ID -> ID_V2M_P1;
            case SYS_LED -> leds;
            case SYS_LOCK -> lock;
            case SYS_CFGDATA1 -> cfgData1;
            case SYS_CFGDATA2 -> cfgData2;
            case SYS_FLAGS -> flags;
            case SYS_NVFLAGS -> nvFlags;
            case SYS_PCICTL -> 1;
            case SYS_24MHZ -> (int) clock24.count();
            case SYS_PROCID0 -> PROCID_V2P_CA15;
            case SYS_PROCID1 -> 0xFF00_0000;
            case SYS_CFGDATA -> cfgData;
            case SYS_CFGCTRL -> cfgCtrl;
            case SYS_CFGSTAT -> cfgStat;
            // SYS_SW, SYS_100HZ, the OSC registers, RESETCTL and CLCD (RAZ/WI on vexpress), MCI with
            // no card, FLASH, CFGSW, MISC and everything else read as zero on QEMU
            default -> 0;
        };
        return size == 4 ? value : value & ((1 << (8 * size)) - 1);
    }

    @Override
    public void write(long offset, int size, int value) {
        switch ((int) offset) {
            case SYS_LED -> leds = value;
            case SYS_LOCK -> lock = value == LOCK_KEY ? value : value & 0x7FFF;
            case SYS_CFGDATA1 -> cfgData1 = value;
            case SYS_CFGDATA2 -> cfgData2 = value;
            case SYS_FLAGS -> flags |= value;        // SYS_FLAGSSET
            case SYS_FLAGSCLR -> flags &= ~value;
            case SYS_NVFLAGS -> nvFlags |= value;    // SYS_NVFLAGSSET
            case SYS_NVFLAGSCLR -> nvFlags &= ~value;
            case SYS_CFGDATA -> cfgData = value;
            case SYS_CFGSTAT -> cfgStat = value & 3;
            case SYS_CFGCTRL -> configure(value);
            default -> { }   // read-only and unimplemented registers ignore writes
        }
    }

    /** A configuration transaction: bits [19:18] and START read as zero; it completes at once. */
    private void configure(int value) {
        cfgCtrl = value & ~(CFG_START | (3 << 18));
        if ((value & CFG_START) == 0) {
            return;
        }
        int dcc = (value >>> 26) & 0xF;
        int function = (value >>> 20) & 0x3F;
        int site = (value >>> 16) & 3;
        int position = (value >>> 12) & 0xF;
        int device = value & 0xFFF;
        boolean ok = dcc == 0 && position == 0 && (site == SITE_MB || site == SITE_DB1)
                && ((value & CFG_WRITE) != 0 ? configWrite(function, site, device) : configRead(function, site, device));
        cfgStat = CFGSTAT_COMPLETE | (ok ? 0 : CFGSTAT_ERROR);
    }

    private boolean configRead(int function, int site, int device) {
        int[] clocks = site == SITE_MB ? mbClocks : dbClocks;
        if (function == FUNC_OSC && device < clocks.length) {
            cfgData = clocks[device];
            return true;
        }
        if (function == FUNC_VOLT && device == 0) {
            cfgData = site == SITE_MB ? MB_VOLTAGE : DB_VOLTAGE;
            return true;
        }
        return false;
    }

    private boolean configWrite(int function, int site, int device) {
        if (function == FUNC_OSC) {
            int[] clocks = site == SITE_MB ? mbClocks : dbClocks;
            if (device < clocks.length) {
                clocks[device] = cfgData;
                return true;
            }
            return false;
        }
        if (site != SITE_MB || device != 0) {
            return false;
        }
        switch (function) {
            case FUNC_SHUTDOWN -> power.powerOff("SYS_CFGCTRL shutdown");
            case FUNC_REBOOT -> power.reboot("SYS_CFGCTRL reboot");
            case FUNC_MUXFPGA, FUNC_DVIMODE -> { }   // video output selection: nothing to select
            default -> {
                return false;
            }
        }
        return true;
    }
}
