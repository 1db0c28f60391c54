package org.hyplab.dev.exynos;

import java.util.Arrays;
import java.util.function.LongSupplier;

import org.hyplab.dev.Resettable;
import org.hyplab.dev.TimedDevice;
import org.hyplab.irq.InterruptLine;
import org.hyplab.mem.MmioDevice;
import org.hyplab.timer.SystemCounter;

/**
 * The Exynos Multi-Core Timer ({@code samsung,exynos4210-mct}; BOARDS.md §3.5): a 64-bit global
 * free-running counter (FRC) with four comparators, and one local timer per CPU.
 *
 * <p>Clock: the 24 MHz {@code fin_pll} (Linux's exynos_mct takes its rate as the FRC's) divided
 * by MCT_CFG, prescaler [7:0] + 1 times 2^divider [10:8], as QEMU's exynos4210 MCT model does;
 * out of reset MCT_CFG is 0, so the timers tick at 24 MHz. Every count is computed from the
 * machine's time when it is read ({@link SystemCounter} at 24 MHz, then the division), so the
 * device costs nothing between accesses and {@link #nextEventCycle()} is exact.
 *
 * <p>Global timer: the FRC (G_CNT_L/U, writable) counts while G_TCON bit 8 is set. Comparator n
 * matches when the FRC counts up to G_COMPn (a value written at or below the FRC matches only
 * after the 64-bit wrap); a match sets G_INT_CSTAT bit n and, with auto-increment, adds
 * G_COMPn_ADD_INCR to the comparator. Line n = CSTAT n and G_INT_ENB n.
 *
 * <p>Local timer n (at 0x300 + 0x100·n): a tick counter loaded from L_TCNTB counts down and
 * expires every TCNTB + 1 clocks; each expiry, while L_TCON.INT_START, counts the interrupt
 * counter down from L_ICNTB, which fires on the expiry after it reached 0: the first interrupt
 * comes (TCNTB + 1)·(ICNTB + 1) clocks after both start, as in QEMU's model. In interval mode
 * (L_TCON bit 2) the interrupt counter reloads; without it the timer fires once and its
 * interrupt counter stays at 0 (Linux always uses interval mode and stops the timer itself).
 * Starting the tick counter loads it from TCNTB, starting the interrupt counter loads it from
 * ICNTB, and an ICNTB write with bit 31 ("manual update", as Linux writes it) loads it at once.
 * L_TCON bit 3 runs the local FRC, a down-counter from L_FRCNTB (0 means 2^32) that sets
 * L_INT_CSTAT bit 1 each time it runs out. Line = (L_INT_CSTAT & L_INT_ENB) != 0.
 *
 * <p>Write status: every write to G_CNT_L/U, G_COMPn_L/U/ADD_INCR, G_TCON, L_TCNTB, L_ICNTB,
 * L_FRCNTB and L_TCON sets its WSTAT bit at once, write-1-to-clear; Linux's exynos4_mct_write
 * polls for it and panics if it never appears.
 *
 * <p>Power-on and a board reset (PMU SWRESET) leave every register 0 and the divided clock
 * counting from that moment, so a timer started later behaves the same whenever the reset was.
 */
public final class Mct implements MmioDevice, TimedDevice, Resettable {

    static final int MCT_CFG = 0x000, G_CNT_L = 0x100, G_CNT_U = 0x104, G_CNT_WSTAT = 0x110,
            G_COMP0_L = 0x200, G_TCON = 0x240, G_INT_CSTAT = 0x244, G_INT_ENB = 0x248,
            G_WSTAT = 0x24C, L_BASE = 0x300;
    static final int L_TCNTB = 0x00, L_TCNTO = 0x04, L_ICNTB = 0x08, L_ICNTO = 0x0C,
            L_FRCNTB = 0x10, L_FRCNTO = 0x14, L_TCON = 0x20, L_INT_CSTAT = 0x30,
            L_INT_ENB = 0x34, L_WSTAT = 0x40;
    static final int G_TCON_TIMER_EN = 1 << 8, G_WSTAT_TCON = 1 << 16;
    static final int L_TCON_START = 1, L_TCON_INT_START = 2, L_TCON_INTERVAL = 4, L_TCON_FRC_START = 8;
    static final int L_WSTAT_TCNTB = 1, L_WSTAT_ICNTB = 2, L_WSTAT_FRCNTB = 4, L_WSTAT_TCON = 8;
    static final int ICNTB_UPDATE = 1 << 31;
    /** The MCT's input clock, fin_pll (BOARDS.md §3.5). */
    public static final int INPUT_HZ = 24_000_000;

