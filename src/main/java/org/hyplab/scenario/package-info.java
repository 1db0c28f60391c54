/**
 * Scenarios for the teaching hypervisor: a board and the guests to boot on it, one domain each,
 * described to the hypervisor the way Xen 4.17's dom0less boot describes them (XEN-ABI.md §7),
 * so that the same device tree and boot modules boot on HypLab's hypervisor, on QEMU and on
 * real Xen. Start reading at {@link org.hyplab.scenario.Scenario}: it places the guests' boot
 * modules and makes the boot request; {@link org.hyplab.scenario.Dom0less} writes the
 * {@code /chosen/domU*} nodes; {@link org.hyplab.scenario.GuestKernel} checks a guest's file;
 * {@link org.hyplab.scenario.GuestCatalog} finds guests by name and reads their
 * {@code domain.yaml}; {@link org.hyplab.scenario.ScenarioExport} writes a scenario out with
 * scripts that boot it on QEMU and on real Xen.
 */
package org.hyplab.scenario;
