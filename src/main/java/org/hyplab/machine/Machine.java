package org.hyplab.machine;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

import org.hyplab.cpu.Cpu;
import org.hyplab.cpu.DecodeCache;
import org.hyplab.dev.Pl011;
import org.hyplab.dev.PowerControl;
import org.hyplab.dev.VexpressSysRegs;
import org.hyplab.elf.ElfImage;
import org.hyplab.gic.Gic;
import org.hyplab.mem.Bus;
import org.hyplab.mem.Ram;

/**
 * An emulated machine: CPUs sharing a bus, devices, and the loop that runs the CPUs in turn,
 * a fixed quantum of instructions each. Nothing here reads the wall clock or starts a thread,
 * so a machine given the same image and inputs executes the same instructions every time.
 *
 * <p>For now the one machine is the "tiny" Versatile Express of the CPU issue: RAM, UART0 and
 * the system registers; the boards issue assembles full machines from {@code boards/}.
 */
public final class Machine implements PowerControl {

    /** Why {@link #run} returned. */
    public enum Stop {
        /** The board was powered off (SYS_CFGCTRL shutdown, PSCI SYSTEM_OFF, ...). */
        POWERED_OFF,
        /** The instruction budget ran out. */
        BUDGET_EXHAUSTED,
        /** Every CPU waits for an interrupt that nothing can raise. */
        DEADLOCKED
    }

    /** Instructions each CPU runs before the next one gets its turn. */
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
    private Gic gic;
    /** The CPU the loop is running: whose banked GIC registers an access reaches. */
    private int currentCpu;
    private boolean poweredOff;
    private boolean rebootRequested;
    private String powerReason = "";
    private ElfImage image;

    private Machine() {
    }

    /**
     * The Versatile Express subset the CPU issue needs: one CPU, RAM at 0x80000000, UART0, system
     * registers; and the GIC-400 with the CPU's generic timer on PPIs 30, 27 and 26.
     */
    public static Machine tinyVexpress(long ramBytes, IntConsumer console) {
        Machine m = new Machine();
        m.bus.addRam(VEXPRESS_RAM_BASE, ramBytes);
        m.bus.addDevice(VEXPRESS_UART0, 0x1000, new Pl011("uart0", org.hyplab.irq.InterruptLine.NONE, console));
        m.bus.addDevice(VEXPRESS_SYSREGS, 0x1000, new VexpressSysRegs(m, () -> 0));
        m.cpus.add(new Cpu(0, m.bus, m.code));
        m.addGic();
        return m;
    }

    /** Maps the GIC at the vexpress addresses and wires the timers' PPIs and the CPUs' inputs. */
    private void addGic() {
        gic = new Gic(cpus.size(), Gic.VEXPRESS_IDS, () -> currentCpu);
        bus.addDevice(VEXPRESS_GICD, Gic.DISTRIBUTOR_SIZE, gic.distributor());
        bus.addDevice(VEXPRESS_GICC, Gic.CPU_INTERFACE_SIZE, gic.cpuInterface());
        bus.addDevice(VEXPRESS_GICH, Gic.VIRTUAL_CONTROL_SIZE, gic.virtualControl());
        for (int i = 0; i < cpus.size(); i++) {
            bus.addDevice(VEXPRESS_GICH_ALIASES + (long) Gic.VIRTUAL_CONTROL_ALIAS_SIZE * i,
                    Gic.VIRTUAL_CONTROL_ALIAS_SIZE, gic.virtualControl(i));
        }
        bus.addDevice(VEXPRESS_GICV, Gic.VIRTUAL_CPU_INTERFACE_SIZE, gic.virtualCpuInterface());
        for (int i = 0; i < cpus.size(); i++) {
            Cpu cpu = cpus.get(i);
            cpu.timer.physical().connect(gic.ppi(i, cpu.timer.physical().interruptId));
            cpu.timer.virtual().connect(gic.ppi(i, cpu.timer.virtual().interruptId));
            cpu.timer.hyp().connect(gic.ppi(i, cpu.timer.hyp().interruptId));
            gic.connect(i, cpu::setInterruptLines);
        }
    }

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

    /** Retired instructions of all CPUs. */
    public long retired() {
        return cpus.stream().mapToLong(c -> c.retired).sum();
    }

    public String powerReason() {
        return powerReason;
    }

    /**
     * Copies the image's loadable segments into RAM (by physical address, zero-filling past the
     * file data) and starts every CPU at the entry point in its reset state: Hyp mode with
     * A, I and F masked, as QEMU's {@code -M vexpress-a15,secure=off -kernel} does for an ELF.
     */
    public void load(ElfImage elf) throws LoadException {
        for (ElfImage.Segment s : elf.segments()) {
            Ram ram = bus.ramAt(s.physAddr());
            if (s.memSize() > 0 && (ram == null || !ram.contains(s.physAddr() + s.memSize() - 1))) {
                throw new LoadException(String.format("segment at 0x%08x (%d bytes) is not inside the board's RAM",
                        s.physAddr(), s.memSize()));
            }
        }
        for (ElfImage.Segment s : elf.segments()) {
            Ram ram = bus.ramAt(s.physAddr());
            if (ram == null) {
                continue;   // empty segment
            }
            long off = s.physAddr() - ram.base();
            ram.load(off, s.data());
            for (long i = s.data().length; i < s.memSize(); i++) {
                ram.write8(off + i, 0);
            }
        }
        this.image = elf;
        resetCpus();
    }

    private void resetCpus() {
        for (Cpu cpu : cpus) {
            cpu.reset();
            cpu.pc = image.entry();
        }
        if (gic != null) {
            gic.reset();
            for (int i = 0; i < cpus.size(); i++) {
                gic.connect(i, cpus.get(i)::setInterruptLines);   // a CPU reset cleared its inputs
            }
        }
    }

    /** Runs until the board powers off, every CPU waits forever, or {@code budget} instructions ran. */
    public Stop run(long budget) {
        long left = budget;
        while (true) {
            if (poweredOff) {
                return Stop.POWERED_OFF;
            }
            if (rebootRequested) {
                rebootRequested = false;
                resetCpus();   // QEMU restarts the board; RAM keeps its contents (a warm reset)
            }
            boolean anyRan = false;
            for (int i = 0; i < cpus.size(); i++) {
                Cpu cpu = cpus.get(i);
                if (left <= 0) {
                    return Stop.BUDGET_EXHAUSTED;
                }
                if (!cpu.canRun()) {
                    continue;   // waits for an interrupt or event that nothing raises yet
                }
                currentCpu = i;
                long ran = cpu.run(untilTimerEvent(cpu, Math.min(QUANTUM, left)));
                cpu.timer.update();   // drive the timer lines at the time reached
                left -= ran;
                anyRan |= ran > 0;
                if (poweredOff) {
                    return Stop.POWERED_OFF;
                }
            }
            if (!anyRan) {
                return Stop.DEADLOCKED;
            }
        }
    }

    /**
     * Shortens a slice so that it ends at the instruction where the CPU's next timer line rises,
     * so the interrupt is taken at that instruction (GenericTimer.nextEventCycle).
     */
    private static long untilTimerEvent(Cpu cpu, long slice) {
        long next = cpu.timer.nextEventCycle();
        if (next == Long.MAX_VALUE) {
            return slice;
        }
        return Math.max(1, Math.min(slice, next - cpu.cycles()));
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
}
