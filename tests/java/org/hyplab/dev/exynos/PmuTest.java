package org.hyplab.dev.exynos;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.hyplab.dev.CorePower;
import org.hyplab.dev.PowerControl;
import org.junit.jupiter.api.Test;

/** The PMU: core power, SWRESET, PS_HOLD power-off (BOARDS.md §3.6), and the chip ID (§3.1). */
class PmuTest {

    private final List<String> events = new ArrayList<>();
    private final boolean[] on = {true, false};
    private final Pmu pmu = new Pmu("pmu", new PowerControl() {
        @Override
        public void powerOff(String why) {
            events.add("off");
        }

        @Override
        public void reboot(String why) {
            events.add("reboot");
        }
    }, new CorePower() {
        @Override
        public boolean isOn(int cpu) {
            return on[cpu];
        }

        @Override
        public void powerOn(int cpu) {
            on[cpu] = true;
            events.add("on" + cpu);
        }

        @Override
        public void powerOff(int cpu) {
            on[cpu] = false;
            events.add("down" + cpu);
        }
    });

    @Test
    void coreStatusFollowsTheCoresAndConfigurationSwitchesThem() {
        assertEquals(3, pmu.read(0x2004, 4), "ARM_CORE0_STATUS");
        assertEquals(0, pmu.read(0x2084, 4), "ARM_CORE1_STATUS");
        pmu.write(0x2080, 4, 3);            // ARM_CORE1_CONFIGURATION = LOCAL_PWR_EN
        assertEquals(List.of("on1"), events);
        assertEquals(3, pmu.read(0x2084, 4));
        assertEquals(3, pmu.read(0x2080, 4));
        pmu.write(0x2080, 4, 3);            // already on: no second reset
        assertEquals(List.of("on1"), events);
        pmu.write(0x2080, 4, 0);
        assertEquals(List.of("on1", "down1"), events);
        assertEquals(0, pmu.read(0x2084, 4));
        pmu.write(0x2084, 4, 3);            // STATUS is read-only
        assertEquals(0, pmu.read(0x2084, 4));
    }

    @Test
    void swresetRebootsAndPsHoldLowPowersOff() {
        pmu.write(0x400, 4, 0);
        assertEquals(List.of(), events);
        pmu.write(0x400, 4, 1);
        assertEquals(List.of("reboot"), events);
        assertEquals(0x5300, pmu.read(0x330C, 4), "PS_HOLD driven high, as the boot loader leaves it");
        pmu.write(0x330C, 4, 0x5300);
        assertEquals(List.of("reboot"), events);
        pmu.write(0x330C, 4, 0x5200);
        assertEquals(List.of("reboot", "off"), events);
        assertEquals(0x5200, pmu.read(0x330C, 4));
    }

    @Test
    void otherRegistersReadBackWithinTheWindow() {
        assertEquals(0, pmu.read(0x0800, 4));
        pmu.write(0x0800, 4, 0x1234_5678);  // INFORM0-like scratch
        assertEquals(0x1234_5678, pmu.read(0x0800, 4));
        pmu.write(0x0801, 1, 0xAB);
        assertEquals(0x1234_AB78, pmu.read(0x0800, 4));
        assertEquals(0xAB, pmu.read(0x0801, 1));
    }

    @Test
    void chipIdNamesTheExynos5250() {
        ChipId chip = new ChipId();
        assertEquals(0x4352_0010, chip.read(0, 4));
        assertEquals(0x4352_0000, chip.read(0, 4) & 0xFFFF_F000);
        assertEquals(0, chip.read(4, 4));
        chip.write(0, 4, 0);
        assertEquals(0x4352_0010, chip.read(0, 4));
    }

    @Test
    void aBoardResetForgetsWhatWasWritten() {
        pmu.write(0x0800, 4, 0x1234);       // INFORM0: kept until the reset (no source says it survives)
        pmu.write(0x330C, 4, 0x5300 | 1 << 12);
        pmu.write(0x2080, 4, 3);            // CPU1 on
        pmu.reset();
        assertEquals(0, pmu.read(0x0800, 4));
        assertEquals(0x5300, pmu.read(0x330C, 4), "PS_HOLD_CONTROL as at power-on");
        assertEquals(3, pmu.read(0x2080, 4), "CONFIGURATION follows the core again (the machine restarts the cores)");
        on[1] = false;
        assertEquals(0, pmu.read(0x2080, 4));
        assertEquals(List.of("on1"), events, "a reset switches no core itself");
    }
}
