package org.hyplab.dev;

/** How a device asks the machine to power off or restart (the board's system controller). */
public interface PowerControl {

    void powerOff(String why);

    void reboot(String why);
}
