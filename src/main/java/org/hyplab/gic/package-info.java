/**
 * The GIC-400 interrupt controller: a GICv2 with the Virtualization Extensions (ARM IHI 0048B),
 * for up to eight CPUs. {@link org.hyplab.gic.Gic} assembles the distributor, the CPU interfaces,
 * the virtual interface control and the virtual CPU interfaces, offers their register windows for
 * the bus and the input lines for devices, and drives each CPU's IRQ, FIQ, virtual IRQ and
 * virtual FIQ inputs.
 *
 * <p>For the Lab, two read-only views: {@link org.hyplab.gic.Gic#inspect()} returns a
 * {@link org.hyplab.gic.GicSnapshot} of every register and interrupt, decoded and explained field
 * by field with its IHI 0048B section, computed without side effects (what GICC_IAR or GICV_IAR
 * would return is worked out, not read); and a {@link org.hyplab.gic.GicListener} set with
 * {@link org.hyplab.gic.Gic#setListener} hears each step of an interrupt's path as a
 * {@link org.hyplab.gic.GicEvent}. With no listener each step costs one null check.
 */
package org.hyplab.gic;
