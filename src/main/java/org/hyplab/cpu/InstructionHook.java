package org.hyplab.cpu;

/**
 * Asked before each instruction a CPU executes while a debugger needs to see every one
 * (breakpoints, single steps). Runs without a hook take the fast loop, which never asks.
 */
@FunctionalInterface
public interface InstructionHook {

    /**
     * Whether the run must stop before the instruction at {@code cpu.pc}: true leaves it
     * unexecuted, with any interrupt that was due already taken (so {@code pc} is the vector).
     */
    boolean stopBefore(Cpu cpu);
}
