package org.hyplab.machine;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

import org.hyplab.cpu.Cpu;
import org.hyplab.cpu.DecodeCache;
import org.hyplab.cpu.InstructionHook;
import org.hyplab.dev.CorePower;
import org.hyplab.dev.Pl011;
import org.hyplab.dev.PowerControl;
import org.hyplab.dev.Resettable;
import org.hyplab.dev.SerialPort;
import org.hyplab.dev.TimedDevice;
import org.hyplab.dev.VexpressSysRegs;
import org.hyplab.gic.Gic;
import org.hyplab.irq.InterruptLine;
import org.hyplab.mem.Bus;
import org.hyplab.mem.Ram;
import org.hyplab.timer.SystemCounter;

/**
 * An emulated machine: CPUs sharing a bus, devices, and the loop that runs the CPUs in turn.
 * Nothing here reads the wall clock or starts a thread, so a machine given the same image and
 * inputs executes the same instructions every time.
 *
 * <h2>Time</h2>
 * Every CPU has its own time, {@link Cpu#cycles()}: one cycle of a nominal 1 GHz clock per
 * retired instruction, plus the cycles it spent waiting. The loop runs in rounds: each round has
 * an end T, at most {@link #QUANTUM} cycles on and never past the next timer or device event;
 * each CPU in turn runs until its time reaches T, and a CPU that waits in WFI/WFE (or is
 * powered off) has its time moved on to T. So at the end of a round all CPUs are at T, and an
 * interrupt due at T is taken at the first instruction of the next round. When no CPU executed
 * anything in a round, the next round starts at the next event: waiting costs nothing, however
 * long it is. When there is no next event and no input that could arrive, the machine is
 * deadlocked.
 *
 * <p>The clock that devices and the generic timer's system counter read, {@link #now()}, is the
 * current CPU's time, but never earlier than any time already read: within a round one CPU runs
 * ahead of the others, and a value another CPU saw must not be seen to go backwards.
 *
 * <h2>Shared memory</h2>
 * A CPU's exclusive monitor is cleared when another CPU ran since its last turn, so a
 * LDREX/STREX pair that straddles another CPU's turn fails and is retried (ARM ARM A3.4.5 lets
 * a store-exclusive fail for such reasons); a spinlock can never be taken twice.
 */
public final class Machine implements PowerControl, CorePower {

    /** Why {@link #run} returned. */
    public enum Stop {
        /** The board was powered off (SYS_CFGCTRL shutdown, PS_HOLD, ...). */
        POWERED_OFF,
        /** The instruction budget ran out. */
        BUDGET_EXHAUSTED,
        /** Every CPU waits for an interrupt that nothing can raise. */
        DEADLOCKED,
        /** An observer asked to stop: a breakpoint, a watchpoint, an awaited trap. */
        STOPPED,
        /**
         * Every CPU waits and only a keystroke could wake one; the input has none yet and does
         * not block (an interactive session's). A later run goes on once input has arrived.
         */
        WAITING_FOR_INPUT
    }

    /** Cycles in a round: the most any CPU runs before the others get their turn. */
    static final int QUANTUM = 10_000;

    public static final long VEXPRESS_RAM_BASE = 0x8000_0000L;
    public static final long VEXPRESS_UART0 = 0x1C09_0000L;
    public static final long VEXPRESS_SYSREGS = 0x1C01_0000L;
    /** The GIC-400 windows in the A15 MPCore private region at CBAR 0x2C000000 (BOARDS.md §2.2). */
    public static final long VEXPRESS_GICD = 0x2C00_1000L, VEXPRESS_GICC = 0x2C00_2000L,
            VEXPRESS_GICH = 0x2C00_4000L, VEXPRESS_GICH_ALIASES = 0x2C00_5000L, VEXPRESS_GICV = 0x2C00_6000L;

    private final Bus bus = new Bus();
    private final DecodeCache code = new DecodeCache(bus);
    private final List<Cpu> cpus = new ArrayList<>();
    private final List<TimedDevice> timedDevices = new ArrayList<>();
    /** The devices a board reset returns to their power-on state. */
    private final List<Resettable> resettables = new ArrayList<>();
    /** What the boot loader put into RAM, written again at a board reset ({@link #loadImage}). */
    private final List<LoadedImage> images = new ArrayList<>();
    private final SystemCounter counter;
    private Gic gic;
    private SerialPort console;
    private ConsoleInput input = ConsoleInput.CLOSED;
    /** How each CPU starts at reset and at power-on; set by {@link BootLoader}. */
    private CpuStart[] starts = new CpuStart[0];
    private boolean[] coreOff = new boolean[0];

