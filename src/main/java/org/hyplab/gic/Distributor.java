package org.hyplab.gic;

import java.util.function.IntSupplier;

import org.hyplab.mem.MmioDevice;

/**
 * The GICv2 Distributor (GICD, IHI 0048B chapter 4.3) of a GIC without the Security Extensions:
 * per interrupt ID an enable, a pending state, an active state, a group, a priority, a target
 * list (SPIs) and a trigger configuration; SGIs sent through GICD_SGIR with the source CPU kept
 * per target. IDs 0-31 are banked per CPU interface; which CPU makes an access comes from
 * {@code currentCpu}.
 *
 * <p>Pending (IHI 0048B 3.2.4, 4.3.7): an edge-triggered input latches pending on a rising
 * edge; a level-sensitive one is pending while its line is asserted, or while a software latch
 * (GICD_ISPENDR) holds it. Acknowledging clears the latch only, so a level-sensitive interrupt
 * whose line stays high becomes active and pending. An SGI is pending while any source CPU has
 * it pending for this target (4.3.14, 4.3.15).
 *
 * <p>Register choices where IHI 0048B leaves a choice, as QEMU 7.2 {@code secure=off}: all eight
 * priority bits implemented; SGIs permanently enabled (ISENABLER0[15:0] read as one, writes
 * ignored); GICD_IIDR 0x43B.
 */
final class Distributor implements MmioDevice {

    static final int SPURIOUS = 1023;
    static final int IIDR = 0x43B;

    private final int cpus;
    private final int ids;
    private final IntSupplier currentCpu;
    private final Runnable changed;

    private int ctlr;   // EnableGrp0 b0, EnableGrp1 b1 (4.3.1, GIC without Security Extensions)
    private final InterruptBits enabled, latched, active, level, group, edge;
    private final int[][] privatePriority;   // [cpu][0..31]
    private final int[] sharedPriority;      // [id], SPIs
    private final int[] targets;             // [id], SPIs: CPU mask
    private final int[][] sgiSources;        // [target cpu][sgi]: mask of source CPUs

    /** Told of every change of an interrupt's pending, active and enabled state; null: nobody listens. */
    GicListener listener;
    /** Pending, active and enabled words before a register write, to tell the listener what it changed. */
    private final int[] before;

    Distributor(int cpus, int ids, IntSupplier currentCpu, Runnable changed) {
        if (cpus < 1 || cpus > 8 || ids < 32 || ids > 1020 || ids % 32 != 0) {
            throw new IllegalArgumentException("a GICv2 has 1-8 CPU interfaces and 32-1020 IDs in multiples of 32");
        }
        this.cpus = cpus;
        this.ids = ids;
        this.currentCpu = currentCpu;
        this.changed = changed;
        enabled = new InterruptBits(cpus, ids);
        latched = new InterruptBits(cpus, ids);
        active = new InterruptBits(cpus, ids);
        level = new InterruptBits(cpus, ids);
        group = new InterruptBits(cpus, ids);
        edge = new InterruptBits(cpus, ids);
        privatePriority = new int[cpus][32];
        sharedPriority = new int[ids];
        targets = new int[ids];
        sgiSources = new int[cpus][16];
        before = new int[3 * (cpus + ids / 32)];
        reset();
    }

    /** Reset (IHI 0048B 4.1.4 table 4-1): all disabled, inactive, group 0, priority 0, SGIs edge. Line levels are kept. */
    void reset() {
        if (listener != null) {
            remember();
        }
        ctlr = 0;
        enabled.clear();
        latched.clear();
        active.clear();
        group.clear();
        edge.clear();
        for (int c = 0; c < cpus; c++) {
            java.util.Arrays.fill(privatePriority[c], 0);
            java.util.Arrays.fill(sgiSources[c], 0);
            enabled.setWord(c, 0, 0xFFFF);   // SGIs always enabled (QEMU)
            edge.setWord(c, 0, 0xFFFF);      // SGIs are edge-triggered (4.3.13)
        }
        java.util.Arrays.fill(sharedPriority, 0);
        java.util.Arrays.fill(targets, 0);
        if (listener != null) {
            tellChanges();
        }
    }

