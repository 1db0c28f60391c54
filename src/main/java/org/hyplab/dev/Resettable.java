package org.hyplab.dev;

/**
 * A device with state that a board reset (vexpress SYS_CFGCTRL reboot, Exynos PMU SWRESET)
 * puts back. {@link org.hyplab.machine.Machine} resets every one it was given before the CPUs
 * restart.
 */
public interface Resettable {

    /**
     * Returns the device to its power-on state, as a board reset does: registers as out of
     * reset, FIFOs empty, interrupt lines low, timers counting (when started) from now. State the
     * hardware keeps over a reset, such as non-volatile flags, is the device's to keep.
     */
    void reset();
}
