/** Emulated devices, one class each, each a {@link org.hyplab.mem.MmioDevice} on the bus. */
package org.hyplab.dev;