    /** The CPU the loop is running: whose banked GIC registers an access reaches, whose time it is. */
    private int currentCpu;
    /** The CPU that ran last, to clear the others' exclusive monitors. */
    private int lastRan = -1;
    /** The latest time anyone has read through {@link #now()}. */
    private long observed;
    /** The end of the round being run. */
    private long roundEnd;
    /** Whether a round is under way (a run returned inside it), which CPU's turn it is, and whether any ran in it. */
    private boolean roundOpen;
    private int roundCpu;
    private boolean roundRan;
    /** An observer asked the run to return ({@link #requestStop}). */
    private boolean stopRequested;
    private InstructionHook hook;
    /** Inside {@link #run}: a snapshot or another run must wait until it returns. */
    private boolean running;
    private boolean poweredOff;
    private boolean rebootRequested;
    private String powerReason = "";

    Machine(int counterHz) {
        this.counter = new SystemCounter(counterHz, this::now);
    }

    /** Loads an ELF and starts every CPU at its entry ({@link BootLoader#loadElf}). */
    public void load(org.hyplab.elf.ElfImage elf) throws LoadException {
        BootLoader.loadElf(this, elf);
    }

    /**
     * The Versatile Express subset the CPU issue's unit tests use: one CPU, RAM at 0x80000000,
     * UART0 and the system registers (with no interrupt wired), and the GIC-400 with the
     * generic timer on PPIs 30, 27 and 26. Whole boards come from {@link BoardAssembler}.
     */
    public static Machine tinyVexpress(long ramBytes, IntConsumer console) {
        return tinyVexpress(ramBytes, 1, console);
    }

    /** {@link #tinyVexpress(long, IntConsumer)} with {@code cpus} CPUs. */
    public static Machine tinyVexpress(long ramBytes, int cpus, IntConsumer console) {
        Machine m = new Machine(SystemCounter.VEXPRESS_HZ);
        m.bus.addRam(VEXPRESS_RAM_BASE, ramBytes);
        Pl011 uart = new Pl011("uart0", InterruptLine.NONE, console);
        m.bus.addDevice(VEXPRESS_UART0, 0x1000, uart);
        VexpressSysRegs sysregs = new VexpressSysRegs(m, m::now);
        m.bus.addDevice(VEXPRESS_SYSREGS, 0x1000, sysregs);
        m.addResettable(uart);
        m.addResettable(sysregs);
        m.addCpus(cpus);
        m.console = uart;
        Gic gic = new Gic(cpus, Gic.VEXPRESS_IDS, m::currentCpu);
        m.bus.addDevice(VEXPRESS_GICD, Gic.DISTRIBUTOR_SIZE, gic.distributor());
        m.bus.addDevice(VEXPRESS_GICC, Gic.CPU_INTERFACE_SIZE, gic.cpuInterface());
        m.bus.addDevice(VEXPRESS_GICH, Gic.VIRTUAL_CONTROL_SIZE, gic.virtualControl());
        for (int i = 0; i < cpus; i++) {
            m.bus.addDevice(VEXPRESS_GICH_ALIASES + (long) Gic.VIRTUAL_CONTROL_ALIAS_SIZE * i,
                    Gic.VIRTUAL_CONTROL_ALIAS_SIZE, gic.virtualControl(i));
        }
        m.bus.addDevice(VEXPRESS_GICV, Gic.VIRTUAL_CPU_INTERFACE_SIZE, gic.virtualCpuInterface());
        m.attachGic(gic);
        return m;
    }

    // ---- assembly (BoardAssembler) ------------------------------------------------------------

    void addCpus(int n) {
        for (int i = 0; i < n; i++) {
            Cpu cpu = new Cpu(i, bus, code, counter);
            cpu.setEventBroadcast(this::broadcastEvent);
            cpus.add(cpu);
        }
        starts = new CpuStart[n];
        coreOff = new boolean[n];
    }