    int cpus() {
        return cpus;
    }

    int ids() {
        return ids;
    }

    @Override
    public String name() {
        return "gicd";
    }

    // ---- state as the CPU interfaces see it ---------------------------------------------------

    boolean groupEnabled(int g) {
        return (ctlr >>> g & 1) != 0;
    }

    int priority(int cpu, int id) {
        return id < 32 ? privatePriority[cpu][id] : sharedPriority[id];
    }

    int group(int cpu, int id) {
        return group.get(cpu, id) ? 1 : 0;
    }

    boolean pending(int cpu, int id) {
        if (id < 16) {
            return sgiSources[cpu][id] != 0;
        }
        return latched.get(cpu, id) || (!edge.get(cpu, id) && level.get(cpu, id));
    }

    /** The CPUs that have SGI {@code sgi} pending for {@code cpu}, as a mask. */
    int sgiSources(int cpu, int sgi) {
        return sgiSources[cpu][sgi];
    }

    boolean isActive(int cpu, int id) {
        return active.get(cpu, id);
    }

    int ctlr() {
        return ctlr;
    }

    int typer() {
        return readWord(0, 0x004);
    }

    boolean enabled(int cpu, int id) {
        return enabled.get(cpu, id);
    }

    /** The software latch: set by a rising edge or GICD_ISPENDR, cleared by acknowledge or GICD_ICPENDR. */
    boolean latched(int cpu, int id) {
        return latched.get(cpu, id);
    }

    boolean lineHigh(int cpu, int id) {
        return level.get(cpu, id);
    }

    boolean edgeTriggered(int cpu, int id) {
        return edge.get(cpu, id);
    }

    /** The CPUs the interrupt is forwarded to, as a mask: the own CPU for IDs 0-31, CPU 0 alone on a uniprocessor. */
    int targetMask(int cpu, int id) {
        return id < 32 ? 1 << cpu : cpus == 1 ? 1 : targets[id];
    }

    private boolean targets(int cpu, int id) {
        return id < 32 || cpus == 1 || (targets[id] >>> cpu & 1) != 0;
    }

    /**
     * The highest-priority interrupt the distributor forwards to {@code cpu} (IHI 0048B 3.2.2):
     * enabled, pending and not active, targeting the CPU, in a group enabled both here and in
     * {@code groupMask} (the CPU interface's own enables); ties go to the lowest ID. SPURIOUS if none.
     */
    int highestPending(int cpu, int groupMask) {
        int best = SPURIOUS;
        int bestPriority = 0x100;
        int forward = groupMask & ctlr & 3;
        if (forward == 0) {
            return SPURIOUS;
        }
        for (int n = 0; n < ids / 32; n++) {
            int candidates = enabled.word(cpu, n) & ~active.word(cpu, n);
            while (candidates != 0) {
                int id = n * 32 + Integer.numberOfTrailingZeros(candidates);
                candidates &= candidates - 1;
                if ((forward >>> group(cpu, id) & 1) == 0 || !pending(cpu, id) || !targets(cpu, id)) {
                    continue;
                }
                int p = priority(cpu, id);
                if (p < bestPriority) {
                    bestPriority = p;
                    best = id;
                }
            }
        }
        return best;
    }

    /**
     * The CPU interface acknowledged {@code id}: pending to active (IHI 0048B 3.2.4). For an SGI
     * the lowest-numbered source CPU's request is taken and returned; other sources stay pending.
     */
    int acknowledge(int cpu, int id) {
        int was = listener != null ? state(cpu, id) : 0;
        int source = 0;
        if (id < 16) {
            int sources = sgiSources[cpu][id];
            source = Integer.numberOfTrailingZeros(sources);
            sgiSources[cpu][id] = sources & (sources - 1);
        } else {
            latched.set(cpu, id, false);
        }
        active.set(cpu, id, true);
        if (listener != null) {
            tellChange(cpu, id, was);
        }
        return source;
    }

