package org.hyplab.gic;

import java.util.function.IntSupplier;

import org.hyplab.irq.InterruptLine;
import org.hyplab.mem.MmioDevice;

/**
 * A GIC-400: a GICv2 with the Virtualization Extensions and without the Security Extensions
 * (as QEMU's {@code -M vexpress-a15,secure=off} and a hypervisor entered in Non-secure Hyp mode
 * see it). It is four register windows (IHI 0048B 1.3): the {@link Distributor}, the
 * {@link CpuInterface} (GICC), the virtual interface control (GICH, {@link VirtualInterface};
 * at one address for "this CPU" and at one alias per CPU) and the virtual CPU interface (GICV,
 * {@link VirtualCpuInterface}), banked by the CPU that makes the access, which
 * {@code currentCpu} names.
 *
 * <p>It is touched only by register accesses and input line changes: after each it recomputes
 * the maintenance interrupts (PPI 25 of each CPU) and the four outputs of each CPU, and tells a
 * CPU's {@link CpuInterruptSink} only when one of them changed.
 */
public final class Gic {

    /** The maintenance interrupt of the virtual interface control, a PPI (BOARDS.md §2.2, §3.2). */
    public static final int MAINTENANCE_ID = 25;
    /** What QEMU's vexpress-a15 and a15mpcore give the GIC: 160 interrupt IDs (GICD_TYPER.ITLinesNumber 4). */
    public static final int VEXPRESS_IDS = 160;

    /** Window sizes (BOARDS.md §2.2): GICC and GICV reach GICC_DIR at 0x1000. */
    public static final int DISTRIBUTOR_SIZE = 0x1000, CPU_INTERFACE_SIZE = 0x2000,
            VIRTUAL_CONTROL_SIZE = 0x1000, VIRTUAL_CONTROL_ALIAS_SIZE = 0x200, VIRTUAL_CPU_INTERFACE_SIZE = 0x2000;

    private final int cpus;
    private final IntSupplier currentCpu;
    private final Distributor dist;
    private final CpuInterface[] cpuInterfaces;
    private final VirtualInterface[] virtualInterfaces;
    private final CpuInterruptSink[] sinks;
    private final int[] outputs;   // per CPU: bit 0 IRQ, 1 FIQ, 2 VIRQ, 3 VFIQ as last driven
    private GicListener listener;

    public Gic(int cpus, int ids, IntSupplier currentCpu) {
        this.cpus = cpus;
        this.currentCpu = currentCpu;
        this.dist = new Distributor(cpus, ids, currentCpu, this::update);
        cpuInterfaces = new CpuInterface[cpus];
        virtualInterfaces = new VirtualInterface[cpus];
        sinks = new CpuInterruptSink[cpus];
        outputs = new int[cpus];
        for (int c = 0; c < cpus; c++) {
            cpuInterfaces[c] = new CpuInterface(c, dist);
            virtualInterfaces[c] = new VirtualInterface(c, dist);
            sinks[c] = CpuInterruptSink.NONE;
        }
    }

    public int cpus() {
        return cpus;
    }

    /** Connects CPU {@code cpu}'s inputs (e.g. {@code cpu::setInterruptLines}) and drives them with the current levels. */
    public void connect(int cpu, CpuInterruptSink sink) {
        sinks[cpu] = sink;
        int o = outputs[cpu];
        sink.set((o & 1) != 0, (o & 2) != 0, (o & 4) != 0, (o & 8) != 0);
    }

    /**
     * Sets the one listener told of every step of every interrupt ({@link GicEvent}), or
     * removes it ({@code null}, the default). Listening changes nothing the machine does.
     */
    public void setListener(GicListener l) {
        listener = l;
        dist.listener = l;
        for (int c = 0; c < cpus; c++) {
            cpuInterfaces[c].listener = l;
            virtualInterfaces[c].listener = l;
        }
    }

    public GicListener listener() {
        return listener;
    }

    /**
     * The whole state, decoded and explained, read without side effects (nothing is acknowledged).
     * Like every access to the machine, call it on the thread that runs it: from a listener, or
     * while the machine is stopped.
     */
    public GicSnapshot inspect() {
        return GicInspector.inspect(dist, cpuInterfaces, virtualInterfaces);
    }

    /** Resets every register; input line levels are kept (they belong to the devices). */
    public void reset() {
        dist.reset();
        for (int c = 0; c < cpus; c++) {
            cpuInterfaces[c].reset();
            virtualInterfaces[c].reset();
        }
        update();
    }

