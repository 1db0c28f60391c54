package org.hyplab.scenario;

import java.util.List;

import org.hyplab.fdt.FdtNode;
import org.hyplab.fdt.FdtProperty;

/**
 * The domains of a scenario as Xen 4.17's dom0less boot reads them from {@code /chosen}
 * (XEN-ABI.md §7; Xen's docs/misc/arm/device-tree/booting.txt). Per domain:
 * <pre>
 * domU1 {
 *     compatible = "xen,domain";
 *     #address-cells = &lt;1&gt;; #size-cells = &lt;1&gt;;   // for the module's reg
 *     memory = &lt;0 16384&gt;;                         // KiB, as two cells
 *     cpus = &lt;1&gt;;
 *     vpl011;                                      // the emulated SBSA UART at 0x22000000
 *     xen,enhanced = "no-xenstore";                // the hypervisor node, no xenstore: no dom0 needed
 *     module@84000000 {
 *         compatible = "multiboot,kernel", "multiboot,module";
 *         reg = &lt;0x84000000 SIZE&gt;;
 *         bootargs = "console=ttyAMA0";
 *     };
 * };
 * </pre>
 * and {@code xen,xen-bootargs} for Xen itself. HypLab's hypervisor reads the same nodes.
 */
public final class Dom0less {

    /**
     * Xen's own command line: its console on the UART that {@code serial0} names, and every
     * message of Xen's and of the guests' printed; without {@code guest_loglvl=all} Xen drops
     * the guests' console_io lines (XEN-ABI.md §2.1 and the appendix). {@code xsm=dummy}: ARM
     * builds of Xen 4.17 default to the SILO security policy, under which a domU may open event
     * channels and grants only to the control domain, and a dom0less scenario has none; the
     * dummy policy lets a domain act on itself and its peers, as HypLab's hypervisor does.
     */
    public static final String XEN_BOOTARGS = "console=dtuart dtuart=serial0 loglvl=all guest_loglvl=all xsm=dummy";
    /** Without a dom0 only "no-xenstore" works: an empty or "enabled" value panics (§7). */
    public static final String ENHANCED = "no-xenstore";

    private Dom0less() {
    }

    /** Adds {@code xen,xen-bootargs} and one {@code domUN} node per domain to {@code chosen}. */
    public static void write(FdtNode chosen, List<Domain> domains) {
        chosen.set(FdtProperty.string("xen,xen-bootargs", XEN_BOOTARGS));
        for (Domain d : domains) {
            chosen.removeChild(d.nodeName());
            FdtNode node = chosen.add(new FdtNode(d.nodeName()));
            node.set(FdtProperty.string("compatible", "xen,domain"));
            node.set(FdtProperty.cells("#address-cells", 1));
            node.set(FdtProperty.cells("#size-cells", 1));
            long kib = d.guest().memBytes() >> 10;
            node.set(FdtProperty.cells("memory", List.of(kib >>> 32, kib & 0xFFFF_FFFFL)));   // 64-bit, KiB
            node.set(FdtProperty.cells("cpus", d.guest().cpus()));
            node.set(FdtProperty.empty("vpl011"));
            node.set(FdtProperty.string("xen,enhanced", ENHANCED));
            FdtNode module = node.add(new FdtNode("module@" + Long.toHexString(d.moduleAddress())));
            module.set(FdtProperty.strings("compatible", "multiboot,kernel", "multiboot,module"));
            module.set(FdtProperty.cells("reg", List.of(d.moduleAddress(), d.moduleSize())));
            module.set(FdtProperty.string("bootargs", d.guest().bootargs()));
        }
    }
}
