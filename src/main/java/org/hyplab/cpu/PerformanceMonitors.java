package org.hyplab.cpu;

/**
 * The Performance Monitors Extension (PMUv2) of the Cortex-A15, CP15 c9, CRm 12-14 (ARM ARM
 * C12 "The Performance Monitors Extension", B4.1.113-B4.1.125; Cortex-A15 TRM "Performance
 * Monitor Unit"): PMCR with IDCODE 0x0F and N = 6 event counters, the cycle counter PMCCNTR, the
 * enable, overflow and interrupt-enable set/clear pairs, PMSELR with PMXEVTYPER/PMXEVCNTR,
 * PMSWINC, PMCEID0/1 and PMUSERENR; and the Virtualization Extensions' HDCR.HPMN/HPME split of
 * the counters between the guest and Hyp mode.
 *
 * <p>Deterministic counting, no wall clock: the "cycles" the cycle counter counts are retired
 * instructions ({@link Cpu#retired}; a core in WFI is clock-gated and counts nothing), divided by 64 when PMCR.D is set. Event counters count
 * SW_INCR (0x00, through PMSWINC), INST_RETIRED (0x08) and CPU_CYCLES (0x11), the last two both
 * as one per retired instruction; other events count nothing. Not modelled: the PMXEVTYPER
 * mode filters (P, U, NSK, NSU, NSH), the overflow interrupt, PMCR.X export.
 *
 * <p>Counters are brought up to date lazily: {@link #catchUp()} adds the instructions retired
 * since the last call before any register is read or any control that changes what counts is
 * written, so the values are exact at every access.
 */
public final class PerformanceMonitors {

    /** Event counters on the Cortex-A15 (PMCR.N). */
    public static final int COUNTERS = 6;
    static final int PMCR_E = 1, PMCR_P = 1 << 1, PMCR_C = 1 << 2, PMCR_D = 1 << 3;
    /** PMCR bits that hold a value: E, D, X, DP (C and P are write-only actions). */
    static final int PMCR_MASK = 0x39;
    /** IMP = 0x41 (ARM), IDCODE = 0x0F (Cortex-A15), N in bits 15:11 (TRM, QEMU 7.2 agrees). */
    static final int PMCR_ID = 0x410F_0000;
    static final int CYCLE_COUNTER = 1 << 31;
    /** Common events the A15 implements (TRM PMCEID0): 0x00-0x05, 0x08-0x0B, 0x10-0x1D. */
    static final int PMCEID0 = 0x3FFF_0F3F;
    /** PMXEVTYPER: P, U, NSK, NSU, NSH and evtCount[7:0] (C12.? with the Virtualization Extensions). */
    static final int EVTYPER_MASK = 0xF800_00FF;
    static final int EVENT_SW_INCR = 0x00, EVENT_INST_RETIRED = 0x08, EVENT_CPU_CYCLES = 0x11;
    static final int HDCR_HPME = 1 << 7;

    /** Register keys, {@code opc1:CRn:CRm:opc2} as in {@link SystemRegisters}. */
    public static final int PMCR = 0x09C0, PMCNTENSET = 0x09C1, PMCNTENCLR = 0x09C2, PMOVSR = 0x09C3,
            PMSWINC = 0x09C4, PMSELR = 0x09C5, PMCEID0_KEY = 0x09C6, PMCEID1_KEY = 0x09C7,
            PMCCNTR = 0x09D0, PMXEVTYPER = 0x09D1, PMXEVCNTR = 0x09D2,
            PMUSERENR = 0x09E0, PMINTENSET = 0x09E1, PMINTENCLR = 0x09E2, PMOVSSET = 0x09E3;

    private final Cpu cpu;
    private int pmcr, cntens, intens, ovs, selr, userenr;
    private final int[] evtype = new int[COUNTERS];
    private final int[] evcnt = new int[COUNTERS];
    private int ccnt;
    /** Instructions of a divided cycle count (PMCR.D) not yet worth a tick. */
    private int ccntDivider;
    /** {@link Cpu#retired} when the counters were last brought up to date. */
    private long caughtUpAt;

    PerformanceMonitors(Cpu cpu) {
        this.cpu = cpu;
    }

    void reset() {
        pmcr = cntens = intens = ovs = selr = userenr = 0;
        java.util.Arrays.fill(evtype, 0);
        java.util.Arrays.fill(evcnt, 0);
        ccnt = ccntDivider = 0;
        caughtUpAt = cpu.retired;
    }

    /** Whether this {@code MRC}/{@code MCR} key is a PMU register (CRn = c9, opc1 = 0, CRm = c12-c14). */
    public static boolean claims(int k) {
        return (k & 0xFFF0) >= 0x09C0 && (k & 0xFFF0) <= 0x09E0;
    }

    /**
     * Whether the access exists at the current privilege level (otherwise UNDEFINED, before any
     * Hyp trap). PMSWINC is write-only, PMCEID0/1 read-only; at PL0 only PMUSERENR reads are
     * always allowed, the rest except the interrupt enables when PMUSERENR.EN is 1 (C12.?).
     */
    public boolean defined(int k, boolean read) {
        boolean exists = switch (k) {
            case PMSWINC -> !read;
            case PMCEID0_KEY, PMCEID1_KEY -> read;
            case PMCR, PMCNTENSET, PMCNTENCLR, PMOVSR, PMSELR, PMCCNTR, PMXEVTYPER, PMXEVCNTR,
                 PMUSERENR, PMINTENSET, PMINTENCLR, PMOVSSET -> true;
            default -> false;
        };
        if (!exists || cpu.mode() != Mode.USR) {
            return exists;
        }
        return switch (k) {
            case PMUSERENR -> read;
            case PMINTENSET, PMINTENCLR -> false;
            default -> (userenr & 1) != 0;
        };
    }

