/**
 * Control of a running machine, for the Lab and the command line: step an instruction or a
 * source line, step over and out, run to the next trap or interrupt, breakpoints and
 * watchpoints, and where each CPU is (mode, domain, function, file:line). Everything here sits
 * on top of the emulator core through its hooks ({@code Machine.setInstructionHook}, the
 * {@link org.hyplab.trace.Probe}); the core knows nothing of it.
 */
package org.hyplab.debug;