    private final String name;
    private final LongSupplier now;
    private final SystemCounter input;
    private final InterruptLine[] globalLines;
    private final boolean[] globalLevel;
    private final InterruptLine[] localLines;
    private final Local[] locals;

    // The divided clock (TCLK): tclk = tclkBase + (input count - inputBase) / divisor.
    private int cfg;
    private int divisor;
    private long tclkBase, inputBase;

    // Global timer
    private long frcValue;          // the FRC at TCLK frcTclk (running) or its frozen value
    private long frcTclk;
    private long frcChecked;        // comparator matches are processed up to this FRC value
    private final long[] comp = new long[4];
    private final int[] addIncr = new int[4];
    private int gTcon, gCstat, gEnb, gWstat, gCntWstat;

    /**
     * @param now    the machine's time in cycles of the nominal 1 GHz clock
     * @param local  one line per CPU's local timer (SPI 120/121 = IDs 152/153 on the 5250)
     * @param global the comparators' lines G0..G3 (through the combiner on the 5250)
     */
    public Mct(String name, LongSupplier now, InterruptLine[] local, InterruptLine[] global) {
        if (global.length != 4 || local.length < 1 || local.length > 4) {
            throw new IllegalArgumentException("the MCT has 4 global lines and 1 to 4 local timers");
        }
        this.name = name;
        this.now = now;
        this.input = new SystemCounter(INPUT_HZ, now);
        this.globalLines = global.clone();
        this.globalLevel = new boolean[4];
        this.localLines = local.clone();
        this.locals = new Local[local.length];
        reset();
    }

    /** Power-on and board reset alike: every register 0, TCLK = fin_pll from now, lines low. */
    @Override
    public void reset() {
        setConfig(0, 0);
        setFrc(0, 0);
        Arrays.fill(comp, 0);
        Arrays.fill(addIncr, 0);
        gTcon = gCstat = gEnb = gWstat = gCntWstat = 0;
        for (int i = 0; i < locals.length; i++) {
            if (locals[i] != null && locals[i].level) {
                localLines[i].set(false);
            }
            locals[i] = new Local(localLines[i]);
        }
        drive();   // the global lines: CSTAT is 0
    }

    @Override
    public String name() {
        return name;
    }

    // ---- Time ---------------------------------------------------------------------------------

    private long tclk(long cycle) {
        return tclkBase + (input.countAt(cycle) - inputBase) / divisor;
    }

    /** The first machine cycle at which the divided clock reaches count t (t > tclk now). */
    private long cycleOfTclk(long t) {
        long ticks = t - tclkBase;
        if (ticks < 0 || ticks > (Long.MAX_VALUE - inputBase) / divisor) {
            return Long.MAX_VALUE;
        }
        return input.cycleOfCount(inputBase + ticks * divisor);
    }

    private static long plus(long t, long delta) {
        return delta < 0 || t > Long.MAX_VALUE - delta ? Long.MAX_VALUE : t + delta;
    }

    private void setConfig(int value, long t) {
        long cycle = now.getAsLong();
        cfg = value & 0x7FF;
        tclkBase = t;
        inputBase = input.countAt(cycle);
        divisor = ((cfg & 0xFF) + 1) << ((cfg >> 8) & 7);
    }

    // ---- Global timer ----------------------------------------------------------------------------

    private boolean frcRunning() {
        return (gTcon & G_TCON_TIMER_EN) != 0;
    }

    private long frc(long t) {
        return frcRunning() ? frcValue + (t - frcTclk) : frcValue;
    }

    private void setFrc(long value, long t) {
        frcValue = value;
        frcTclk = t;
        frcChecked = value;         // a jump matches no comparator it passes over
    }

