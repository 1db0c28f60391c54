/**
 * The GIC-400 interrupt controller: a GICv2 with the Virtualization Extensions (ARM IHI 0048B),
 * for up to eight CPUs. {@link org.hyplab.gic.Gic} assembles the distributor, the CPU interfaces,
 * the virtual interface control and the virtual CPU interfaces, offers their register windows for
 * the bus and the input lines for devices, and drives each CPU's IRQ, FIQ, virtual IRQ and
 * virtual FIQ inputs.
 */
package org.hyplab.gic;
