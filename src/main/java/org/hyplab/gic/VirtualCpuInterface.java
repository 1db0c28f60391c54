package org.hyplab.gic;

/**
 * The virtual CPU interface (GICV, IHI 0048B 5.4): the GICC register layout as a guest sees it,
 * driven by one CPU's list registers instead of the distributor. GICV_CTLR, PMR, BPR and ABPR
 * are views of GICH_VMCR; GICV_APR0 is GICH_APR.
 *
 * <p>Acknowledging (GICV_IAR) takes the highest-priority list register in the pending state
 * whose group is enabled, priority below the virtual priority mask and group priority below the
 * virtual running priority, makes it active and records its group priority in GICH_APR. EOI
 * drops that priority; deactivation (GICV_EOIR with EOImode 0, GICV_DIR with EOImode 1) clears
 * the active state of the matching list register and, for a hardware interrupt (HW = 1),
 * deactivates its physical interrupt in the distributor (5.2.1). A deactivation that finds no
 * list register increments GICH_HCR.EOICount (5.3.1).
 */
final class VirtualCpuInterface {

    private static final int SPURIOUS = Distributor.SPURIOUS;
    private static final int NONE = -1;

    private VirtualCpuInterface() {
    }

    private static int groupPriority(VirtualInterface v, int lr) {
        boolean cbpr = (v.vmcr & CpuInterface.CBPR) != 0;
        int bpr = ListRegister.group(lr) == 1 && !cbpr ? (v.vmcr >>> 18 & 7) - 1 : v.vmcr >>> 21 & 7;
        return ActivePriorities.groupPriority(ListRegister.priority(lr), bpr);
    }

    static int priorityMask(VirtualInterface v) {
        return (v.vmcr >>> 27) << 3;
    }

    /** Index of the highest-priority pending list register whose group is enabled; lowest index on ties. */
    private static int highestPending(VirtualInterface v) {
        if (!v.enabled()) {
            return NONE;
        }
        int best = NONE;
        int bestPriority = 0x100;
        for (int i = 0; i < v.lr.length; i++) {
            int lr = v.lr[i];
            if (ListRegister.state(lr) != ListRegister.PENDING || (v.vmcr >>> ListRegister.group(lr) & 1) == 0) {
                continue;
            }
            if (ListRegister.priority(lr) < bestPriority) {
                bestPriority = ListRegister.priority(lr);
                best = i;
            }
        }
        return best;
    }

    /** The list register that would be signalled now, or NONE. */
    private static int signalled(VirtualInterface v) {
        int i = highestPending(v);
        if (i == NONE || ListRegister.priority(v.lr[i]) >= priorityMask(v)
                || groupPriority(v, v.lr[i]) >= v.apr.running()) {
            return NONE;
        }
        return i;
    }

    /** The virtual running priority as GICV_RPR reads it: 0xFF when nothing is active. */
    static int runningPriority(VirtualInterface v) {
        return v.apr.running() == ActivePriorities.IDLE ? 0xFF : v.apr.running();
    }

    /** Outputs to the processor: bit 0 virtual IRQ, bit 1 virtual FIQ (Group 0 with VMFIQEn). */
    static int outputs(VirtualInterface v) {
        int i = signalled(v);
        if (i == NONE) {
            return 0;
        }
        return ListRegister.group(v.lr[i]) == 0 && (v.vmcr & CpuInterface.FIQ_EN) != 0 ? 2 : 1;
    }

    private static int idOf(int lr) {
        int id = ListRegister.virtualId(lr);
        return id < 16 && !ListRegister.hw(lr) ? id | ListRegister.cpuId(lr) << 10 : id;
    }

    /** What GICV_IAR (or AIAR, for {@code group1Alias}) would return now, without acknowledging. */
    static int wouldAcknowledge(VirtualInterface v, boolean group1Alias) {
        int i = signalled(v);
        return i == NONE ? SPURIOUS : acknowledgeValue(v, i, group1Alias);
    }

    /** The IAR value for list register {@code i}: its ID, or 1023 / 1022 when the group forbids it (4.4.4). */
    private static int acknowledgeValue(VirtualInterface v, int i, boolean group1Alias) {
        int g = ListRegister.group(v.lr[i]);
        if (group1Alias && g == 0) {
            return SPURIOUS;
        }
        if (!group1Alias && g == 1 && (v.vmcr & CpuInterface.ACK_CTL) == 0) {
            return 1022;
        }
        return idOf(v.lr[i]);
    }

