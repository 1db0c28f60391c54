package org.hyplab.timer;

import static org.hyplab.timer.Access.ALLOWED;
import static org.hyplab.timer.Access.TRAP_TO_HYP;
import static org.hyplab.timer.Access.UNDEFINED;

/**
 * One CPU's Generic Timer (ARM ARM B8): CNTFRQ, the physical and virtual counts, CNTVOFF, the
 * PL0 and Hyp controls CNTKCTL and CNTHCTL, and three {@link CompareTimer}s driving PPIs 30
 * (physical), 27 (virtual) and 26 (Hyp). The count comes from the machine's
 * {@link SystemCounter}, so nothing here reads the wall clock.
 *
 * <h2>Calling it from CP15 (SystemRegisters)</h2>
 * Every MRC/MCR p15 with CRn = c14 and every MRRC/MCRR p15 with CRm = c14 is the timer's
 * ({@link TimerRegister#claims32}, {@link TimerRegister#claims64}). Pass the current privilege
 * level ({@code Mode.privilegeLevel}: 0, 1 or 2). Each call returns an {@link Access}; a read's
 * value is left in {@link #value()}, so no call allocates:
 * <pre>
 *   Access a = timer.read32(opc1, crn, crm, opc2, pl);     // MRC
 *   Access a = timer.write32(opc1, crn, crm, opc2, pl, rt); // MCR
 *   Access a = timer.read64(opc1, crm, pl);                 // MRRC: Rt = (int) value(), Rt2 = (int) (value() &gt;&gt;&gt; 32)
 *   Access a = timer.write64(opc1, crm, pl, (rt2 &amp; 0xFFFFFFFFL) &lt;&lt; 32 | (rt &amp; 0xFFFFFFFFL)); // MCRR
 *   switch (a) {
 *       case ALLOWED     -&gt; ... use timer.value() for a read
 *       case UNDEFINED   -&gt; take the Undefined Instruction exception
 *       case TRAP_TO_HYP -&gt; Hyp Trap, HSR.EC 0x03 (MRC/MCR) or 0x04 (MRRC/MCRR)
 *   }
 * </pre>
 * All accesses are Non-secure: the model has no Security Extensions (ID_PFR1 Security = 0) and
 * has EL2, so PL2 (Hyp mode) is the highest privilege level.
 *
 * <h2>Access rules</h2>
 * The ARMv7 rules are in ARM ARM B8.1.2 (physical counter), B8.1.3 (virtual counter), B8.1.5
 * (timers) and the B4.1 register descriptions (CNTFRQ B4.1.21). That text was not at hand when
 * this was written, so each rule below was taken from the AArch32 access pseudocode of the same
 * register in Arm's ARMv8 system-register descriptions (CNTFRQ, CNTPCT, CNTVOFF, CNTHCTL ...),
 * read for an AArch32 EL2 without VHE or ECV, which is the ARMv7 Virtualization Extensions case:
 * <table>
 * <caption>R = read, W = write; U = UNDEFINED, T = trap to Hyp, ok = allowed</caption>
 * <tr><th>register</th><th>PL0</th><th>PL1</th><th>PL2</th></tr>
 * <tr><td>CNTFRQ</td><td>R: ok if CNTKCTL.PL0PCTEN or PL0VCTEN, else U; W: U</td><td>R ok; W: U</td><td>RW ok</td></tr>
 * <tr><td>CNTKCTL</td><td>U</td><td>ok</td><td>ok</td></tr>
 * <tr><td>CNTPCT (RO)</td><td>U unless PL0PCTEN; then T unless CNTHCTL.PL1PCTEN</td><td>T unless PL1PCTEN</td><td>ok</td></tr>
 * <tr><td>CNTVCT (RO)</td><td>U unless PL0VCTEN</td><td>ok</td><td>ok</td></tr>
 * <tr><td>CNTP_CTL/CVAL/TVAL</td><td>U unless PL0PTEN; then T unless CNTHCTL.PL1PCEN</td><td>T unless PL1PCEN</td><td>ok</td></tr>
 * <tr><td>CNTV_CTL/CVAL/TVAL</td><td>U unless PL0VTEN</td><td>ok</td><td>ok</td></tr>
 * <tr><td>CNTVOFF, CNTHCTL, CNTHP_*</td><td>U</td><td>U</td><td>ok</td></tr>
 * </table>
 * A write (MCRR) to CNTPCT or CNTVCT is UNDEFINED at every level: they are read-only.
 * CNTFRQ is writable only at the highest implemented PL (here PL2); a write from lower levels is
 * UNDEFINED, not trapped. The Hyp registers are UNDEFINED below PL2, not trapped: there is no
 * control that would trap them. The PL0 check by CNTKCTL comes before the Hyp trap by CNTHCTL
 * ("trapped to Hyp mode, unless it is trapped by CNTKCTL.PL0PTEN"), so a PL0 access that CNTKCTL
 * forbids is UNDEFINED even when CNTHCTL would trap it.
 *
 * <h2>Time</h2>
 * ISTATUS and the TimerValue views are computed from the count at the moment of the access. The
 * output lines change when a register is written (driven at once) and when time passes: the
 * machine runs the CPUs up to {@link #nextEventCycle()} (the exact instruction at which a line
 * rises) and then calls {@link #update()}. Calling {@code update()} more often is harmless.
 *
 * <p>Reset values: CNTFRQ = the board's frequency (what QEMU's A15 and the Arndale DT report;
 * CNTFRQ is only a record for software and does not change how fast the counter runs);
 * CNTHCTL = 0x3 (the v7 reset of PL1PCTEN and PL1PCEN; BOARDS.md §4.2, QEMU 7.2); CNTVOFF = 0
 * (QEMU 7.2, BOARDS.md §4.2; architecturally UNKNOWN); CNTKCTL = 0 (architecturally UNKNOWN in
 * most fields: PL0 has no timer access until PL1 grants it, and no event stream runs).
 */
