package org.hyplab.gic;

/**
 * What a {@link GicListener} hears: each kind names one step on an interrupt's path through the
 * GIC (IHI 0048B 3.2, the interrupt handling state machine; chapter 5 for the virtual steps),
 * says what its {@code cpu}, {@code id} and {@code value} carry, and explains itself in words.
 *
 * <p>An access event (an acknowledge, an EOI) comes before the state changes it causes; a state
 * event comes once its change has happened, so {@link Gic#inspect()} called from the listener
 * shows the new state.
 */
public enum GicEvent {
    /** The interrupt became pending: a line rose, GICD_ISPENDR or SPENDSGIR was written, an SGI was sent. Value: an SGI's source CPUs. */
    PENDING("became pending", "3.2.4, 4.3 GICD_ISPENDRn"),
    /** It stopped being pending: acknowledged, a level-sensitive line fell, or GICD_ICPENDR. Value: an SGI's remaining source CPUs. */
    NOT_PENDING("stopped being pending", "3.2.4, 4.3 GICD_ICPENDRn"),
    /** It became active (acknowledged, or GICD_ISACTIVER). */
    ACTIVE("became active", "3.2.4, 4.3 GICD_ISACTIVERn"),
    /** It was deactivated: GICC_EOIR with EOImode 0, GICC_DIR, a virtual EOI of a hardware list register, or GICD_ICACTIVER. */
    INACTIVE("was deactivated", "3.2.4, 4.4 GICC_DIR, 5.2"),
    /** GICD_ISENABLER enabled it. */
    ENABLED("was enabled", "4.3 GICD_ISENABLERn"),
    /** GICD_ICENABLER disabled it. */
    DISABLED("was disabled", "4.3 GICD_ICENABLERn"),
    /** The CPU read GICC_IAR (or AIAR) and got {@code id}. Value: the IAR value (an SGI's source CPU in [12:10]). */
    ACKNOWLEDGED("was acknowledged through GICC_IAR", "4.4 GICC_IAR"),
    /** The CPU wrote GICC_EOIR (or AEOIR), ID {@code id}. Value: the word written. */
    END_OF_INTERRUPT("was written to GICC_EOIR", "4.4 GICC_EOIR"),
    /** The EOI dropped the running priority. Value: the priority dropped (the group priority of the highest active level). */
    PRIORITY_DROP("dropped the running priority", "3.3, 4.4 GICC_EOIR"),
    /** The GIC changed what it signals to the CPU. ID: none (-1). Value: bit 0 IRQ, 1 FIQ, 2 virtual IRQ, 3 virtual FIQ. */
    CPU_SIGNALS("changed the CPU's interrupt signals", "1.3, 3.3"),
    /** The maintenance interrupt (PPI 25) was asserted. Value: GICH_MISR, the conditions that hold. */
    MAINTENANCE_ASSERTED("asserted the maintenance interrupt", "5.3 GICH_MISR"),
    /** The maintenance interrupt was deasserted. Value: GICH_MISR. */
    MAINTENANCE_DEASSERTED("deasserted the maintenance interrupt", "5.3 GICH_MISR"),
    /** The guest read GICV_IAR and got virtual ID {@code id}. Value: the IAR value (a virtual SGI's source in [12:10]). */
    VIRTUAL_ACKNOWLEDGED("was acknowledged by the guest through GICV_IAR", "5.4"),
    /** The guest wrote GICV_EOIR, virtual ID {@code id}. Value: the word written. */
    VIRTUAL_END_OF_INTERRUPT("was written by the guest to GICV_EOIR", "5.4"),
    /** The guest's EOI dropped the virtual running priority (GICH_APR). Value: the priority dropped. */
    VIRTUAL_PRIORITY_DROP("dropped the virtual running priority", "5.3 GICH_APR"),
    /** A list register holding virtual ID {@code id} left the active state (GICV_EOIR with EOImode 0, or GICV_DIR). Value: the list register's index. */
    VIRTUAL_DEACTIVATED("was deactivated in its list register", "5.2, 5.3 GICH_LRn");

    private final String words;
    private final String section;

    GicEvent(String words, String section) {
        this.words = words;
        this.section = section;
    }

    /** The event in words, e.g. "CPU0: interrupt 27 (PPI) became pending (IHI 0048B 3.2.4, ...)". */
    public String describe(int cpu, int id, int value) {
        String who = cpu == GicListener.SHARED ? "" : "CPU" + cpu + ": ";
        String what = id < 0 ? "the GIC" : (name().startsWith("VIRTUAL") ? "virtual interrupt " : "interrupt ") + id
                + (id < 16 ? " (SGI)" : id < 32 ? " (PPI)" : id < 1020 ? " (SPI)" : " (spurious)");
        String extra = switch (this) {
            case ACKNOWLEDGED, VIRTUAL_ACKNOWLEDGED, END_OF_INTERRUPT, VIRTUAL_END_OF_INTERRUPT ->
                    String.format(", value 0x%x", value);
            case PRIORITY_DROP, VIRTUAL_PRIORITY_DROP -> String.format(", priority 0x%02x", value);
            case CPU_SIGNALS -> ": " + signals(value);
            case MAINTENANCE_ASSERTED, MAINTENANCE_DEASSERTED -> String.format(", GICH_MISR 0x%x", value);
            case VIRTUAL_DEACTIVATED -> ", GICH_LR" + value;
            case PENDING, NOT_PENDING -> id < 16 && value != 0 ? String.format(", from CPUs 0x%x", value) : "";
            default -> "";
        };
        return who + what + " " + words + extra + " (IHI 0048B " + section + ")";
    }

    /** The section of IHI 0048B this step is described in. */
    public String section() {
        return section;
    }

    static String signals(int outputs) {
        if (outputs == 0) {
            return "none";
        }
        StringBuilder s = new StringBuilder();
        String[] names = {"IRQ", "FIQ", "virtual IRQ", "virtual FIQ"};
        for (int i = 0; i < names.length; i++) {
            if ((outputs >>> i & 1) != 0) {
                s.append(s.isEmpty() ? "" : ", ").append(names[i]);
            }
        }
        return s.toString();
    }
}
