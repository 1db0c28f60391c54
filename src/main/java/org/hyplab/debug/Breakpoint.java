package org.hyplab.debug;

/**
 * Stop before the instruction at {@code address} executes in {@code space}.
 *
 * @param label how the user named it ("vgic.c:120", "vgic_dist_access", "0x80001234")
 */
public record Breakpoint(Space space, int address, String label) {

    public String describe() {
        return String.format("%s in %s (%08x)", label, space.label(), address);
    }
}
