/**
 * A whole emulated machine: CPUs, bus, devices, and the deterministic loop that runs them
 * ({@link org.hyplab.machine.Machine}); how a board file becomes one
 * ({@link org.hyplab.machine.BoardAssembler}); how a kernel is put into it and started
 * ({@link org.hyplab.machine.BootLoader}).
 */
package org.hyplab.machine;
