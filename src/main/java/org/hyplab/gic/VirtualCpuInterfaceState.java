package org.hyplab.gic;

import java.util.List;

/**
 * The virtual CPU interface (GICV) as the guest on this CPU sees it (IHI 0048B chapter 5,
 * GICV registers): GICV_CTLR, PMR, BPR and ABPR are views of GICH_VMCR, GICV_APR0 is GICH_APR,
 * and what GICV_IAR would hand out comes from the list registers, computed without
 * acknowledging.
 *
 * @param runningPriority GICV_RPR, 0xFF when nothing is active
 * @param highestPending  GICV_HPPIR
 * @param acknowledge     what a read of GICV_IAR would return now
 * @param virq            the virtual IRQ to the CPU is asserted
 * @param vfiq            the virtual FIQ is asserted
 */
public record VirtualCpuInterfaceState(int ctlr, int pmr, int bpr, int abpr, int runningPriority, int highestPending,
        int acknowledge, int activePriorities, boolean virq, boolean vfiq) {

    public List<GicField> fields() {
        String s = "5.3 GICH_VMCR, 4.4";
        return List.of(
                GicField.bit("GICV_CTLR", "EnableGrp0", 0, ctlr, "virtual Group 0 interrupts are signalled", "virtual Group 0 off", s),
                GicField.bit("GICV_CTLR", "EnableGrp1", 1, ctlr, "virtual Group 1 interrupts are signalled", "virtual Group 1 off", s),
                GicField.bit("GICV_CTLR", "AckCtl", 2, ctlr, "GICV_IAR may acknowledge Group 1", "GICV_IAR returns 1022 for Group 1", s),
                GicField.bit("GICV_CTLR", "FIQEn", 3, ctlr, "virtual Group 0 is signalled as virtual FIQ", "all as virtual IRQ", s),
                GicField.bit("GICV_CTLR", "CBPR", 4, ctlr, "GICV_BPR for both groups", "Group 1 uses GICV_ABPR", s),
                GicField.bit("GICV_CTLR", "EOImode", 9, ctlr, "GICV_EOIR only drops priority; GICV_DIR deactivates",
                        "GICV_EOIR drops priority and deactivates the list register", s),
                GicField.bits("GICV_PMR", "Priority", 7, 0, pmr, pmr == 0 ? "every virtual interrupt masked"
                        : "only priorities below 0x" + Integer.toHexString(pmr) + " are signalled", s),
                GicField.bits("GICV_BPR", "BinaryPoint", 2, 0, bpr, "group priority is bits [7:" + (bpr + 1) + "]", s),
                GicField.bits("GICV_ABPR", "BinaryPoint", 2, 0, abpr, "Group 1 group priority is bits [7:" + abpr + "]", s),
                GicField.bits("GICV_RPR", "Priority", 7, 0, runningPriority, runningPriority == 0xFF
                        ? "idle: no virtual interrupt active" : "the guest's running priority", "5.3 GICH_APR, 4.4.6"),
                GicField.bits("GICV_HPPIR", "InterruptID", 9, 0, highestPending, GicField.interruptId(highestPending), "4.4 GICC_HPPIR, chapter 5 GICV_HPPIR"),
                GicField.bits("GICV_IAR", "InterruptID", 9, 0, acknowledge,
                        "a read now would return " + GicField.interruptId(acknowledge), "4.4.4, 5.3 GICH_LRn"),
                GicField.bits("GICV_APR0", "", 31, 0, activePriorities, "GICH_APR: one bit per active level (priority / 8)",
                        "5.3 GICH_APR"),
                new GicField("virtual IRQ output", "", "", virq ? 1 : 0, virq ? "asserted to the CPU" : "deasserted", "5.1"),
                new GicField("virtual FIQ output", "", "", vfiq ? 1 : 0, vfiq ? "asserted to the CPU" : "deasserted", "5.1"));
    }

    public List<String> describe() {
        return GicField.lines("Virtual CPU interface (GICV), as the guest sees it", fields());
    }
}
