package org.hyplab.scenario;

/**
 * One guest of a scenario: its kernel and the domain it asks for. Each guest becomes one domain,
 * numbered 1, 2, ... in the scenario's order, as Xen numbers dom0less domains in device-tree
 * order (XEN-ABI.md §7).
 *
 * @param kernel   the guest kernel file, checked
 * @param cpus     the domain's virtual CPUs
 * @param memBytes the domain's RAM, at guest address 0x40000000
 * @param bootargs the kernel's command line: its module's {@code bootargs}, which the guest
 *                 finds in its own device tree's {@code /chosen} (on Xen too)
 */
public record Guest(GuestKernel kernel, int cpus, long memBytes, String bootargs) {

    /** What a domain gets when neither its domain.yaml nor the command line says. */
    public static final int DEFAULT_CPUS = 1;
    public static final long DEFAULT_MEMORY = 16L << 20;
    public static final String DEFAULT_BOOTARGS = "console=ttyAMA0";

    public Guest(GuestKernel kernel, int cpus, long memBytes) {
        this(kernel, cpus, memBytes, DEFAULT_BOOTARGS);
    }

    public String name() {
        return kernel.name();
    }

    public Guest withCpus(int n) {
        return new Guest(kernel, n, memBytes, bootargs);
    }

    public Guest withMemory(long bytes) {
        return new Guest(kernel, cpus, bytes, bootargs);
    }

    public Guest withBootargs(String text) {
        return new Guest(kernel, cpus, memBytes, text);
    }
}
