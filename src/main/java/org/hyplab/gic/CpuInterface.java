package org.hyplab.gic;

/**
 * One CPU's physical CPU interface (GICC, IHI 0048B chapters 3 and 4.4) in a GICv2 without the
 * Security Extensions, where GICC_CTLR has the layout of the Secure copy (4.4.1) and
 * GICC_ABPR, AIAR, AEOIR and AHPPIR handle Group 1 (4.4.4, 4.4.10-4.4.12).
 *
 * <p>It signals the distributor's highest-priority pending interrupt when that priority is
 * below GICC_PMR and its group priority below the running priority (preemption, 3.3); as FIQ
 * when it is Group 0 and FIQEn is set, otherwise as IRQ. Acknowledging sets the interrupt's
 * group priority in the active priorities; EOI drops the highest of them and, with EOImode 0,
 * also deactivates the interrupt; with EOImode 1 GICC_DIR deactivates it (3.3.4, 4.4.15).
 */
final class CpuInterface {

    static final int IIDR = 0x2043B;
    /** GICC_CTLR bits (4.4.1, Secure copy layout). */
    static final int EN_GRP0 = 1, EN_GRP1 = 1 << 1, ACK_CTL = 1 << 2, FIQ_EN = 1 << 3, CBPR = 1 << 4,
            EOIMODE_S = 1 << 9, EOIMODE_NS = 1 << 10;
    /** Writable GICC_CTLR bits; the bypass-disable bits [8:5] are RAZ/WI as in QEMU (no bypass modelled). */
    static final int CTLR_MASK = EN_GRP0 | EN_GRP1 | ACK_CTL | FIQ_EN | CBPR | EOIMODE_S | EOIMODE_NS;
    /** Smallest binary points with eight priority bits implemented (4.4.3, 4.4.4). */
    static final int MIN_BPR = 0, MIN_ABPR = 1;

    private static final int SPURIOUS = Distributor.SPURIOUS;
    private static final int GROUP1_NOT_ACKNOWLEDGED = 1022;

    private final int cpu;
    private final Distributor dist;
    private final ActivePriorities apr = new ActivePriorities(MIN_BPR);
    private int ctlr, pmr, bpr, abpr;
    /** Told of acknowledges, EOIs and priority drops; null: nobody listens. */
    GicListener listener;

    CpuInterface(int cpu, Distributor dist) {
        this.cpu = cpu;
        this.dist = dist;
        reset();
    }

    void reset() {
        ctlr = 0;
        pmr = 0;
        bpr = MIN_BPR;
        abpr = MIN_ABPR;
        apr.clear();
    }

    /** Group priority of {@code id}: Group 1 uses GICC_ABPR unless CBPR shares GICC_BPR (4.4.3). */
    private int groupPriority(int id) {
        int b = dist.group(cpu, id) == 1 && (ctlr & CBPR) == 0 ? abpr - 1 : bpr;
        return ActivePriorities.groupPriority(dist.priority(cpu, id), b);
    }

    /** The highest pending interrupt if it has sufficient priority to be signalled now, else SPURIOUS. */
    private int signalled() {
        int id = dist.highestPending(cpu, ctlr & (EN_GRP0 | EN_GRP1));
        if (id == SPURIOUS || dist.priority(cpu, id) >= pmr || groupPriority(id) >= apr.running()) {
            return SPURIOUS;
        }
        return id;
    }

    /** The outputs for the processor: bit 0 IRQ, bit 1 FIQ. */
    int outputs() {
        int id = signalled();
        if (id == SPURIOUS) {
            return 0;
        }
        return dist.group(cpu, id) == 0 && (ctlr & FIQ_EN) != 0 ? 2 : 1;
    }

    /**
     * What GICC_IAR (4.4.4) or, for {@code group1Alias}, GICC_AIAR would return now, without
     * acknowledging: the signalled interrupt (an SGI with its lowest source CPU in [12:10]), 1022
     * for a Group 1 interrupt that GICC_IAR may not acknowledge (AckCtl 0), or 1023.
     */
    int wouldAcknowledge(boolean group1Alias) {
        int id = signalled();
        if (id == SPURIOUS) {
            return SPURIOUS;
        }
        int g = dist.group(cpu, id);
        if (group1Alias && g == 0) {
            return SPURIOUS;
        }
        if (!group1Alias && g == 1 && (ctlr & ACK_CTL) == 0) {
            return GROUP1_NOT_ACKNOWLEDGED;   // the Group 1 interrupt stays pending (4.4.4)
        }
        return id < 16 ? id | lowestSource(id) << 10 : id;
    }