    // ---- HDCR.HPMN: the counters a non-Hyp mode sees (B4.1.?, HDCR) -----------------------

    private int hpmn() {
        return Math.min(cpu.sys.hdcr & 0x1F, COUNTERS);
    }

    /** Event counters the current mode may use: all in Hyp mode, the first HPMN elsewhere. */
    private int visibleCounters() {
        return cpu.mode() == Mode.HYP ? COUNTERS : hpmn();
    }

    /** The bits of the set/clear registers the current mode sees; the others are RAZ/WI. */
    private int visibleMask() {
        return CYCLE_COUNTER | ((1 << visibleCounters()) - 1);
    }

    /** Counter i counts if enabled: by PMCR.E below HPMN, by HDCR.HPME from HPMN up. */
    private boolean enabled(int i) {
        boolean unit = i < hpmn() ? (pmcr & PMCR_E) != 0 : (cpu.sys.hdcr & HDCR_HPME) != 0;
        return unit && (cntens & 1 << i) != 0;
    }

    // ---- counting ----------------------------------------------------------------------------

    /** Adds the instructions retired since the last call to every counter that counts them. */
    public void catchUp() {
        long now = cpu.retired;
        long delta = now - caughtUpAt;
        caughtUpAt = now;
        if (delta <= 0) {
            return;
        }
        if ((pmcr & PMCR_E) != 0 && (cntens & CYCLE_COUNTER) != 0) {
            long ticks = delta;
            if ((pmcr & PMCR_D) != 0) {
                long total = ccntDivider + delta;
                ticks = total >>> 6;
                ccntDivider = (int) (total & 63);
            }
            ccnt = add(ccnt, ticks, CYCLE_COUNTER);
        }
        for (int i = 0; i < COUNTERS; i++) {
            int event = evtype[i] & 0xFF;
            if (enabled(i) && (event == EVENT_INST_RETIRED || event == EVENT_CPU_CYCLES)) {
                evcnt[i] = add(evcnt[i], delta, 1 << i);
            }
        }
    }

    /** A 32-bit counter plus n; wrapping sets its overflow flag (C12.?, PMOVSR). */
    private int add(int counter, long n, int overflowBit) {
        long sum = (counter & 0xFFFF_FFFFL) + n;
        if (sum >>> 32 != 0) {
            ovs |= overflowBit;
        }
        return (int) sum;
    }

    // ---- MRC / MCR ----------------------------------------------------------------------------

    public int read(int k) {
        catchUp();
        int mask = visibleMask();
        return switch (k) {
            case PMCR -> PMCR_ID | visibleCounters() << 11 | pmcr;
            case PMCNTENSET, PMCNTENCLR -> cntens & mask;
            case PMOVSR, PMOVSSET -> ovs & mask;
            case PMINTENSET, PMINTENCLR -> intens & mask;
            case PMSELR -> selr;
            case PMCEID0_KEY -> PMCEID0;
            case PMCEID1_KEY -> 0;
            case PMCCNTR -> ccnt;
            case PMXEVTYPER -> selectedVisible() ? evtype[selr] : 0;
            case PMXEVCNTR -> selectedVisible() ? evcnt[selr] : 0;
            case PMUSERENR -> userenr;
            default -> throw new IllegalStateException(String.format("no PMU register 0x%04x", k));
        };
    }

    public void write(int k, int value) {
        catchUp();
        int mask = visibleMask();
        switch (k) {
            case PMCR -> {
                pmcr = value & PMCR_MASK;
                if ((value & PMCR_C) != 0) {
                    ccnt = 0;
                    ccntDivider = 0;
                }
                if ((value & PMCR_P) != 0) {
                    // From a non-Hyp mode P resets only the counters below HPMN (HDCR.HPMN).
                    java.util.Arrays.fill(evcnt, 0, visibleCounters(), 0);
                }
            }
            case PMCNTENSET -> cntens |= value & mask;
            case PMCNTENCLR -> cntens &= ~(value & mask);
            case PMOVSR -> ovs &= ~(value & mask);
            case PMOVSSET -> ovs |= value & mask;
            case PMINTENSET -> intens |= value & mask;
            case PMINTENCLR -> intens &= ~(value & mask);
            case PMSWINC -> softwareIncrement(value & mask);
            case PMSELR -> selr = value & 0x1F;
            case PMCCNTR -> ccnt = value;
            case PMXEVTYPER -> {
                if (selectedVisible()) {
                    evtype[selr] = value & EVTYPER_MASK;
                }
            }
            case PMXEVCNTR -> {
                if (selectedVisible()) {
                    evcnt[selr] = value;
                }
            }
            case PMUSERENR -> userenr = value & 1;
            default -> throw new IllegalStateException(String.format("no PMU register 0x%04x", k));
        }
    }

    /**
     * PMSELR.SEL names an event counter the current mode may use. Otherwise (SEL >= N, >= HPMN
     * outside Hyp mode, or 31) PMXEVTYPER/PMXEVCNTR are UNPREDICTABLE: RAZ/WI here, as QEMU.
     */
    private boolean selectedVisible() {
        return selr < visibleCounters();
    }

    /** PMSWINC: each enabled counter counting SW_INCR whose bit is written as 1 counts one. */
    private void softwareIncrement(int bits) {
        for (int i = 0; i < COUNTERS; i++) {
            if ((bits & 1 << i) != 0 && enabled(i) && (evtype[i] & 0xFF) == EVENT_SW_INCR) {
                evcnt[i] = add(evcnt[i], 1, 1 << i);
            }
        }
    }
}