    /** The input of PPI {@code id} (16-31) of CPU {@code cpu}, for that CPU's private devices. */
    public InterruptLine ppi(int cpu, int id) {
        if (id < 16 || id >= 32 || cpu < 0 || cpu >= cpus) {
            throw new IllegalArgumentException("no PPI " + id + " on CPU " + cpu);
        }
        return high -> dist.setLine(cpu, id, high);
    }

    /** The input of SPI {@code id} (32 and up, an interrupt ID, not an SPI number). */
    public InterruptLine spi(int id) {
        if (id < 32 || id >= dist.ids()) {
            throw new IllegalArgumentException("no SPI with ID " + id);
        }
        return high -> dist.setLine(0, id, high);
    }

    /** Recomputes the maintenance interrupts and every CPU's outputs; notifies changed outputs. */
    void update() {
        for (int c = 0; c < cpus; c++) {
            boolean maintenance = virtualInterfaces[c].maintenance();
            if (listener != null && dist.lineHigh(c, MAINTENANCE_ID) != maintenance) {
                listener.event(maintenance ? GicEvent.MAINTENANCE_ASSERTED : GicEvent.MAINTENANCE_DEASSERTED,
                        c, MAINTENANCE_ID, virtualInterfaces[c].misr());
            }
            dist.setLineQuietly(c, MAINTENANCE_ID, maintenance);
        }
        for (int c = 0; c < cpus; c++) {
            int o = cpuInterfaces[c].outputs() | VirtualCpuInterface.outputs(virtualInterfaces[c]) << 2;
            if (o != outputs[c]) {
                outputs[c] = o;
                if (listener != null) {
                    listener.event(GicEvent.CPU_SIGNALS, c, -1, o);
                }
                sinks[c].set((o & 1) != 0, (o & 2) != 0, (o & 4) != 0, (o & 8) != 0);
            }
        }
    }

    // ---- register windows ---------------------------------------------------------------------

    public MmioDevice distributor() {
        return dist;
    }

    /** GICC: the CPU interface of the CPU making the access. */
    public MmioDevice cpuInterface() {
        return new Window("gicc") {
            @Override
            int readWord(int off) {
                return cpuInterfaces[currentCpu.getAsInt()].read(off);
            }

            @Override
            void writeWord(int off, int value) {
                cpuInterfaces[currentCpu.getAsInt()].write(off, value);
            }
        };
    }

    /** GICH at its common address: the virtual interface control of the CPU making the access. */
    public MmioDevice virtualControl() {
        return new Window("gich") {
            @Override
            int readWord(int off) {
                return virtualInterfaces[currentCpu.getAsInt()].read(off);
            }

            @Override
            void writeWord(int off, int value) {
                virtualInterfaces[currentCpu.getAsInt()].write(off, value);
            }
        };
    }

    /** GICH of CPU {@code cpu} whichever CPU accesses it (the per-CPU aliases, BOARDS.md §2.2). */
    public MmioDevice virtualControl(int cpu) {
        VirtualInterface v = virtualInterfaces[cpu];
        return new Window("gich" + cpu) {
            @Override
            int readWord(int off) {
                return v.read(off);
            }

            @Override
            void writeWord(int off, int value) {
                v.write(off, value);
            }
        };
    }

    /** GICV: the virtual CPU interface of the CPU making the access. */
    public MmioDevice virtualCpuInterface() {
        return new Window("gicv") {
            @Override
            int readWord(int off) {
                return VirtualCpuInterface.read(virtualInterfaces[currentCpu.getAsInt()], off);
            }

            @Override
            void writeWord(int off, int value) {
                VirtualCpuInterface.write(virtualInterfaces[currentCpu.getAsInt()], off, value);
            }
        };
    }

    /**
     * A window of word registers (GICC, GICH and GICV are word-accessible, IHI 0048B 4.1.5,
     * 5.3): other sizes read as zero and are ignored, so that a byte read cannot acknowledge.
     * Each access recomputes the outputs, since reads of IAR change state.
     */
    private abstract class Window implements MmioDevice {
        private final String name;

        Window(String name) {
            this.name = name;
        }

        abstract int readWord(int off);

        abstract void writeWord(int off, int value);

        @Override
        public String name() {
            return name;
        }

        @Override
        public int read(long offset, int size) {
            if (size != 4 || (offset & 3) != 0) {
                return 0;
            }
            int value = readWord((int) offset);
            update();
            return value;
        }

        @Override
        public void write(long offset, int size, int value) {
            if (size != 4 || (offset & 3) != 0) {
                return;
            }
            writeWord((int) offset, value);
            update();
        }
    }
}
