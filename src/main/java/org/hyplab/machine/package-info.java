/**
 * A whole emulated machine: CPUs, bus, devices, and the deterministic loop that runs them.
 * Start reading at {@link org.hyplab.machine.Machine}.
 */
package org.hyplab.machine;