    /** Wires every CPU's generic timer to its PPIs and the GIC's outputs to the CPUs. */
    void attachGic(Gic g) {
        this.gic = g;
        for (int i = 0; i < cpus.size(); i++) {
            Cpu cpu = cpus.get(i);
            cpu.timer.physical().connect(g.ppi(i, cpu.timer.physical().interruptId));
            cpu.timer.virtual().connect(g.ppi(i, cpu.timer.virtual().interruptId));
            cpu.timer.hyp().connect(g.ppi(i, cpu.timer.hyp().interruptId));
            g.connect(i, cpu::setInterruptLines);
        }
    }

    void addTimedDevice(TimedDevice device) {
        timedDevices.add(device);
    }

    void addResettable(Resettable device) {
        resettables.add(device);
    }

    void setConsole(SerialPort port) {
        this.console = port;
    }

    void setStart(int cpu, CpuStart start) {
        starts[cpu] = start;
    }

    // ---- what the machine is made of ----------------------------------------------------------

    /** The interrupt controller, or {@code null} for a machine without one. */
    public Gic gic() {
        return gic;
    }

    public Bus bus() {
        return bus;
    }

    public List<Cpu> cpus() {
        return List.copyOf(cpus);
    }

    /** The console UART's receive side. */
    public SerialPort console() {
        return console;
    }

    /** Where the bytes a user types come from; {@link ConsoleInput#CLOSED} by default. */
    public void setConsoleInput(ConsoleInput input) {
        this.input = input;
    }

    /** Retired instructions of all CPUs. */
    public long retired() {
        return cpus.stream().mapToLong(c -> c.retired).sum();
    }

    public String powerReason() {
        return powerReason;
    }

    /** The CPU the machine is running now (whose registers a banked device access reaches). */
    public int currentCpu() {
        return currentCpu;
    }

    /**
     * The machine's time in cycles of the nominal 1 GHz clock, as devices and the system counter
     * see it: the current CPU's time, but never earlier than a time already seen.
     */
    public long now() {
        long t = cpus.isEmpty() ? observed : cpus.get(currentCpu).cycles();
        if (t > observed) {
            observed = t;
        }
        return observed;
    }

    // ---- reset and power -------------------------------------------------------------------

    /** Bytes put at a RAM address by the boot loader, zero-filled up to {@code size}. */
    private record LoadedImage(long address, byte[] data, long size) {
        void writeTo(Bus bus) {
            Ram ram = bus.ramAt(address);
            long off = address - ram.base();
            ram.load(off, data);
            for (long i = data.length; i < size; i++) {
                ram.write8(off + i, 0);
            }
        }
    }

    /**
     * Writes {@code data} into RAM at {@code pa}, then zeros up to {@code size} bytes in all (an
     * ELF segment's .bss part), and remembers it for {@link #reboot}: QEMU keeps what
     * {@code -kernel} loaded as ROM blobs and copies them into RAM again at every system reset.
     * The caller has checked that the range is RAM.
     */
    void loadImage(long pa, byte[] data, long size) {
        LoadedImage image = new LoadedImage(pa, data.clone(), size);
        image.writeTo(bus);
        images.add(image);
    }

    /**
     * A board reset, as QEMU's system reset does it: every device back to its power-on state,
     * what the boot loader loaded written into RAM again (the rest of RAM keeps its contents),
     * then the CPUs and the GIC.
     */
    private void resetBoard() {
        resettables.forEach(Resettable::reset);
        images.forEach(image -> image.writeTo(bus));
        resetCpus();
    }

    /** Resets the CPUs and the GIC and starts each powered CPU as its {@link CpuStart} says. */
    void resetCpus() {
        for (int i = 0; i < cpus.size(); i++) {
            startCpu(i);
        }
        if (gic != null) {
            gic.reset();
            for (int i = 0; i < cpus.size(); i++) {
                gic.connect(i, cpus.get(i)::setInterruptLines);   // a CPU reset cleared its inputs
            }
        }
    }

    private void startCpu(int i) {
        Cpu cpu = cpus.get(i);
        cpu.reset();
        CpuStart s = starts[i];
        if (s == null) {
            coreOff[i] = true;   // nothing to run: held in reset
            return;
        }
        coreOff[i] = s.heldOff();
        cpu.pc = s.pc();
        cpu.r[0] = s.r0();
        cpu.r[1] = s.r1();
        cpu.r[2] = s.r2();
    }