public final class GenericTimer {

    public static final int PL0 = 0, PL1 = 1, PL2 = 2;

    /** CNTKCTL bits (BOARDS.md §4.6). Bits 2..7 are the event stream's, see {@link EventStream}. */
    public static final int PL0PCTEN = 1, PL0VCTEN = 1 << 1, PL0VTEN = 1 << 8, PL0PTEN = 1 << 9;
    /** CNTHCTL bits (BOARDS.md §4.6); bits 2..7 are the event stream's. */
    public static final int PL1PCTEN = 1, PL1PCEN = 1 << 1;

    static final int CNTKCTL_MASK = 0x3FF;   // [31:10] UNK/SBZP
    static final int CNTHCTL_MASK = 0xFF;    // [31:8] UNK/SBZP
    static final int CNTHCTL_RESET = PL1PCTEN | PL1PCEN;

    /** Interrupt IDs of the timer PPIs on both boards (BOARDS.md §1). */
    public static final int PHYSICAL_ID = 30, VIRTUAL_ID = 27, HYP_ID = 26;

    private final SystemCounter counter;
    private final CompareTimer physical = new CompareTimer(TimerKind.PHYSICAL);
    private final CompareTimer virtual = new CompareTimer(TimerKind.VIRTUAL);
    private final CompareTimer hyp = new CompareTimer(TimerKind.HYP);

    private int cntfrq;
    private int cntkctl;
    private int cnthctl;
    private long cntvoff;
    private long value;

    public GenericTimer(SystemCounter counter) {
        this.counter = counter;
        reset();
    }

    /** The reset state described in the class comment; lines are driven low. */
    public void reset() {
        cntfrq = counter.frequency();
        cntkctl = 0;
        cnthctl = CNTHCTL_RESET;
        cntvoff = 0;
        physical.reset();
        virtual.reset();
        hyp.reset();
        update();
    }

    /**
     * Sets the listener told when one of the three timers fires (its line rises), naming this
     * timer's CPU as {@code cpu}; {@code null} removes it. Listening changes nothing else.
     */
    public void setListener(int cpu, TimerListener l) {
        physical.listen(cpu, l);
        virtual.listen(cpu, l);
        hyp.listen(cpu, l);
    }

    public SystemCounter counter() {
        return counter;
    }

    public CompareTimer physical() {
        return physical;
    }

    public CompareTimer virtual() {
        return virtual;
    }

    public CompareTimer hyp() {
        return hyp;
    }

    /** CNTVCT now: CNTPCT − CNTVOFF, modulo 2^64 (B8.1.3). */
    public long virtualCount() {
        return counter.count() - cntvoff;
    }

    /** The value of the last {@link Access#ALLOWED} read (32-bit registers zero-extended). */
    public long value() {
        return value;
    }

