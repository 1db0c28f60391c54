package org.hyplab.dev;

import org.hyplab.mem.MmioDevice;

/**
 * The Versatile Express V2M-P1 system registers at 0x1C010000 (BOARDS.md §2.6): board
 * identification, the SYS_FLAGS secondary-boot mailbox, and the configuration interface whose
 * SHUTDOWN and REBOOT functions power the board off and restart it. QEMU acts on those only for
 * site 0, position 0, device 0, DCC 0, and so does this model.
 */
public final class VexpressSysRegs implements MmioDevice {

    static final int SYS_ID = 0x000, SYS_FLAGS = 0x030, SYS_FLAGSCLR = 0x034, SYS_PROCID0 = 0x084,
            SYS_PROCID1 = 0x088, SYS_CFGDATA = 0x0A0, SYS_CFGCTRL = 0x0A4, SYS_CFGSTAT = 0x0A8;
    static final int ID_V2M_P1 = 0x1190_F500;
    static final int PROCID_V2P_CA15 = 0x1400_0237;
    static final int CFG_START = 1 << 31, CFG_WRITE = 1 << 30;
    static final int FUNC_SHUTDOWN = 8, FUNC_REBOOT = 9;
    static final int CFGSTAT_COMPLETE = 1, CFGSTAT_ERROR = 2;

    private final PowerControl power;
    private int flags, cfgData, cfgCtrl, cfgStat;

    public VexpressSysRegs(PowerControl power) {
        this.power = power;
    }

    @Override
    public String name() {
        return "sysregs";
    }

    /** The SYS_FLAGS mailbox: where a secondary CPU finds its start address. */
    public int flags() {
        return flags;
    }

    @Override
    public int read(long offset, int size) {
        return switch ((int) offset) {
            case SYS_ID -> ID_V2M_P1;
            case SYS_FLAGS -> flags;
            case SYS_PROCID0 -> PROCID_V2P_CA15;
            case SYS_PROCID1 -> 0xFF00_0000;
            case SYS_CFGDATA -> cfgData;
            case SYS_CFGCTRL -> cfgCtrl;
            case SYS_CFGSTAT -> cfgStat;
            default -> 0;
        };
    }

    @Override
    public void write(long offset, int size, int value) {
        switch ((int) offset) {
            case SYS_FLAGS -> flags |= value;        // SYS_FLAGSSET
            case SYS_FLAGSCLR -> flags &= ~value;
            case SYS_CFGDATA -> cfgData = value;
            case SYS_CFGSTAT -> cfgStat = value & 3;
            case SYS_CFGCTRL -> configure(value);
            default -> { }
        }
    }

    /** A configuration transaction: runs at once, START self-clears, COMPLETE is set. */
    private void configure(int value) {
        cfgCtrl = value & ~CFG_START;
        if ((value & CFG_START) == 0) {
            return;
        }
        int function = (value >>> 20) & 0x3F;
        boolean motherboardDevice0 = (value & 0x3C03_FFFF) == 0;   // DCC, site, position, device all 0
        cfgStat = CFGSTAT_COMPLETE;
        if ((value & CFG_WRITE) != 0 && motherboardDevice0) {
            if (function == FUNC_SHUTDOWN) {
                power.powerOff("SYS_CFGCTRL shutdown");
            } else if (function == FUNC_REBOOT) {
                power.reboot("SYS_CFGCTRL reboot");
            }
        }
    }
}
