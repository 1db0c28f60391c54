package org.hyplab.dev;

/**
 * A device whose state changes with time (a timer, a free-running counter) rather than only
 * when the CPU accesses it. Time is the machine's: cycles of the nominal 1 GHz instruction clock
 * (org.hyplab.timer.SystemCounter), read through the {@code LongSupplier} each such device is
 * built with, never the wall clock. A device computes its registers from that time when they
 * are read, so between events it costs nothing; the machine asks it when the next event is due
 * and stops its CPUs there, so an interrupt rises at the exact instruction it would on a board
 * whose clocks were those nominal ones.
 */
public interface TimedDevice {

    /**
     * The earliest machine cycle, after now, at which an output of this device changes (an
     * interrupt line rises), or {@link Long#MAX_VALUE} when none will without another access.
     */
    long nextEventCycle();

    /** Brings the device's interrupt lines up to date with the machine's time now. */
    void update();
}
