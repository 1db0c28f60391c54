package org.hyplab.gic;

import java.util.ArrayList;
import java.util.List;

/**
 * One CPU's virtual interface control (GICH, IHI 0048B 5.3) as the hypervisor programs it, with
 * its list registers decoded, whether the maintenance interrupt (PPI 25) is asserted, and the
 * virtual CPU interface it drives as the guest sees it.
 *
 * @param vmcr        GICH_VMCR, decoded in {@link #guest()} as GICV_CTLR, PMR, BPR and ABPR
 * @param maintenance the maintenance interrupt's level: GICH_HCR.En and some GICH_MISR condition
 * @param guest       the virtual CPU interface (GICV) view
 */
public record VirtualInterfaceState(int cpu, int hcr, int vtr, int vmcr, int misr, int eisr, int elsr, int apr,
        List<ListRegisterState> listRegisters, boolean maintenance, VirtualCpuInterfaceState guest) {

    /** GICH_HCR.EOICount [31:27]: EOIs that found no list register (counted for LRENPIE). */
    public int eoiCount() {
        return hcr >>> 27;
    }

    public List<GicField> fields() {
        String h = "GICH_HCR", s = "5.3 GICH_HCR", m = "5.3 GICH_MISR";
        List<GicField> f = new ArrayList<>(List.of(
                GicField.bit(h, "En", 0, hcr, "the virtual CPU interface works", "virtual interface off: no virtual interrupt", s),
                GicField.bit(h, "UIE", 1, hcr, "maintenance when at most one list register is valid (underflow)", "off", s),
                GicField.bit(h, "LRENPIE", 2, hcr, "maintenance while EOICount is not 0", "off", s),
                GicField.bit(h, "NPIE", 3, hcr, "maintenance when no list register is pending", "off", s),
                GicField.bit(h, "VGrp0EIE", 4, hcr, "maintenance while virtual Group 0 is enabled", "off", s),
                GicField.bit(h, "VGrp0DIE", 5, hcr, "maintenance while virtual Group 0 is disabled", "off", s),
                GicField.bit(h, "VGrp1EIE", 6, hcr, "maintenance while virtual Group 1 is enabled", "off", s),
                GicField.bit(h, "VGrp1DIE", 7, hcr, "maintenance while virtual Group 1 is disabled", "off", s),
                GicField.bits(h, "EOICount", 31, 27, hcr, eoiCount() + " EOIs found no list register", s),
                GicField.bits("GICH_VTR", "ListRegs", 5, 0, vtr, ((vtr & 0x3F) + 1) + " list registers", "5.3 GICH_VTR"),
                GicField.bits("GICH_VTR", "PREbits", 28, 26, vtr, ((vtr >>> 26 & 7) + 1) + " bits of preemption", "5.3 GICH_VTR"),
                GicField.bits("GICH_VTR", "PRIbits", 31, 29, vtr, ((vtr >>> 29 & 7) + 1) + " bits of priority", "5.3 GICH_VTR"),
                GicField.bits("GICH_VMCR", "VMPriMask", 31, 27, vmcr, "GICV_PMR " + String.format("0x%02x", guest.pmr()), "5.3 GICH_VMCR"),
                GicField.bits("GICH_VMCR", "VMBP", 23, 21, vmcr, "GICV_BPR", "5.3 GICH_VMCR"),
                GicField.bits("GICH_VMCR", "VMABP", 20, 18, vmcr, "GICV_ABPR", "5.3 GICH_VMCR"),
                GicField.bits("GICH_VMCR", "VMCtlr", 9, 0, vmcr, "GICV_CTLR " + String.format("0x%x", guest.ctlr()), "5.3 GICH_VMCR"),
                GicField.bit("GICH_MISR", "EOI", 0, misr, "a list register asks for EOI maintenance (GICH_EISR)", "no", m),
                GicField.bit("GICH_MISR", "U", 1, misr, "underflow: at most one list register valid (UIE)", "no", m),
                GicField.bit("GICH_MISR", "LRENP", 2, misr, "EOIs found no list register (LRENPIE)", "no", m),
                GicField.bit("GICH_MISR", "NP", 3, misr, "no list register pending (NPIE)", "no", m),
                GicField.bit("GICH_MISR", "VGrp0E", 4, misr, "virtual Group 0 enabled (VGrp0EIE)", "no", m),
                GicField.bit("GICH_MISR", "VGrp0D", 5, misr, "virtual Group 0 disabled (VGrp0DIE)", "no", m),
                GicField.bit("GICH_MISR", "VGrp1E", 6, misr, "virtual Group 1 enabled (VGrp1EIE)", "no", m),
                GicField.bit("GICH_MISR", "VGrp1D", 7, misr, "virtual Group 1 disabled (VGrp1DIE)", "no", m),
                GicField.bits("GICH_EISR0", "", 3, 0, eisr, "list registers with an EOI maintenance request", "5.3 GICH_EISRn"),
                GicField.bits("GICH_ELSR0", "", 3, 0, elsr, "list registers free for a new interrupt", "5.3 GICH_ELSRn"),
                GicField.bits("GICH_APR", "", 31, 0, apr, "the guest's active priorities", "5.3 GICH_APR"),
                new GicField("maintenance interrupt", "", "", maintenance ? 1 : 0, maintenance
                        ? "asserted: PPI 25 is pending for this CPU" : "deasserted", "5.3 GICH_MISR")));
        return List.copyOf(f);
    }

    public List<String> describe() {
        List<String> lines = new ArrayList<>(GicField.lines("Virtual interface control of CPU" + cpu + " (GICH)", fields()));
        listRegisters.forEach(lr -> lr.describe().forEach(l -> lines.add("  " + l)));
        guest.describe().forEach(l -> lines.add("  " + l));
        return List.copyOf(lines);
    }
}