    /** Deactivation by GICC_EOIR/GICC_DIR, or by a virtual EOI of a list register with the HW bit (5.2.1). */
    void deactivate(int cpu, int id) {
        if (id < ids) {
            int was = listener != null ? state(cpu, id) : 0;
            active.set(cpu, id, false);
            if (listener != null) {
                tellChange(cpu, id, was);
            }
            changed.run();
        }
    }

    // ---- events -------------------------------------------------------------------------------

    private static final int PENDING_BIT = 1, ACTIVE_BIT = 2, ENABLED_BIT = 4;

    /** One interrupt's pending, active and enabled bits, to compare before and after a change. */
    private int state(int cpu, int id) {
        return (pending(cpu, id) ? PENDING_BIT : 0) | (active.get(cpu, id) ? ACTIVE_BIT : 0)
                | (enabled.get(cpu, id) ? ENABLED_BIT : 0);
    }

    /** Tells the listener how {@code id} changed since it was {@code was}: active first, then pending, then enabled. */
    private void tellChange(int cpu, int id, int was) {
        int now = state(cpu, id);
        int diff = was ^ now;
        if (diff == 0) {
            return;
        }
        int who = id < 32 ? cpu : GicListener.SHARED;
        if ((diff & ACTIVE_BIT) != 0) {
            listener.event((now & ACTIVE_BIT) != 0 ? GicEvent.ACTIVE : GicEvent.INACTIVE, who, id, 0);
        }
        if ((diff & PENDING_BIT) != 0) {
            listener.event((now & PENDING_BIT) != 0 ? GicEvent.PENDING : GicEvent.NOT_PENDING, who, id,
                    id < 16 ? sgiSources[cpu][id] : 0);
        }
        if ((diff & ENABLED_BIT) != 0) {
            listener.event((now & ENABLED_BIT) != 0 ? GicEvent.ENABLED : GicEvent.DISABLED, who, id, 0);
        }
    }

    /**
     * Keeps the pending, active and enabled words of every bank and of the SPIs: a register write
     * may change any of them (an SGI reaches other CPUs' banks), and the listener hears per ID.
     */
    private void remember() {
        int b = 0;
        for (int w = 0; w < cpus + ids / 32 - 1; w++) {
            int cpu = w < cpus ? w : 0;
            int n = w < cpus ? 0 : w - cpus + 1;
            before[b++] = pendingWord(cpu, n);
            before[b++] = active.word(cpu, n);
            before[b++] = enabled.word(cpu, n);
        }
    }

    /** Tells the listener every per-ID change since {@link #remember}, banks first, IDs in order. */
    private void tellChanges() {
        int b = 0;
        for (int w = 0; w < cpus + ids / 32 - 1; w++) {
            int cpu = w < cpus ? w : 0;
            int n = w < cpus ? 0 : w - cpus + 1;
            int p = before[b++], a = before[b++], e = before[b++];
            int diff = (p ^ pendingWord(cpu, n)) | (a ^ active.word(cpu, n)) | (e ^ enabled.word(cpu, n));
            while (diff != 0) {
                int bit = Integer.numberOfTrailingZeros(diff);
                diff &= diff - 1;
                int was = (p >>> bit & 1) * PENDING_BIT | (a >>> bit & 1) * ACTIVE_BIT | (e >>> bit & 1) * ENABLED_BIT;
                tellChange(cpu, n * 32 + bit, was);
            }
        }
    }

    // ---- inputs ---------------------------------------------------------------------------------

    /** A peripheral's line into PPI or SPI {@code id} ({@code cpu} selects the PPI bank). */
    void setLine(int cpu, int id, boolean high) {
        if (setLineQuietly(cpu, id, high)) {
            changed.run();
        }
    }

    /** As {@link #setLine} without notifying; returns whether the level changed. */
    boolean setLineQuietly(int cpu, int id, boolean high) {
        if (level.get(cpu, id) == high) {
            return false;
        }
        if (listener == null) {
            setLevel(cpu, id, high);
        } else {
            int was = state(cpu, id);
            setLevel(cpu, id, high);
            tellChange(cpu, id, was);
        }
        return true;
    }

    private void setLevel(int cpu, int id, boolean high) {
        level.set(cpu, id, high);
        if (high && edge.get(cpu, id)) {
            latched.set(cpu, id, true);   // an edge-triggered interrupt latches on the rising edge
        }
    }

