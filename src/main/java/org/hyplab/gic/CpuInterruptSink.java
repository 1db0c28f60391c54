package org.hyplab.gic;

/**
 * The four interrupt outputs the GIC drives into one processor: the physical IRQ and FIQ from
 * its CPU interface and the virtual IRQ and FIQ from its virtual CPU interface (IHI 0048B 1.3,
 * 5.1). {@code Cpu::setInterruptLines} has this shape.
 */
@FunctionalInterface
public interface CpuInterruptSink {

    CpuInterruptSink NONE = (irq, fiq, virq, vfiq) -> { };

    void set(boolean irq, boolean fiq, boolean virq, boolean vfiq);
}