    /** Processes the comparator matches of FRC values in (frcChecked, frc(t)]. */
    private void syncGlobal(long t) {
        long f = frc(t);
        long span = f - frcChecked;
        if (span == 0) {
            return;
        }
        for (int i = 0; i < 4; i++) {
            if ((gTcon & (1 << (2 * i))) == 0) {
                continue;
            }
            long d = comp[i] - frcChecked;
            if (d != 0 && Long.compareUnsigned(d, span) <= 0) {
                gCstat |= 1 << i;
                long inc = addIncr[i] & 0xFFFF_FFFFL;
                if ((gTcon & (2 << (2 * i))) != 0 && inc != 0) {
                    // every further match up to f only sets CSTAT again: jump to the first comparator value past f
                    long k = Long.divideUnsigned(f - comp[i], inc) + 1;
                    comp[i] += k * inc;
                }
            }
        }
        frcChecked = f;
    }

    // ---- Local timers ------------------------------------------------------------------------

    private final class Local {
        final InterruptLine line;
        boolean level;
        long tcntb, icntb, frcntb;  // buffers (TCNTB 32 bits, ICNTB 31 bits)
        int tcon, cstat, enb, wstat;
        // Tick and interrupt counters, as of TCLK 'origin': the tick counter was tcnt0 and
        // the interrupt counter icnt0; expiries (of the tick counter) counted since: 'checked'.
        long origin, tcnt0, icnt0, checked;
        boolean fired;              // one-shot mode: the interrupt counter has fired and stopped
        // Local FRC, counting down from its reload value since TCLK frcOrigin.
        long frcOrigin, frcChecked;

        Local(InterruptLine line) {
            this.line = line;
        }

        boolean ticking() {
            return (tcon & L_TCON_START) != 0;
        }

        boolean counting() {
            return ticking() && (tcon & L_TCON_INT_START) != 0 && !fired;
        }

        long period() {
            return tcntb + 1;
        }

        /** Tick-counter expiries since origin, at TCLK t. */
        long expiries(long t) {
            long e = t - origin;
            return !ticking() || e < tcnt0 + 1 ? 0 : 1 + (e - tcnt0 - 1) / period();
        }

        long tcnt(long t) {
            long e = t - origin;
            if (!ticking()) {
                return tcnt0;
            }
            return e < tcnt0 + 1 ? tcnt0 - e : tcntb - (e - tcnt0 - 1) % period();
        }

        /** The k-th firing (k ≥ 0) as an expiry number since origin. */
        long firing(long k) {
            return icnt0 + 1 + k * (icntb + 1);
        }

        long icnt(long t) {
            if (!counting()) {
                return fired ? 0 : icnt0;
            }
            long n = expiries(t);
            if (n < icnt0 + 1) {
                return icnt0 - n;
            }
            return icntb - (n - icnt0 - 1) % (icntb + 1);
        }

        /** The first firing at an expiry number of at least m, or -1 if there is none. */
        long firingFrom(long m) {
            if (m <= firing(0)) {
                return firing(0);
            }
            if ((tcon & L_TCON_INTERVAL) == 0) {
                return -1;
            }
            long k = (m - firing(0) + icntb) / (icntb + 1);
            return firing(k);
        }

        long frcReload() {
            return frcntb == 0 ? 1L << 32 : frcntb;
        }

        long frcCount(long t) {
            if ((tcon & L_TCON_FRC_START) == 0) {
                return frcReload();
            }
            return frcReload() - (t - frcOrigin) % frcReload();
        }

        void sync(long t) {
            if (counting()) {
                long n = expiries(t);
                if (n > checked) {
                    long f = firingFrom(checked + 1);
                    if (f >= 0 && f <= n) {
                        cstat |= 1;
                        if ((tcon & L_TCON_INTERVAL) == 0) {
                            rebase(t);       // the counter stops at 0 from here on
                            fired = true;
                            icnt0 = 0;
                        }
                    }
                    checked = n;
                }
            }
            if ((tcon & L_TCON_FRC_START) != 0) {
                long runs = (t - frcOrigin) / frcReload();
                if (runs > frcChecked) {
                    cstat |= 2;
                    frcChecked = runs;
                }
            }
        }

        /** Restarts the bookkeeping at TCLK t with the counters' current values. */
        void rebase(long t) {
            long a = tcnt(t);
            long b = icnt(t);
            origin = t;
            tcnt0 = a;
            icnt0 = b;
            checked = 0;
        }