    private static int acknowledge(VirtualInterface v, boolean group1Alias) {
        int i = signalled(v);
        if (i == NONE) {
            return SPURIOUS;
        }
        int value = acknowledgeValue(v, i, group1Alias);
        if ((value & 0x3FF) >= 1022) {
            return value;   // the group may not be acknowledged here: nothing changes
        }
        int lr = v.lr[i];
        if (v.listener != null) {
            v.listener.event(GicEvent.VIRTUAL_ACKNOWLEDGED, v.cpu, value & 0x3FF, value);
        }
        v.lr[i] = ListRegister.withState(lr, ListRegister.ACTIVE);
        v.apr.activate(groupPriority(v, lr));
        return value;
    }

    static int highestPendingId(VirtualInterface v, boolean group1Alias) {
        int i = highestPending(v);
        if (i == NONE || ListRegister.priority(v.lr[i]) >= priorityMask(v)) {
            return SPURIOUS;
        }
        int g = ListRegister.group(v.lr[i]);
        if (group1Alias && g == 0) {
            return SPURIOUS;
        }
        if (!group1Alias && g == 1 && (v.vmcr & CpuInterface.ACK_CTL) == 0) {
            return 1022;
        }
        return idOf(v.lr[i]);
    }

    private static void endOfInterrupt(VirtualInterface v, int value) {
        if (v.listener != null) {
            v.listener.event(GicEvent.VIRTUAL_END_OF_INTERRUPT, v.cpu, value & 0x3FF, value);
        }
        if ((value & 0x3FF) >= 1020) {
            return;
        }
        int running = v.apr.running();
        if (!v.apr.dropHighest()) {
            return;   // an EOI that drops no priority is not counted either (5.3.1 EOICount)
        }
        if (v.listener != null) {
            v.listener.event(GicEvent.VIRTUAL_PRIORITY_DROP, v.cpu, value & 0x3FF, running);
        }
        if ((v.vmcr & CpuInterface.EOIMODE_S) == 0) {
            deactivate(v, value);
        }
    }

    /** Deactivates the active list register holding {@code value}'s ID (and source CPU for a virtual SGI). */
    private static void deactivate(VirtualInterface v, int value) {
        int id = value & 0x3FF;
        int source = value >>> 10 & 7;
        for (int i = 0; i < v.lr.length; i++) {
            int lr = v.lr[i];
            if ((ListRegister.state(lr) & ListRegister.ACTIVE) == 0 || ListRegister.virtualId(lr) != id) {
                continue;
            }
            if (id < 16 && !ListRegister.hw(lr) && ListRegister.cpuId(lr) != source) {
                continue;
            }
            v.lr[i] = ListRegister.withState(lr, ListRegister.state(lr) & ~ListRegister.ACTIVE);
            if (v.listener != null) {
                v.listener.event(GicEvent.VIRTUAL_DEACTIVATED, v.cpu, id, i);
            }
            if (ListRegister.hw(lr)) {
                v.dist.deactivate(v.cpu, ListRegister.physicalId(lr));
            }
            return;
        }
        v.countUnmatchedEoi();
    }

    static int read(VirtualInterface v, int off) {
        return switch (off) {
            case 0x00 -> v.vmcr & VirtualInterface.VMCR_CTLR_MASK;
            case 0x04 -> priorityMask(v);
            case 0x08 -> v.vmcr >>> 21 & 7;
            case 0x0C -> acknowledge(v, false);
            case 0x14 -> runningPriority(v);
            case 0x18 -> highestPendingId(v, false);
            case 0x1C -> v.vmcr >>> 18 & 7;
            case 0x20 -> acknowledge(v, true);
            case 0x28 -> highestPendingId(v, true);
            case 0xD0 -> v.apr.word(0);
            case 0xFC -> CpuInterface.IIDR;
            default -> 0;
        };
    }

    static void write(VirtualInterface v, int off, int value) {
        switch (off) {
            case 0x00 -> v.vmcr = v.vmcr & ~VirtualInterface.VMCR_CTLR_MASK | value & VirtualInterface.VMCR_CTLR_MASK;
            case 0x04 -> v.vmcr = v.vmcr & ~(0x1F << 27) | (value >>> 3 & 0x1F) << 27;
            case 0x08 -> v.writeVmcr(v.vmcr & ~(7 << 21) | (value & 7) << 21);
            case 0x10, 0x24 -> endOfInterrupt(v, value);
            case 0x1C -> v.writeVmcr(v.vmcr & ~(7 << 18) | (value & 7) << 18);
            case 0xD0 -> v.apr.setWord(0, value);
            case 0x1000 -> {
                if ((v.vmcr & CpuInterface.EOIMODE_S) != 0) {
                    deactivate(v, value);
                }
            }
            default -> { }
        }
    }
}