    /** Whether {@code write} (or a read) of {@code reg} at privilege level {@code pl} may happen. */
    public Access check(TimerRegister reg, boolean write, int pl) {
        return switch (reg) {
            case CNTFRQ -> write
                    ? (pl == PL2 ? ALLOWED : UNDEFINED)
                    : (pl > PL0 || (cntkctl & (PL0PCTEN | PL0VCTEN)) != 0 ? ALLOWED : UNDEFINED);
            case CNTKCTL -> pl > PL0 ? ALLOWED : UNDEFINED;
            case CNTPCT -> write ? UNDEFINED : physicalAccess(pl, PL0PCTEN, PL1PCTEN);
            case CNTVCT -> write ? UNDEFINED : pl0Gated(pl, PL0VCTEN);
            case CNTP_CTL, CNTP_CVAL, CNTP_TVAL -> physicalAccess(pl, PL0PTEN, PL1PCEN);
            case CNTV_CTL, CNTV_CVAL, CNTV_TVAL -> pl0Gated(pl, PL0VTEN);
            case CNTVOFF, CNTHCTL, CNTHP_CTL, CNTHP_CVAL, CNTHP_TVAL -> pl == PL2 ? ALLOWED : UNDEFINED;
        };
    }

    private Access pl0Gated(int pl, int pl0Enable) {
        return pl > PL0 || (cntkctl & pl0Enable) != 0 ? ALLOWED : UNDEFINED;
    }

    /**
     * CNTPCT and the physical timer: CNTKCTL gates PL0 first (UNDEFINED), then CNTHCTL traps
     * PL0 and PL1 to Hyp (B8.1.2). QEMU 7.2 disagrees for a PL0 read of CNTPCT: it tests
     * CNTHCTL bit 1 (PL1PCEN) instead of bit 0 (PL1PCTEN), a bug QEMU fixed in September 2023
     * (qemu-devel message 20230928094404.20802-1-michal.orzel@amd.com). We follow the ARM ARM.
     */
    private Access physicalAccess(int pl, int pl0Enable, int hypEnable) {
        if (pl == PL2) {
            return ALLOWED;
        }
        if (pl == PL0 && (cntkctl & pl0Enable) == 0) {
            return UNDEFINED;
        }
        return (cnthctl & hypEnable) != 0 ? ALLOWED : TRAP_TO_HYP;
    }

    /** The register's current value without any access check or side effect (debugger, UI). */
    public long peek(TimerRegister reg) {
        return switch (reg) {
            case CNTFRQ -> cntfrq & 0xFFFF_FFFFL;
            case CNTKCTL -> cntkctl;
            case CNTHCTL -> cnthctl;
            case CNTPCT -> counter.count();
            case CNTVCT -> virtualCount();
            case CNTVOFF -> cntvoff;
            case CNTP_CTL -> physical.readCtl(counter.count());
            case CNTP_CVAL -> physical.readCval();
            case CNTP_TVAL -> physical.readTval(counter.count()) & 0xFFFF_FFFFL;
            case CNTV_CTL -> virtual.readCtl(virtualCount());
            case CNTV_CVAL -> virtual.readCval();
            case CNTV_TVAL -> virtual.readTval(virtualCount()) & 0xFFFF_FFFFL;
            case CNTHP_CTL -> hyp.readCtl(counter.count());
            case CNTHP_CVAL -> hyp.readCval();
            case CNTHP_TVAL -> hyp.readTval(counter.count()) & 0xFFFF_FFFFL;
        };
    }

    /** Reads {@code reg} at level {@code pl}; when allowed the value is in {@link #value()}. */
    public Access read(TimerRegister reg, int pl) {
        Access a = check(reg, false, pl);
        if (a == ALLOWED) {
            value = peek(reg);
        }
        return a;
    }

    /** Writes {@code reg} at level {@code pl} (a 32-bit register takes the low 32 bits). */
    public Access write(TimerRegister reg, int pl, long newValue) {
        Access a = check(reg, true, pl);
        if (a != ALLOWED) {
            return a;
        }
        int low = (int) newValue;
        switch (reg) {
            case CNTFRQ -> cntfrq = low;
            case CNTKCTL -> cntkctl = low & CNTKCTL_MASK;
            case CNTHCTL -> cnthctl = low & CNTHCTL_MASK;
            case CNTVOFF -> cntvoff = newValue;
            case CNTP_CTL -> physical.writeCtl(low);
            case CNTP_CVAL -> physical.writeCval(newValue);
            case CNTP_TVAL -> physical.writeTval(counter.count(), low);
            case CNTV_CTL -> virtual.writeCtl(low);
            case CNTV_CVAL -> virtual.writeCval(newValue);
            case CNTV_TVAL -> virtual.writeTval(virtualCount(), low);
            case CNTHP_CTL -> hyp.writeCtl(low);
            case CNTHP_CVAL -> hyp.writeCval(newValue);
            case CNTHP_TVAL -> hyp.writeTval(counter.count(), low);
            case CNTPCT, CNTVCT -> throw new IllegalStateException(reg + " is read-only");   // check() said UNDEFINED
        }
        update();
        return ALLOWED;
    }

