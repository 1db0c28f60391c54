package org.hyplab.gic;

/**
 * One CPU's virtual interface control (GICH, IHI 0048B 5.3): what the hypervisor programs so
 * that the virtual CPU interface ({@link VirtualCpuInterface}) presents virtual interrupts to
 * the guest on that CPU. It holds GICH_HCR (with EOICount), GICH_VMCR (the guest's GICV_CTLR,
 * PMR, BPR and ABPR), the active priorities GICH_APR and four list registers, and computes
 * GICH_MISR, EISR and ELSR and the maintenance interrupt from them.
 *
 * <p>GICH_VTR = 0x90000003 as QEMU and the GIC-400: four list registers, five bits of
 * preemption and of priority.
 */
final class VirtualInterface {

    static final int VTR = 0x90000003;
    static final int LIST_REGISTERS = 4;

    /** GICH_HCR bits (5.3.1). */
    static final int EN = 1, UIE = 1 << 1, LRENPIE = 1 << 2, NPIE = 1 << 3,
            VGRP0EIE = 1 << 4, VGRP0DIE = 1 << 5, VGRP1EIE = 1 << 6, VGRP1DIE = 1 << 7;
    static final int HCR_MASK = 0xF80000FF;
    static final int EOICOUNT_SHIFT = 27;

    /** GICH_MISR bits (5.3.7). */
    static final int MISR_EOI = 1, MISR_U = 1 << 1, MISR_LRENP = 1 << 2, MISR_NP = 1 << 3,
            MISR_VGRP0E = 1 << 4, MISR_VGRP0D = 1 << 5, MISR_VGRP1E = 1 << 6, MISR_VGRP1D = 1 << 7;

    /** GICH_VMCR fields (5.3.4): GICV_CTLR image in [9:0], ABPR [20:18], BPR [23:21], PMR[7:3] in [31:27]. */
    static final int VMCR_CTLR_MASK = 0x21F;
    static final int VMCR_MASK = VMCR_CTLR_MASK | 7 << 18 | 7 << 21 | 0x1F << 27;
    /** The virtual interface's smallest binary points: five priority bits (5.3.2 PREbits). */
    static final int MIN_BPR = 2, MIN_ABPR = 3;
    static final int VMCR_RESET = MIN_ABPR << 18 | MIN_BPR << 21;

    final int cpu;
    final Distributor dist;
    int hcr;
    int vmcr;
    final int[] lr = new int[LIST_REGISTERS];
    final ActivePriorities apr = new ActivePriorities(MIN_BPR);
    /** Told of list register writes and of the guest's acknowledges and EOIs; null: nobody listens. */
    GicListener listener;

    VirtualInterface(int cpu, Distributor dist) {
        this.cpu = cpu;
        this.dist = dist;
        reset();
    }

    void reset() {
        hcr = 0;
        vmcr = VMCR_RESET;
        java.util.Arrays.fill(lr, 0);
        apr.clear();
    }

    boolean enabled() {
        return (hcr & EN) != 0;
    }

    /** Counts an EOI or deactivation that found no list register (GICH_HCR.EOICount, 5.3.1). */
    void countUnmatchedEoi() {
        int count = (hcr >>> EOICOUNT_SHIFT) + 1 & 0x1F;
        hcr = hcr & ~(0x1F << EOICOUNT_SHIFT) | count << EOICOUNT_SHIFT;
    }

    int eisr() {
        int bits = 0;
        for (int i = 0; i < LIST_REGISTERS; i++) {
            if (ListRegister.eoiMaintenance(lr[i])) {
                bits |= 1 << i;
            }
        }
        return bits;
    }

    int elsr() {
        int bits = 0;
        for (int i = 0; i < LIST_REGISTERS; i++) {
            if (ListRegister.empty(lr[i])) {
                bits |= 1 << i;
            }
        }
        return bits;
    }

    /** GICH_MISR (5.3.7): which maintenance conditions hold, each gated by its enable in GICH_HCR. */
    int misr() {
        int misr = 0;
        int valid = 0;
        boolean anyPending = false;
        for (int value : lr) {
            int state = ListRegister.state(value);
            valid += state != ListRegister.INVALID ? 1 : 0;
            anyPending |= (state & ListRegister.PENDING) != 0;
        }
        if (eisr() != 0) {
            misr |= MISR_EOI;
        }
        if ((hcr & UIE) != 0 && valid <= 1) {
            misr |= MISR_U;
        }
        if ((hcr & LRENPIE) != 0 && hcr >>> EOICOUNT_SHIFT != 0) {
            misr |= MISR_LRENP;
        }
        if ((hcr & NPIE) != 0 && !anyPending) {
            misr |= MISR_NP;
        }
        boolean grp0 = (vmcr & 1) != 0;
        boolean grp1 = (vmcr & 2) != 0;
        if ((hcr & VGRP0EIE) != 0 && grp0) {
            misr |= MISR_VGRP0E;
        }
        if ((hcr & VGRP0DIE) != 0 && !grp0) {
            misr |= MISR_VGRP0D;
        }
        if ((hcr & VGRP1EIE) != 0 && grp1) {
            misr |= MISR_VGRP1E;
        }
        if ((hcr & VGRP1DIE) != 0 && !grp1) {
            misr |= MISR_VGRP1D;
        }
        return misr;
    }

    /** The maintenance interrupt's level (5.3.7): asserted while GICH_HCR.En and some MISR condition hold. */
    boolean maintenance() {
        return enabled() && misr() != 0;
    }

    int read(int off) {
        if (off >= 0x100 && off < 0x100 + 4 * LIST_REGISTERS) {
            return lr[(off - 0x100) >>> 2];
        }
        return switch (off) {
            case 0x00 -> hcr;
            case 0x04 -> VTR;
            case 0x08 -> vmcr;
            case 0x10 -> misr();
            case 0x20 -> eisr();
            case 0x30 -> elsr();
            case 0xF0 -> apr.word(0);
            default -> 0;   // EISR1, ELSR1 (no LRs 32-63) and reserved offsets
        };
    }

    void write(int off, int value) {
        if (off >= 0x100 && off < 0x100 + 4 * LIST_REGISTERS) {
            int i = (off - 0x100) >>> 2;
            int old = lr[i];
            lr[i] = value;
            if (listener != null) {
                listener.listRegisterWritten(cpu, i, old, value);
            }
            return;
        }
        switch (off) {
            case 0x00 -> hcr = value & HCR_MASK;
            case 0x08 -> writeVmcr(value);
            case 0xF0 -> apr.setWord(0, value);
            default -> { }   // VTR, MISR, EISRn, ELSRn are read-only
        }
    }

    /** A VMCR write: binary points below the minimum read back as the minimum (5.3.4, 5.4). */
    void writeVmcr(int value) {
        int v = value & VMCR_MASK;
        int bpr = Math.max(MIN_BPR, v >>> 21 & 7);
        int abpr = Math.max(MIN_ABPR, v >>> 18 & 7);
        vmcr = v & ~(7 << 21 | 7 << 18) | bpr << 21 | abpr << 18;
    }
}