        long nextEventTclk(long t) {
            long next = Long.MAX_VALUE;
            if ((cstat & enb & 1) == 0 && (enb & 1) != 0 && counting()) {
                long f = firingFrom(expiries(t) + 1);
                if (f >= 0) {
                    // expiry number f happens at e = tcnt0 + 1 + (f - 1)·period
                    long e = plus(tcnt0 + 1, multiply(f - 1, period()));
                    next = Math.min(next, plus(origin, e));
                }
            }
            if ((cstat & enb & 2) == 0 && (enb & 2) != 0 && (tcon & L_TCON_FRC_START) != 0) {
                long runs = (t - frcOrigin) / frcReload() + 1;
                next = Math.min(next, plus(frcOrigin, multiply(runs, frcReload())));
            }
            return next;
        }

        int read(int reg, long t) {
            return switch (reg) {
                case L_TCNTB -> (int) tcntb;
                case L_TCNTO -> (int) tcnt(t);
                case L_ICNTB -> (int) icntb;
                case L_ICNTO -> (int) icnt(t);
                case L_FRCNTB -> (int) frcntb;
                case L_FRCNTO -> (int) frcCount(t);
                case L_TCON -> tcon;
                case L_INT_CSTAT -> cstat;
                case L_INT_ENB -> enb;
                case L_WSTAT -> wstat;
                default -> 0;
            };
        }

        void write(int reg, int value, long t) {
            switch (reg) {
                case L_TCNTB -> {
                    rebase(t);              // the running count goes on; reloads use the new value
                    tcntb = value & 0xFFFF_FFFFL;
                    wstat |= L_WSTAT_TCNTB;
                }
                case L_ICNTB -> {
                    rebase(t);
                    icntb = value & 0x7FFF_FFFF;
                    if ((value & ICNTB_UPDATE) != 0) {
                        icnt0 = icntb;
                        fired = false;
                    }
                    wstat |= L_WSTAT_ICNTB;
                }
                case L_FRCNTB -> {
                    frcntb = value & 0xFFFF_FFFFL;
                    frcOrigin = t;          // restarts the local FRC from the new value
                    frcChecked = 0;
                    wstat |= L_WSTAT_FRCNTB;
                }
                case L_TCON -> {
                    rebase(t);
                    int old = tcon;
                    tcon = value & 0xF;
                    int rising = tcon & ~old;
                    if ((rising & L_TCON_START) != 0) {
                        tcnt0 = tcntb;
                    }
                    if ((rising & L_TCON_INT_START) != 0) {
                        icnt0 = icntb;
                        fired = false;
                    }
                    if ((rising & L_TCON_FRC_START) != 0) {
                        frcOrigin = t;
                        frcChecked = 0;
                    }
                    wstat |= L_WSTAT_TCON;
                }
                case L_INT_CSTAT -> cstat &= ~value;
                case L_INT_ENB -> enb = value & 3;
                case L_WSTAT -> wstat &= ~value;
                default -> { }              // TCNTO, ICNTO, FRCNTO are read-only
            }
        }

        void drive() {
            boolean l = (cstat & enb) != 0;
            if (l != level) {
                level = l;
                line.set(l);
            }
        }
    }

    private static long multiply(long a, long b) {
        long hi = Math.multiplyHigh(a, b);
        long lo = a * b;
        return hi != 0 || lo < 0 ? Long.MAX_VALUE : lo;
    }

    // ---- TimedDevice --------------------------------------------------------------------------

    /** Brings every counter's events up to TCLK t (now). */
    private long sync() {
        long t = tclk(now.getAsLong());
        syncGlobal(t);
        for (Local l : locals) {
            l.sync(t);
        }
        return t;
    }

    private void drive() {
        for (int i = 0; i < 4; i++) {
            boolean l = (gCstat & gEnb & (1 << i)) != 0;
            if (l != globalLevel[i]) {
                globalLevel[i] = l;
                globalLines[i].set(l);
            }
        }
        for (Local l : locals) {
            l.drive();
        }
    }

    @Override
    public void update() {
        sync();
        drive();
    }

