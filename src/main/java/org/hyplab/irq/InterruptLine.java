package org.hyplab.irq;

/**
 * One level-sensitive interrupt wire from a device to an interrupt controller input (a GIC PPI
 * or SPI). The device calls {@link #set} with the level it now drives; the controller samples
 * the level as a level-sensitive input: the interrupt is pending while the line is asserted.
 * A device may call {@code set} with an unchanged level; receivers treat that as a no-op.
 */
@FunctionalInterface
public interface InterruptLine {

    /** A line connected to nothing, for a device whose controller is not wired yet. */
    InterruptLine NONE = level -> { };

    /** Drives the line: {@code true} asserted, {@code false} deasserted. */
    void set(boolean level);
}
