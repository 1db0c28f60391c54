package org.hyplab.dev;

/**
 * How a power controller (the Exynos PMU) switches a CPU core on and off. A core that is off
 * runs nothing; switching it on resets it into the board's boot path for secondaries.
 */
public interface CorePower {

    boolean isOn(int cpu);

    void powerOn(int cpu);

    void powerOff(int cpu);
}