    // ---- registers --------------------------------------------------------------------------------

    @Override
    public int read(long offset, int size) {
        int off = (int) offset;
        int cpu = currentCpu.getAsInt();
        if (byteAccessible(off)) {
            int value = 0;
            for (int i = 0; i < size; i++) {
                value |= readByte(cpu, off + i) << (8 * i);
            }
            return value;
        }
        int word = readWord(cpu, off & ~3);
        int shifted = word >>> (8 * (off & 3));
        return size == 4 ? shifted : shifted & ((1 << (8 * size)) - 1);
    }

    @Override
    public void write(long offset, int size, int value) {
        int off = (int) offset;
        int cpu = currentCpu.getAsInt();
        if (listener != null) {
            remember();
        }
        if (byteAccessible(off)) {
            for (int i = 0; i < size; i++) {
                writeByte(cpu, off + i, value >>> (8 * i) & 0xFF);
            }
        } else {
            int shift = 8 * (off & 3);
            int mask = size == 4 ? -1 : ((1 << (8 * size)) - 1) << shift;
            writeWord(cpu, off & ~3, value << shift, mask);
        }
        if (listener != null) {
            tellChanges();
        }
        changed.run();
    }

    /** IPRIORITYR, ITARGETSR, CPENDSGIR and SPENDSGIR are byte-accessible (4.1.4 table 4-1). */
    private static boolean byteAccessible(int off) {
        return off >= 0x400 && off < 0xC00 || off >= 0xF10 && off < 0xF30;
    }

    private int readByte(int cpu, int off) {
        if (off < 0x800) {
            int id = off - 0x400;
            return id < ids ? priority(cpu, id) : 0;
        }
        if (off < 0xC00) {
            int id = off - 0x800;
            if (cpus == 1 || id >= ids) {
                return 0;   // uniprocessor: ITARGETSR RAZ/WI (4.3.12)
            }
            return id < 32 ? 1 << cpu : targets[id];   // SGI/PPI bytes read as this CPU's bit
        }
        int sgi = (off - 0xF10) & 0xF;
        return sgiSources[cpu][sgi];   // CPENDSGIR and SPENDSGIR read alike (4.3.16, 4.3.17)
    }

    private void writeByte(int cpu, int off, int value) {
        if (off < 0x800) {
            int id = off - 0x400;
            if (id >= ids) {
                return;
            }
            if (id < 32) {
                privatePriority[cpu][id] = value;
            } else {
                sharedPriority[id] = value;
            }
        } else if (off < 0xC00) {
            int id = off - 0x800;
            if (id >= 32 && id < ids && cpus > 1) {
                targets[id] = value & ((1 << cpus) - 1);
            }
        } else {
            int sgi = (off - 0xF10) & 0xF;
            int sources = value & ((1 << cpus) - 1);
            if (off < 0xF20) {
                sgiSources[cpu][sgi] &= ~sources;   // CPENDSGIR: clear pending from these sources
            } else {
                sgiSources[cpu][sgi] |= sources;    // SPENDSGIR
            }
        }
    }

    private int readWord(int cpu, int off) {
        int n = (off >>> 2) & 0x1F;
        if (off == 0x000) {
            return ctlr;
        } else if (off == 0x004) {
            return (ids / 32 - 1) | (cpus - 1) << 5;   // TYPER (4.3.2): ITLinesNumber, CPUNumber, no SecurityExtn
        } else if (off == 0x008) {
            return IIDR;
        } else if (off >= 0x080 && off < 0x100) {
            return n < ids / 32 ? group.word(cpu, n) : 0;
        } else if (off >= 0x100 && off < 0x200) {
            return n < ids / 32 ? enabled.word(cpu, n) : 0;
        } else if (off >= 0x200 && off < 0x300) {
            return n < ids / 32 ? pendingWord(cpu, n) : 0;
        } else if (off >= 0x300 && off < 0x400) {
            return n < ids / 32 ? active.word(cpu, n) : 0;
        } else if (off >= 0xC00 && off < 0xD00) {
            return configWord(cpu, (off - 0xC00) >>> 2);
        }
        return 0;   // reserved, SGIR (write-only), NSACR (RAZ without Security Extensions)
    }

