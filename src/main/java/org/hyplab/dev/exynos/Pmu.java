package org.hyplab.dev.exynos;

import java.util.HashMap;
import java.util.Map;

import org.hyplab.dev.CorePower;
import org.hyplab.dev.PowerControl;
import org.hyplab.dev.Resettable;
import org.hyplab.mem.MmioDevice;

/**
 * The Exynos 5250 power management unit at 0x10040000 ({@code samsung,exynos5250-pmu}, a
 * syscon; BOARDS.md §3.6): software reset, power-off through PS_HOLD, and the power of each CPU
 * core, which Linux and Xen use to start the secondary CPU. Every other register of its 0x5000
 * window keeps what is written (the clock, retention and sleep options Linux programs), reading
 * 0 until then.
 *
 * <p>A board reset puts every register back as at power-on. The real chip keeps some PMU
 * registers over a SWRESET (its reset-status and inform registers are meant to be read after
 * one), but no source found says which, so none survives here.
 */
public final class Pmu implements MmioDevice, Resettable {

    static final int SWRESET = 0x0400, PS_HOLD_CONTROL = 0x330C, ARM_CORE0_CONFIGURATION = 0x2000,
            CORE_STRIDE = 0x80, CONFIGURATION = 0x0, STATUS = 0x4, WINDOW = 0x5000;
    /** LOCAL_PWR_EN: both bits set = the core is powered (XEN-exy, LNX-exysmp). */
    static final int LOCAL_PWR_EN = 3;
    /**
     * PS_HOLD_CONTROL: bit 9 enables the PMU's drive of the PS_HOLD pin and bit 8 is the level it
     * drives (U-Boot and coreboot set POWER_PS_HOLD_CONTROL_DATA_HIGH = bit 8 at boot to keep the
     * PMIC on; Samsung's kernels name bit 9 EXYNOS_PS_HOLD_EN). Linux's syscon-poweroff writes
     * 0x5200 (BOARDS.md §3.6): driven, low, and the board's PMIC cuts the power.
     */
    static final int PS_HOLD_EN = 1 << 9, PS_HOLD_DATA_HIGH = 1 << 8;
    /**
     * What a kernel finds there: the value Linux's power-off writes with the data bit that the
     * boot loader set (0x5200 | bit 8). Bits 14 and 12 are not documented in any source found.
     */
    static final int PS_HOLD_RESET = 0x5300;

    private final String name;
    private final PowerControl power;
    private final CorePower cores;
    private final Map<Integer, Integer> registers = new HashMap<>();
    private final int coreCount;

    /** @param cores the CPUs whose ARM_COREn registers this PMU serves (two on the 5250) */
    public Pmu(String name, PowerControl power, CorePower cores) {
        this.name = name;
        this.power = power;
        this.cores = cores;
        this.coreCount = 2;
        reset();
    }

    /** Power-on and board reset alike: PS_HOLD_CONTROL as the boot loader left it, the rest unwritten. */
    @Override
    public void reset() {
        registers.clear();
        registers.put(PS_HOLD_CONTROL, PS_HOLD_RESET);
    }

    @Override
    public String name() {
        return name;
    }

    /** The core whose ARM_COREn register block holds this offset, or -1. */
    private int coreOf(int off) {
        int n = (off - ARM_CORE0_CONFIGURATION) / CORE_STRIDE;
        return off >= ARM_CORE0_CONFIGURATION && n < coreCount ? n : -1;
    }

    @Override
    public int read(long offset, int size) {
        int off = (int) offset;
        int aligned = off & ~3;
        int word = readRegister(aligned);
        return size == 4 ? word : (word >>> ((off & 3) * 8)) & (size == 1 ? 0xFF : 0xFFFF);
    }

    private int readRegister(int off) {
        int core = coreOf(off);
        if (core >= 0 && (off - ARM_CORE0_CONFIGURATION) % CORE_STRIDE == STATUS) {
            // STATUS[1:0] reports the power state (3 = on), the field Linux and Xen poll
            return cores.isOn(core) ? LOCAL_PWR_EN : 0;
        }
        if (core >= 0 && (off - ARM_CORE0_CONFIGURATION) % CORE_STRIDE == CONFIGURATION
                && !registers.containsKey(off)) {
            return cores.isOn(core) ? LOCAL_PWR_EN : 0;     // as the board started it
        }
        if (off == SWRESET) {
            return 0;                       // the reset happens; nothing stays to read
        }
        return registers.getOrDefault(off, 0);
    }

    @Override
    public void write(long offset, int size, int value) {
        int off = (int) offset & ~3;
        if (off < 0 || off >= WINDOW) {
            return;
        }
        if (size != 4) {
            int shift = ((int) offset & 3) * 8;
            int mask = (size == 1 ? 0xFF : 0xFFFF) << shift;
            value = (readRegister(off) & ~mask) | ((value << shift) & mask);
        }
        int core = coreOf(off);
        if (core >= 0 && (off - ARM_CORE0_CONFIGURATION) % CORE_STRIDE == STATUS) {
            return;                         // read-only
        }
        if (off == SWRESET) {
            if ((value & 1) != 0) {
                power.reboot("PMU SWRESET");
            }
            return;
        }
        registers.put(off, value);
        if (core >= 0 && (off - ARM_CORE0_CONFIGURATION) % CORE_STRIDE == CONFIGURATION) {
            boolean on = (value & LOCAL_PWR_EN) == LOCAL_PWR_EN;
            boolean down = (value & LOCAL_PWR_EN) == 0;
            if (on && !cores.isOn(core)) {
                cores.powerOn(core);
            } else if (down && cores.isOn(core)) {
                cores.powerOff(core);
            }
        } else if (off == PS_HOLD_CONTROL
                && (value & PS_HOLD_EN) != 0 && (value & PS_HOLD_DATA_HIGH) == 0) {
            power.powerOff("PS_HOLD driven low (PMU PS_HOLD_CONTROL = 0x" + Integer.toHexString(value) + ")");
        }
    }
}
