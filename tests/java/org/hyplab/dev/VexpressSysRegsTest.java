package org.hyplab.dev;

import static org.hyplab.dev.VexpressSysRegs.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The V2M-P1 system registers, with the values QEMU 7.2 gives (tests/arm/vexpress/expected/sysregs.txt). */
class VexpressSysRegsTest {

    private long now;
    private final List<String> power = new ArrayList<>();
    private final VexpressSysRegs sys = new VexpressSysRegs(new PowerControl() {
        @Override
        public void powerOff(String why) {
            power.add("off");
        }

        @Override
        public void reboot(String why) {
            power.add("reboot");
        }
    }, () -> now);

    private int read(int offset) {
        return sys.read(offset, 4);
    }

    private void write(int offset, int value) {
        sys.write(offset, 4, value);
    }

    private int cfg(int ctrl, int data) {
        write(SYS_CFGSTAT, 0);
        write(SYS_CFGDATA, data);
        write(SYS_CFGCTRL, CFG_START | ctrl);
        return read(SYS_CFGSTAT);
    }

    @Test
    void identificationAndReadOnlyRegisters() {
        assertEquals(0x1190_F500, read(SYS_ID));
        assertEquals(0x1400_0237, read(SYS_PROCID0));
        assertEquals(0xFF00_0000, read(SYS_PROCID1));
        assertEquals(1, read(SYS_PCICTL));
        for (int off : new int[] {SYS_SW, SYS_100HZ, SYS_RESETCTL, SYS_MCI, SYS_FLASH, SYS_CLCD, SYS_CFGSW, SYS_MISC,
            0x0C}) {
            write(off, 0xFFFF_FFFF);
            assertEquals(0, read(off), "offset " + Integer.toHexString(off));
        }
        write(SYS_ID, 0);
        assertEquals(0x1190_F500, read(SYS_ID));
        assertEquals(0xF500, sys.read(SYS_ID, 2), "a narrower read gets the low bits");
    }

    @Test
    void ledsLockAndCfgData12() {
        write(SYS_LED, 0xA5);
        assertEquals(0xA5, read(SYS_LED));
        write(SYS_LOCK, 0xA05F);
        assertEquals(0xA05F, read(SYS_LOCK));
        write(SYS_LOCK, 0xFFFF_FFFF);
        assertEquals(0x7FFF, read(SYS_LOCK), "anything but the key keeps 15 bits, as QEMU");
        write(SYS_CFGDATA1, 0x1122_3344);
        write(SYS_CFGDATA2, 0x5566_7788);
        assertEquals(0x1122_3344, read(SYS_CFGDATA1));
        assertEquals(0x5566_7788, read(SYS_CFGDATA2));
    }

    @Test
    void flagsSetAndClear() {
        write(SYS_FLAGS, 0x8001_0000);
        write(SYS_FLAGS, 0xF);
        assertEquals(0x8001_000F, read(SYS_FLAGS));
        write(SYS_FLAGSCLR, 0x8000_0005);
        assertEquals(0x0001_000A, read(SYS_FLAGS));
        assertEquals(0x0001_000A, sys.flags());
        assertEquals(0, read(SYS_FLAGSCLR));
        write(SYS_NVFLAGS, 0x00FF_00FF);
        write(SYS_NVFLAGSCLR, 0x000F_000F);
        assertEquals(0x00F0_00F0, read(SYS_NVFLAGS));
    }

    @Test
    void counter24MhzFromMachineTime() {
        assertEquals(0, read(SYS_24MHZ));
        now = 1_000;                              // 1 µs: 24 ticks
        assertEquals(24, read(SYS_24MHZ));
        now = 125;                                // 3 ticks per 125 ns exactly
        assertEquals(3, read(SYS_24MHZ));
        now = 200_000_000_000L;                   // 200 s: 4.8e9 ticks, the low 32 bits
        assertEquals((int) 4_800_000_000L, read(SYS_24MHZ));
    }