    /** GICC_IAR or AIAR: acknowledges what {@link #wouldAcknowledge} names; the SGI's lowest source is taken. */
    private int acknowledge(boolean group1Alias) {
        int value = wouldAcknowledge(group1Alias);
        int id = value & 0x3FF;
        if (id >= GROUP1_NOT_ACKNOWLEDGED) {
            return value;   // 1022 or 1023: nothing is acknowledged
        }
        if (listener != null) {
            listener.event(GicEvent.ACKNOWLEDGED, cpu, id, value);
        }
        dist.acknowledge(cpu, id);
        apr.activate(groupPriority(id));
        return value;
    }

    /** GICC_HPPIR (4.4.8) / AHPPIR (4.4.12): what IAR would return, without acknowledging. */
    int highestPendingId(boolean group1Alias) {
        int id = dist.highestPending(cpu, ctlr & (EN_GRP0 | EN_GRP1));
        if (id == SPURIOUS || dist.priority(cpu, id) >= pmr) {
            return SPURIOUS;
        }
        int g = dist.group(cpu, id);
        if (group1Alias && g == 0) {
            return SPURIOUS;
        }
        if (!group1Alias && g == 1 && (ctlr & ACK_CTL) == 0) {
            return GROUP1_NOT_ACKNOWLEDGED;
        }
        return id < 16 ? id | lowestSource(id) << 10 : id;
    }

    private int lowestSource(int sgi) {
        return Integer.numberOfTrailingZeros(dist.sgiSources(cpu, sgi));
    }

    /** GICC_EOIR (4.4.5) / AEOIR (4.4.11): priority drop, then deactivation unless EOImode splits them. */
    private void endOfInterrupt(int value, int eoiModeBit) {
        int id = value & 0x3FF;
        if (listener != null) {
            listener.event(GicEvent.END_OF_INTERRUPT, cpu, id, value);
        }
        if (id >= dist.ids()) {
            return;   // spurious IDs 1020-1023 and IDs not implemented are ignored
        }
        int running = apr.running();
        if (!apr.dropHighest()) {
            return;   // nothing active: nothing to drop (UNPREDICTABLE, ignored as QEMU)
        }
        if (listener != null) {
            listener.event(GicEvent.PRIORITY_DROP, cpu, id, running);
        }
        if ((ctlr & eoiModeBit) == 0) {
            dist.deactivate(cpu, id);
        }
    }

    /** GICC_DIR (4.4.15): deactivation on its own, when EOImode separates it from the EOI. */
    private void deactivate(int value) {
        int id = value & 0x3FF;
        if (id >= dist.ids()) {
            return;
        }
        boolean split = (ctlr & EOIMODE_S) != 0 || dist.group(cpu, id) == 1 && (ctlr & EOIMODE_NS) != 0;
        if (split) {
            dist.deactivate(cpu, id);
        }
    }

    // ---- for the inspector ------------------------------------------------------------------

    int cpu() {
        return cpu;
    }

    int ctlr() {
        return ctlr;
    }

    int pmr() {
        return pmr;
    }

    int bpr() {
        return bpr;
    }

    int abpr() {
        return abpr;
    }

    ActivePriorities activePriorities() {
        return apr;
    }

    int read(int off) {
        return switch (off) {
            case 0x00 -> ctlr;
            case 0x04 -> pmr;
            case 0x08 -> bpr;
            case 0x0C -> acknowledge(false);
            case 0x14 -> apr.running() == ActivePriorities.IDLE ? 0xFF : apr.running();
            case 0x18 -> highestPendingId(false);
            case 0x1C -> abpr;
            case 0x20 -> acknowledge(true);
            case 0x28 -> highestPendingId(true);
            case 0xD0, 0xD4, 0xD8, 0xDC -> apr.word((off - 0xD0) >>> 2);
            case 0xFC -> IIDR;
            default -> 0;   // EOIR, AEOIR, DIR are write-only; NSAPRn RAZ without Security Extensions
        };
    }

    void write(int off, int value) {
        switch (off) {
            case 0x00 -> ctlr = value & CTLR_MASK;
            case 0x04 -> pmr = value & 0xFF;
            case 0x08 -> bpr = Math.max(MIN_BPR, value & 7);
            case 0x10 -> endOfInterrupt(value, EOIMODE_S);
            case 0x1C -> abpr = Math.max(MIN_ABPR, value & 7);
            case 0x24 -> endOfInterrupt(value, EOIMODE_NS);
            case 0xD0, 0xD4, 0xD8, 0xDC -> apr.setWord((off - 0xD0) >>> 2, value);
            case 0x1000 -> deactivate(value);
            default -> { }
        }
    }
}