    @Override
    public void powerOff(String why) {
        poweredOff = true;
        powerReason = why;
        cpus.forEach(Cpu::requestStop);
    }

    @Override
    public void reboot(String why) {
        rebootRequested = true;
        powerReason = why;
        cpus.forEach(Cpu::requestStop);
    }

    @Override
    public boolean isOn(int cpu) {
        return cpu >= 0 && cpu < cpus.size() && !coreOff[cpu];
    }

    /** A core switched on starts again where its {@link CpuStart} says, at the current time. */
    @Override
    public void powerOn(int cpu) {
        if (cpu < 0 || cpu >= cpus.size() || !coreOff[cpu]) {
            return;
        }
        long t = now();
        startCpu(cpu);
        coreOff[cpu] = false;
        cpus.get(cpu).idleUntil(t);
        if (gic != null) {
            gic.connect(cpu, cpus.get(cpu)::setInterruptLines);
        }
    }

    @Override
    public void powerOff(int cpu) {
        if (cpu < 0 || cpu >= cpus.size()) {
            return;
        }
        coreOff[cpu] = true;
        cpus.get(cpu).requestStop();
    }

    private void broadcastEvent() {
        for (int i = 0; i < cpus.size(); i++) {
            if (!coreOff[i]) {
                cpus.get(i).receiveEvent();
            }
        }
    }

    // ---- the loop ----------------------------------------------------------------------------

    /**
     * Runs until the board powers off, every CPU waits forever, {@code budget} instructions ran,
     * or an observer asked to stop ({@link #requestStop}, or the instruction hook said so).
     *
     * <p>A run that ends inside a round keeps its place: the next call continues the same CPU in
     * the same round, so splitting a run into any number of shorter ones (a debugger's steps)
     * executes exactly the instructions one long run would, in the same order and at the same
     * times.
     */
    public Stop run(long budget) {
        if (running) {
            throw new IllegalStateException("run() called from inside a run (by an observer?)");
        }
        running = true;
        try {
            return runRounds(budget);
        } finally {
            running = false;
        }
    }

    /** Whether {@link #run} is executing now (an observer called from inside it sees true). */
    public boolean running() {
        return running;
    }

    private Stop runRounds(long budget) {
        long left = budget;
        while (true) {
            if (poweredOff) {
                return Stop.POWERED_OFF;
            }
            if (!roundOpen) {
                if (rebootRequested) {
                    rebootRequested = false;
                    resetBoard();
                }
                feedConsole();
                long start = roundStart();
                roundEnd = Math.max(start + 1, Math.min(start + QUANTUM, nextEvent()));
                roundOpen = true;
                roundRan = false;
                roundCpu = 0;
            }
            for (; roundCpu < cpus.size(); roundCpu++) {
                int i = roundCpu;
                if (stopRequested) {
                    stopRequested = false;
                    return Stop.STOPPED;
                }
                if (left <= 0) {
                    return Stop.BUDGET_EXHAUSTED;
                }
                Cpu cpu = cpus.get(i);
                currentCpu = i;
                if (!coreOff[i] && cpu.canRun()) {
                    if (lastRan != i && lastRan >= 0) {
                        cpu.exclusiveOpen = true;   // another CPU ran: its stores may have hit our address
                    }
                    long slice = roundEnd - cpu.cycles();
                    long allowed = Math.min(slice, left);
                    long ran;
                    if (hook == null) {
                        ran = cpu.run(allowed);
                    } else {
                        ran = cpu.run(allowed, hook);
                        stopRequested |= cpu.stoppedByHook;
                    }
                    if (ran > 0) {
                        lastRan = i;
                        roundRan = true;
                        left -= ran;
                    }
                    if (poweredOff) {
                        return Stop.POWERED_OFF;
                    }
                    if (rebootRequested) {
                        break;
                    }
                    if (stopRequested || (ran == allowed && allowed < slice)) {
                        // Stopped by an observer or by the budget, not at the round's end: this
                        // CPU's turn continues at the next call.
                        boolean stopped = stopRequested;
                        stopRequested = false;
                        return stopped ? Stop.STOPPED : Stop.BUDGET_EXHAUSTED;
                    }
                }
                if (poweredOff) {
                    return Stop.POWERED_OFF;
                }
                if (rebootRequested) {
                    break;
                }
                cpu.idleUntil(roundEnd);   // a CPU that waited (or stopped early) spends the rest idle
                cpu.timer.update();
            }
            roundOpen = false;
            updateDevices();
            if (!roundRan && !rebootRequested) {
                switch (waitForSomething()) {
                    case NOTHING_CAN_HAPPEN -> {
                        return Stop.DEADLOCKED;
                    }
                    case INPUT_NOT_YET -> {
                        return Stop.WAITING_FOR_INPUT;
                    }
                    default -> {
                        // time moved on, or a byte arrived: the next round runs
                    }
                }
            }
        }
    }