    @Test
    void oscillatorsAndVoltagesThroughTheConfigurationInterface() {
        assertEquals(CFGSTAT_COMPLETE, cfg(FUNC_OSC << 20 | 1, 0));
        assertEquals(23_750_000, read(SYS_CFGDATA));
        assertEquals(0x0010_0001, read(SYS_CFGCTRL), "START reads as zero");
        cfg(FUNC_OSC << 20 | 1 << 16, 0);
        assertEquals(60_000_000, read(SYS_CFGDATA));
        cfg(FUNC_OSC << 20 | 1 << 16 | 5, 0);
        assertEquals(23_750_000, read(SYS_CFGDATA));
        assertEquals(CFGSTAT_COMPLETE | CFGSTAT_ERROR, cfg(FUNC_OSC << 20 | 1 << 16 | 9, 0x77));
        assertEquals(0x77, read(SYS_CFGDATA), "a failed read leaves CFGDATA");
        cfg(FUNC_VOLT << 20, 0);
        assertEquals(3_300_000, read(SYS_CFGDATA));
        cfg(FUNC_VOLT << 20 | 1 << 16, 0);
        assertEquals(900_000, read(SYS_CFGDATA));
        assertEquals(CFGSTAT_COMPLETE | CFGSTAT_ERROR, cfg(4 << 20 | 1 << 16, 0), "temperature: none");
        assertEquals(CFGSTAT_COMPLETE, cfg(CFG_WRITE | FUNC_OSC << 20 | 1, 25_000_000));
        cfg(FUNC_OSC << 20 | 1, 0);
        assertEquals(25_000_000, read(SYS_CFGDATA));
        assertEquals(CFGSTAT_COMPLETE | CFGSTAT_ERROR, cfg(FUNC_OSC << 20 | 2 << 16, 0), "site 2");
        assertEquals(CFGSTAT_COMPLETE | CFGSTAT_ERROR, cfg(1 << 26 | FUNC_OSC << 20 | 1, 0), "DCC 1");
        write(SYS_CFGSTAT, 0);
        write(SYS_CFGCTRL, FUNC_OSC << 20 | 3 << 18 | 2);
        assertEquals(0x0010_0002, read(SYS_CFGCTRL), "bits [19:18] read as zero");
        assertEquals(0, read(SYS_CFGSTAT), "no START, no transaction");
        write(SYS_CFGSTAT, 0xFFFF_FFFF);
        assertEquals(3, read(SYS_CFGSTAT));
        assertEquals(List.of(), power);
    }

    @Test
    void shutdownAndRebootOnlyForTheMotherboard() {
        assertEquals(CFGSTAT_COMPLETE | CFGSTAT_ERROR, cfg(CFG_WRITE | FUNC_SHUTDOWN << 20 | 1 << 16, 0));
        assertEquals(CFGSTAT_COMPLETE | CFGSTAT_ERROR, cfg(CFG_WRITE | FUNC_SHUTDOWN << 20 | 1, 0));
        assertEquals(CFGSTAT_COMPLETE, cfg(FUNC_SHUTDOWN << 20, 0) & ~CFGSTAT_ERROR);
        assertEquals(List.of(), power, "a read of SHUTDOWN does nothing");
        write(SYS_CFGCTRL, 0xC080_0000);
        assertEquals(List.of("off"), power);
        write(SYS_CFGCTRL, 0xC090_0000);
        assertEquals(List.of("off", "reboot"), power);
        assertEquals(CFGSTAT_COMPLETE, read(SYS_CFGSTAT));
    }

    @Test
    void resetKeepsTheNonVolatileFlags() {
        write(SYS_FLAGS, 0x8000_0000);
        write(SYS_NVFLAGS, 0x55);
        write(SYS_LED, 3);
        write(SYS_LOCK, 0xA05F);
        write(SYS_CFGDATA, 25_000_000);
        write(SYS_CFGCTRL, CFG_START | CFG_WRITE | FUNC_OSC << 20 | 1);
        sys.reset();
        assertEquals(0, read(SYS_FLAGS));
        assertEquals(0x55, read(SYS_NVFLAGS));
        assertEquals(0, read(SYS_LED));
        assertEquals(0, read(SYS_LOCK));
        cfg(FUNC_OSC << 20 | 1, 0);
        assertEquals(23_750_000, read(SYS_CFGDATA));
    }

    @Test
    void aResetDeviceReadsAsAFreshOneButForWhatSurvives() {
        write(SYS_FLAGS, 0x8001_0000);
        write(SYS_NVFLAGS, 0x55);
        write(SYS_LED, 3);
        write(SYS_LOCK, 0xA05F);
        write(SYS_CFGDATA1, 7);
        write(SYS_CFGDATA2, 8);
        write(SYS_CFGDATA, 25_000_000);
        write(SYS_CFGCTRL, CFG_START | CFG_WRITE | FUNC_OSC << 20 | 1);
        now = 1_000_000_000;                // one second: 24 000 000 counts
        sys.reset();
        VexpressSysRegs fresh = new VexpressSysRegs(new PowerControl() {
            @Override
            public void powerOff(String why) {
            }

            @Override
            public void reboot(String why) {
            }
        }, () -> now);
        for (int off = 0; off < 0x0A0; off += 4) {
            int expected = switch (off) {
                case SYS_NVFLAGS -> 0x55;   // non-volatile
                default -> fresh.read(off, 4);
            };
            assertEquals(expected, read(off), "offset 0x" + Integer.toHexString(off));
        }
        assertEquals(24_000_000, read(SYS_24MHZ), "counting since power-on, not since the reset (as QEMU)");
        assertEquals(CFG_WRITE | FUNC_OSC << 20 | 1, read(SYS_CFGCTRL), "the last transaction stays");
        assertEquals(CFGSTAT_COMPLETE, read(SYS_CFGSTAT));
        assertEquals(25_000_000, read(SYS_CFGDATA));
    }
}
