package org.hyplab.trace;

/** A byte the console UART sent (what the hypervisor or a bare-metal program printed). */
public record ConsoleEvent(long cycle, int cpu, int value) implements MachineEvent {

    @Override
    public String describe() {
        return value >= 0x20 && value < 0x7F ? "console: '" + (char) value + "'"
                : String.format("console: 0x%02x", value);
    }
}