    /** MRC p15, opc1, Rt, CRn, CRm, opc2. */
    public Access read32(int opc1, int crn, int crm, int opc2, int pl) {
        TimerRegister reg = TimerRegister.of32(opc1, crn, crm, opc2);
        return reg == null ? UNDEFINED : read(reg, pl);
    }

    /** MCR p15, opc1, Rt, CRn, CRm, opc2. */
    public Access write32(int opc1, int crn, int crm, int opc2, int pl, int rt) {
        TimerRegister reg = TimerRegister.of32(opc1, crn, crm, opc2);
        return reg == null ? UNDEFINED : write(reg, pl, rt);
    }

    /** MRRC p15, opc1, Rt, Rt2, CRm: Rt gets bits [31:0] of {@link #value()}, Rt2 bits [63:32]. */
    public Access read64(int opc1, int crm, int pl) {
        TimerRegister reg = TimerRegister.of64(opc1, crm);
        return reg == null ? UNDEFINED : read(reg, pl);
    }

    /** MCRR p15, opc1, Rt, Rt2, CRm with {@code value} = Rt2:Rt. */
    public Access write64(int opc1, int crm, int pl, long rt2rt) {
        TimerRegister reg = TimerRegister.of64(opc1, crm);
        return reg == null ? UNDEFINED : write(reg, pl, rt2rt);
    }

    /** Drives the three output lines with their levels at the current count. */
    public void update() {
        long pct = counter.count();
        physical.drive(pct);
        virtual.drive(pct - cntvoff);
        hyp.drive(pct);
    }

    /**
     * The earliest cycle after now at which an output line rises (an enabled, unmasked timer
     * whose condition is not yet met reaches its CompareValue), or {@link Long#MAX_VALUE} if
     * none will. Masked timers are left out: reaching CompareValue changes only their ISTATUS,
     * which is computed when read, and no line. At that cycle the line is high once
     * {@link #update()} runs, and it is low at the cycle before.
     */
    public long nextEventCycle() {
        long pct = counter.count();
        long next = cycleAfter(pct, physical.countsUntilOutput(pct));
        next = Math.min(next, cycleAfter(pct, virtual.countsUntilOutput(pct - cntvoff)));
        return Math.min(next, cycleAfter(pct, hyp.countsUntilOutput(pct)));
    }

    /** The cycle at which the physical count reaches pct + counts; MAX_VALUE for none (0) or beyond 2^64 − 1. */
    private long cycleAfter(long pct, long counts) {
        if (counts == 0) {
            return Long.MAX_VALUE;
        }
        long target = pct + counts;
        if (Long.compareUnsigned(target, pct) < 0) {
            return Long.MAX_VALUE;
        }
        return counter.cycleOfCount(target);
    }

    /**
     * Whether an event-stream event (B8.1.4) occurs between two cycles, after {@code fromCycle}
     * up to and including {@code toCycle}: from the CNTHCTL stream on CNTPCT or the CNTKCTL
     * stream on CNTVCT. The virtual stream uses the CNTVOFF of now for the whole interval. For a
     * WFE that waits from one cycle to another.
     */
    public boolean eventStreamBetween(long fromCycle, long toCycle) {
        long from = counter.countAt(fromCycle);
        long to = counter.countAt(toCycle);
        return EventStream.occursBetween(cnthctl, from, to)
                || EventStream.occursBetween(cntkctl, from - cntvoff, to - cntvoff);
    }

    /** The earliest cycle after now at which an event stream generates an event, or {@link Long#MAX_VALUE}. */
    public long nextEventStreamCycle() {
        long pct = counter.count();
        return Math.min(cycleAfter(pct, EventStream.countsToNext(cnthctl, pct)),
                cycleAfter(pct, EventStream.countsToNext(cntkctl, pct - cntvoff)));
    }
}
