package org.hyplab.debug;

/** Run until a breakpoint, a watchpoint, the user's pause or the end of the machine. */
public record RunFree() implements Goal {

    @Override
    public boolean perInstruction() {
        return false;
    }

    @Override
    public String describe() {
        return "run";
    }
}