    private int pendingWord(int cpu, int n) {
        int bits = 0;
        for (int i = 0; i < 32; i++) {
            if (pending(cpu, n * 32 + i)) {
                bits |= 1 << i;
            }
        }
        return bits;
    }

    /** ICFGR (4.3.13): two bits per ID, bit 2i+1 = edge-triggered; bit 2i reserved in GICv2. */
    private int configWord(int cpu, int r) {
        int first = r * 16;
        if (first >= ids) {
            return 0;
        }
        int bits = 0;
        for (int i = 0; i < 16; i++) {
            if (edge.get(cpu, first + i)) {
                bits |= 2 << (2 * i);
            }
        }
        return bits;
    }

    private void writeWord(int cpu, int off, int value, int mask) {
        int n = (off >>> 2) & 0x1F;
        boolean inRange = n < ids / 32;
        if (off == 0x000) {
            ctlr = (ctlr & ~mask | value & mask) & 3;
        } else if (off >= 0x080 && off < 0x100) {
            if (inRange) {
                group.setWord(cpu, n, group.word(cpu, n) & ~mask | value & mask);
            }
        } else if (off >= 0x100 && off < 0x180) {
            if (inRange) {
                enabled.setWord(cpu, n, enabled.word(cpu, n) | value & (n == 0 ? 0xFFFF0000 : -1));
            }
        } else if (off >= 0x180 && off < 0x200) {
            if (inRange) {
                enabled.setWord(cpu, n, enabled.word(cpu, n) & ~(value & (n == 0 ? 0xFFFF0000 : -1)));
            }
        } else if (off >= 0x200 && off < 0x280) {
            // ISPENDR/ICPENDR: SGI bits are read-only here; SPENDSGIR/CPENDSGIR set them (4.3.7, 4.3.8)
            if (inRange) {
                latched.setWord(cpu, n, latched.word(cpu, n) | value & (n == 0 ? 0xFFFF0000 : -1));
            }
        } else if (off >= 0x280 && off < 0x300) {
            if (inRange) {
                latched.setWord(cpu, n, latched.word(cpu, n) & ~(value & (n == 0 ? 0xFFFF0000 : -1)));
            }
        } else if (off >= 0x300 && off < 0x380) {
            if (inRange) {
                active.setWord(cpu, n, active.word(cpu, n) | value);
            }
        } else if (off >= 0x380 && off < 0x400) {
            if (inRange) {
                active.setWord(cpu, n, active.word(cpu, n) & ~value);
            }
        } else if (off >= 0xC00 && off < 0xD00) {
            writeConfig(cpu, (off - 0xC00) >>> 2, value, mask);
        } else if (off == 0xF00) {
            sendSgi(cpu, value);
        }
    }

    /** ICFGR write: SGI configuration is read-only (always edge); PPIs and SPIs programmable. */
    private void writeConfig(int cpu, int r, int value, int mask) {
        int first = r * 16;
        if (r == 0 || first >= ids) {
            return;
        }
        for (int i = 0; i < 16; i++) {
            if ((mask >>> (2 * i + 1) & 1) != 0) {
                edge.set(cpu, first + i, (value >>> (2 * i + 1) & 1) != 0);
            }
        }
    }

    /**
     * GICD_SGIR (4.3.15): TargetListFilter 0 sends to CPUTargetList, 1 to every CPU but the
     * sender, 2 to the sender only, 3 is reserved (ignored). The sender is recorded as the source.
     */
    private void sendSgi(int source, int value) {
        int sgi = value & 0xF;
        int all = (1 << cpus) - 1;
        int list = switch (value >>> 24 & 3) {
            case 0 -> value >>> 16 & 0xFF;
            case 1 -> all & ~(1 << source);
            case 2 -> 1 << source;
            default -> 0;
        };
        list &= all;
        for (int target = 0; target < cpus; target++) {
            if ((list >>> target & 1) != 0) {
                sgiSources[target][sgi] |= 1 << source;
            }
        }
    }
}
