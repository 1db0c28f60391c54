/**
 * Interrupt wiring shared by devices and interrupt controllers: a device drives an
 * {@link org.hyplab.irq.InterruptLine}; the GIC (a later issue) provides the lines for its PPI
 * and SPI inputs. Nothing here depends on a particular device or controller.
 */
package org.hyplab.irq;