    @Override
    public long nextEventCycle() {
        long t = sync();
        drive();
        long next = Long.MAX_VALUE;
        if (frcRunning()) {
            long f = frc(t);
            for (int i = 0; i < 4; i++) {
                int bit = 1 << i;
                if ((gTcon & (1 << (2 * i))) != 0 && (gEnb & bit) != 0 && (gCstat & bit) == 0) {
                    long d = comp[i] - f;
                    if (d > 0) {            // unsigned distances of 2^63 or more: never, in practice
                        next = Math.min(next, plus(t, d));
                    }
                }
            }
        }
        for (Local l : locals) {
            next = Math.min(next, l.nextEventTclk(t));
        }
        return next == Long.MAX_VALUE ? Long.MAX_VALUE : cycleOfTclk(next);
    }

    // ---- Registers ----------------------------------------------------------------------------

    @Override
    public int read(long offset, int size) {
        int off = (int) offset;
        int word = readRegister(off & ~3);
        return size == 4 ? word : (word >>> ((off & 3) * 8)) & (size == 1 ? 0xFF : 0xFFFF);
    }

    private int readRegister(int off) {
        long t = sync();
        drive();
        if (off >= L_BASE && off < L_BASE + 0x100 * locals.length) {
            return locals[(off - L_BASE) >> 8].read(off & 0xFF, t);
        }
        if (off >= G_COMP0_L && off < G_COMP0_L + 0x40) {
            int n = (off - G_COMP0_L) >> 4;
            return switch (off & 0xF) {
                case 0x0 -> (int) comp[n];
                case 0x4 -> (int) (comp[n] >>> 32);
                case 0x8 -> addIncr[n];
                default -> 0;
            };
        }
        return switch (off) {
            case MCT_CFG -> cfg;
            case G_CNT_L -> (int) frc(t);
            case G_CNT_U -> (int) (frc(t) >>> 32);
            case G_CNT_WSTAT -> gCntWstat;
            case G_TCON -> gTcon;
            case G_INT_CSTAT -> gCstat;
            case G_INT_ENB -> gEnb;
            case G_WSTAT -> gWstat;
            default -> 0;
        };
    }

    /** Sub-word writes are ignored: every driver (Linux, Xen, seL4) writes whole words. */
    @Override
    public void write(long offset, int size, int value) {
        if (size != 4) {
            return;
        }
        int off = (int) offset & ~3;
        long t = sync();
        if (off >= L_BASE && off < L_BASE + 0x100 * locals.length) {
            locals[(off - L_BASE) >> 8].write(off & 0xFF, value, t);
        } else if (off >= G_COMP0_L && off < G_COMP0_L + 0x40) {
            int n = (off - G_COMP0_L) >> 4;
            switch (off & 0xF) {
                case 0x0 -> {
                    comp[n] = (comp[n] & 0xFFFF_FFFF_0000_0000L) | (value & 0xFFFF_FFFFL);
                    gWstat |= 1 << (4 * n);
                }
                case 0x4 -> {
                    comp[n] = (comp[n] & 0xFFFF_FFFFL) | ((long) value << 32);
                    gWstat |= 2 << (4 * n);
                }
                case 0x8 -> {
                    addIncr[n] = value;
                    gWstat |= 4 << (4 * n);
                }
                default -> { }
            }
        } else {
            switch (off) {
                case MCT_CFG -> setConfig(value, t);
                case G_CNT_L -> {
                    setFrc((frc(t) & 0xFFFF_FFFF_0000_0000L) | (value & 0xFFFF_FFFFL), t);
                    gCntWstat |= 1;
                }
                case G_CNT_U -> {
                    setFrc((frc(t) & 0xFFFF_FFFFL) | ((long) value << 32), t);
                    gCntWstat |= 2;
                }
                case G_CNT_WSTAT -> gCntWstat &= ~value;
                case G_TCON -> {
                    long f = frc(t);
                    gTcon = value & 0x1FF;
                    frcValue = f;           // starting or stopping keeps the count
                    frcTclk = t;
                    gWstat |= G_WSTAT_TCON;
                }
                case G_INT_CSTAT -> gCstat &= ~value;
                case G_INT_ENB -> gEnb = value & 0xF;
                case G_WSTAT -> gWstat &= ~value;
                default -> { }
            }
        }
        drive();
    }
}
