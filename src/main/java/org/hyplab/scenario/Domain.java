package org.hyplab.scenario;

/**
 * A guest placed for boot: domain {@code id} (1, 2, ... in device-tree order, as Xen numbers
 * dom0less domains, XEN-ABI.md §7), whose kernel the boot loader puts at {@code moduleAddress}.
 */
public record Domain(int id, Guest guest, long moduleAddress) {

    /** The node's name under /chosen: Xen's examples and ImageBuilder call them domU1, domU2, ... */
    public String nodeName() {
        return "domU" + id;
    }

    public long moduleSize() {
        return guest.kernel().size();
    }

    /** The line prefix Xen and HypLab's hypervisor give the domain's console output. */
    public String prefix() {
        return "(d" + id + ") ";
    }
}
