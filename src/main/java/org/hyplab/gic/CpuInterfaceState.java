package org.hyplab.gic;

import java.util.ArrayList;
import java.util.List;

/**
 * One CPU's physical CPU interface (GICC, IHI 0048B 4.4) in a GIC without the Security
 * Extensions: its control, mask and binary points, its running priority and active priorities,
 * which interrupt it would hand out now and whether it signals the CPU.
 *
 * @param runningPriority  GICC_RPR: the group priority of the highest active level, 0xFF when none
 * @param highestPending   GICC_HPPIR: the highest-priority pending interrupt above the mask, whatever the running priority
 * @param acknowledge      what a read of GICC_IAR would return now (it also needs priority above the running priority); nothing was acknowledged to learn it
 * @param activePriorities GICC_APR0-3, one bit per active preemption level
 * @param irq              the IRQ output to the CPU is asserted
 * @param fiq              the FIQ output is asserted
 */
public record CpuInterfaceState(int cpu, int ctlr, int pmr, int bpr, int abpr, int runningPriority,
        int highestPending, int acknowledge, List<Integer> activePriorities, boolean irq, boolean fiq) {

    public List<GicField> fields() {
        String c = "GICC_CTLR";
        List<GicField> f = new ArrayList<>(List.of(
                GicField.bit(c, "EnableGrp0", 0, ctlr, "Group 0 interrupts are signalled", "Group 0 interrupts are not signalled", "4.4.1"),
                GicField.bit(c, "EnableGrp1", 1, ctlr, "Group 1 interrupts are signalled", "Group 1 interrupts are not signalled", "4.4.1"),
                GicField.bit(c, "AckCtl", 2, ctlr, "GICC_IAR may acknowledge a Group 1 interrupt",
                        "GICC_IAR returns 1022 for a Group 1 interrupt (GICC_AIAR acknowledges it)", "4.4.1"),
                GicField.bit(c, "FIQEn", 3, ctlr, "Group 0 interrupts are signalled as FIQ", "every interrupt is signalled as IRQ", "4.4.1"),
                GicField.bit(c, "CBPR", 4, ctlr, "GICC_BPR sets the group priority of both groups",
                        "Group 1 uses GICC_ABPR", "4.4.1, 4.4.3"),
                GicField.bit(c, "EOImodeS", 9, ctlr, "GICC_EOIR only drops priority; GICC_DIR deactivates",
                        "GICC_EOIR drops priority and deactivates", "4.4.1, 3.3.4"),
                GicField.bit(c, "EOImodeNS", 10, ctlr, "for Group 1: GICC_AEOIR only drops priority; GICC_DIR deactivates",
                        "for Group 1: GICC_AEOIR drops priority and deactivates", "4.4.1, 3.3.4"),
                GicField.bits("GICC_PMR", "Priority", 7, 0, pmr, pmr == 0 ? "every interrupt masked"
                        : "only priorities below 0x" + Integer.toHexString(pmr) + " are signalled", "4.4.2"),
                GicField.bits("GICC_BPR", "BinaryPoint", 2, 0, bpr,
                        "group priority is priority bits [7:" + (bpr + 1) + "]: preemption among those only", "3.3.3, 4.4.3"),
                GicField.bits("GICC_ABPR", "BinaryPoint", 2, 0, abpr,
                        "Group 1 group priority is bits [7:" + abpr + "]", "3.3.3, 4.4 GICC_ABPR"),
                GicField.bits("GICC_RPR", "Priority", 7, 0, runningPriority, runningPriority == 0xFF
                        ? "idle: no interrupt active" : "running priority of the highest active interrupt", "3.3, 4.4.6"),
                GicField.bits("GICC_HPPIR", "InterruptID", 9, 0, highestPending, GicField.interruptId(highestPending), "4.4 GICC_HPPIR"),
                GicField.bits("GICC_IAR", "InterruptID", 9, 0, acknowledge,
                        "a read now would return " + GicField.interruptId(acknowledge), "4.4.4")));
        for (int n = 0; n < activePriorities.size(); n++) {
            int w = activePriorities.get(n);
            f.add(GicField.bits("GICC_APR" + n, "", 31, 0, w, w == 0 ? "no active level"
                    : "active levels (group priority / 2): bits set for each preempted or running level", "4.4 GICC_APRn"));
        }
        f.add(new GicField("IRQ output", "", "", irq ? 1 : 0, irq ? "asserted to the CPU" : "deasserted", "3.3, 1.3"));
        f.add(new GicField("FIQ output", "", "", fiq ? 1 : 0, fiq ? "asserted to the CPU" : "deasserted", "3.3, 1.3"));
        return List.copyOf(f);
    }

    public List<String> describe() {
        return GicField.lines("CPU interface of CPU" + cpu + " (GICC)", fields());
    }
}