    /**
     * Asks {@link #run} to return {@link Stop#STOPPED} after the current instruction; an
     * observer calls it from inside the run (an exception it waited for was taken, a watched
     * address was written). Outside a run, the next run stops before executing anything.
     */
    public void requestStop() {
        stopRequested = true;
        if (!cpus.isEmpty()) {
            cpus.get(currentCpu).requestStop();
        }
    }

    /**
     * Consulted before every instruction of every CPU while set (a debugger's breakpoints and
     * steps); {@code null}, the default, runs at full speed. A hook that answers true stops the
     * run before that instruction.
     */
    public void setInstructionHook(InstructionHook hook) {
        this.hook = hook;
    }

    /**
     * The machine's time now, read without touching it ({@link #now()} also records the read):
     * the latest of any CPU's time and of any time already seen. Observers outside the machine
     * use it to place what they do in its time (the Lab's console input log).
     */
    public long time() {
        return roundStart();
    }

    /** Where a round starts: the time every CPU has reached (they all end rounds together). */
    private long roundStart() {
        long t = observed;
        for (Cpu cpu : cpus) {
            t = Math.max(t, cpu.cycles());
        }
        return t;
    }

    /** The earliest cycle at which a generic timer or a device raises a line; MAX_VALUE for none. */
    private long nextEvent() {
        long next = Long.MAX_VALUE;
        for (int i = 0; i < cpus.size(); i++) {
            currentCpu = i;
            next = Math.min(next, cpus.get(i).timer.nextEventCycle());
        }
        for (TimedDevice d : timedDevices) {
            next = Math.min(next, d.nextEventCycle());
        }
        return next;
    }

    private void updateDevices() {
        for (TimedDevice d : timedDevices) {
            d.update();
        }
    }

    /** What {@link #waitForSomething} found. */
    private enum Wait { SOMETHING_HAPPENED, NOTHING_CAN_HAPPEN, INPUT_NOT_YET }

    /**
     * No CPU ran this round: every one waits. Moves time on to the next event, or waits for the
     * user to type; says when nothing can ever happen (a deadlock), or when only a keystroke
     * could wake a CPU and the input has none yet but will not block ({@link ConsoleInput#await}).
     */
    private Wait waitForSomething() {
        for (int i = 0; i < cpus.size(); i++) {
            if (!coreOff[i] && cpus.get(i).canRun()) {
                return Wait.SOMETHING_HAPPENED;   // woken by a line that rose at the round's end
            }
        }
        long next = nextEvent();
        if (next != Long.MAX_VALUE) {
            for (int i = 0; i < cpus.size(); i++) {
                currentCpu = i;
                cpus.get(i).idleUntil(next);
                cpus.get(i).timer.update();
            }
            updateDevices();
            return Wait.SOMETHING_HAPPENED;
        }
        if (console == null || !console.canReceive() || !console.interruptsOnReceive()) {
            return Wait.NOTHING_CAN_HAPPEN;   // no keystroke could wake a CPU
        }
        int b = input.await();
        if (b == ConsoleInput.NOTHING_YET) {
            return Wait.INPUT_NOT_YET;
        }
        if (b < 0) {
            return Wait.NOTHING_CAN_HAPPEN;
        }
        console.receive(b);
        return Wait.SOMETHING_HAPPENED;
    }

    /** Hands the console UART the bytes typed so far, as many as it has room for. */
    private void feedConsole() {
        if (console == null) {
            return;
        }
        while (console.canReceive()) {
            int b = input.poll();
            if (b < 0) {
                return;
            }
            console.receive(b);
        }
    }
}
