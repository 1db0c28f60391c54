package org.hyplab.machine;

import java.util.function.IntConsumer;

import org.hyplab.board.BoardDescription;
import org.hyplab.board.DeviceSpec;
import org.hyplab.board.DeviceTypes;
import org.hyplab.board.GicLayout;
import org.hyplab.board.MemoryRegion;
import org.hyplab.dev.Flash;
import org.hyplab.dev.Pl011;
import org.hyplab.dev.Resettable;
import org.hyplab.dev.SerialPort;
import org.hyplab.dev.Sp804;
import org.hyplab.dev.VexpressSysRegs;
import org.hyplab.dev.exynos.ChipId;
import org.hyplab.dev.exynos.ExynosUart;
import org.hyplab.dev.exynos.Mct;
import org.hyplab.dev.exynos.Pmu;
import org.hyplab.gic.Gic;
import org.hyplab.irq.InterruptLine;
import org.hyplab.mem.MmioDevice;

/**
 * Builds a {@link Machine} from a board description ({@code boards/*.yaml}): its memory, its
 * CPUs, the GIC-400 at the board's addresses with each CPU's generic timer on its PPIs, and
 * every device, its interrupt wired to the GIC input the description names. The device tree is
 * generated from the same description ({@link org.hyplab.board.DeviceTreeGenerator}), so what
 * a kernel is told and what it finds are the same.
 *
 * <p>Two simplifications on the Arndale: the generic timer's counter runs from power-on, whereas
 * on the chip it is the MCT's free-running counter and stands still until G_TCON bit 8 starts it
 * (BOARDS.md §3.3 leaves the choice open; Xen and seL4 start it anyway); and the MCT's global
 * comparators reach the GIC through the interrupt combiner, which is not modelled, so their
 * lines are left unconnected (Linux uses the per-CPU local timers, SPIs 120 and 121).
 */
public final class BoardAssembler {

    /**
     * Interrupt IDs of the GIC on both boards: 160 (GICD_TYPER.ITLinesNumber 4), what QEMU gives
     * vexpress-a15 (BOARDS.md §2.1) and enough for the Exynos 5250's highest SPI in use, 124
     * (ID 156, BOARDS.md §3.2).
     */
    static final int GIC_IDS = Gic.VEXPRESS_IDS;

    /**
     * What a run asks of the board.
     *
     * @param memBytes main memory ({@code dram}); at most the board's dram size
     * @param cpus     CPUs, 1 to 4 (a Cortex-A15 MPCore cluster has up to four)
     * @param console  receives the bytes the console UART sends
     */
    public record Options(long memBytes, int cpus, IntConsumer console) {
    }

    private BoardAssembler() {
    }

    /** The machine {@code board} describes; throws IllegalArgumentException for impossible options. */
    public static Machine build(BoardDescription board, Options options) {
        MemoryRegion dram = board.dram();
        if (options.memBytes() <= 0 || options.memBytes() > dram.size() || (options.memBytes() & 0xFFF) != 0) {
            throw new IllegalArgumentException(String.format("memory must be whole 4 KiB pages up to %d MiB on %s",
                    dram.size() >> 20, board.id()));
        }
        if (options.cpus() < 1 || options.cpus() > 4) {
            throw new IllegalArgumentException("a Cortex-A15 cluster has 1 to 4 CPUs, not " + options.cpus());
        }
        Machine m = new Machine(board.counterHz());
        for (MemoryRegion r : board.memory()) {
            switch (r.kind()) {
                case RAM -> m.bus().addRam(r.base(), r == dram ? options.memBytes() : r.size());
                case FLASH -> m.bus().addDevice(r.base(), r.size(), new Flash(r.name(), r.size()));
            }
        }
        m.addCpus(options.cpus());
        Gic gic = new Gic(options.cpus(), GIC_IDS, m::currentCpu);
        mapGic(m, gic, board.gic(), options.cpus());
        m.attachGic(gic);
        for (DeviceSpec d : board.devices()) {
            boolean console = d.name().equals(board.console());
            IntConsumer out = console ? options.console() : b -> { };
            MmioDevice device = switch (d.type()) {
                case DeviceTypes.PL011 -> port(m, console, new Pl011(d.name(), spi(gic, d, 0), out));
                case DeviceTypes.EXYNOS_UART -> port(m, console,
                        new ExynosUart(d.name(), exynosFifoDepth(d), spi(gic, d, 0), out));
                case DeviceTypes.SP804 -> timed(m, new Sp804(d.name(), m::now, spi(gic, d, 0)));
                case DeviceTypes.VEXPRESS_SYSREG -> new VexpressSysRegs(m, m::now);
                case DeviceTypes.EXYNOS_MCT -> timed(m, mct(m, gic, d, options.cpus()));
                case DeviceTypes.EXYNOS_PMU -> new Pmu(d.name(), m, m);
                case DeviceTypes.EXYNOS_CHIPID -> new ChipId();
                default -> throw new IllegalArgumentException("no model for device type " + d.type());
            };
            m.bus().addDevice(d.base(), d.size(), device);
            if (device instanceof Resettable r) {
                m.addResettable(r);   // a board reset returns it to its power-on state
            }
        }
        return m;
    }

    /** GICD, GICC, GICH ("this CPU" and one alias per CPU), GICV (BOARDS.md §2.2, §3.2). */
    private static void mapGic(Machine m, Gic gic, GicLayout at, int cpus) {
        m.bus().addDevice(at.distributor(), Gic.DISTRIBUTOR_SIZE, gic.distributor());
        m.bus().addDevice(at.cpuInterface(), Gic.CPU_INTERFACE_SIZE, gic.cpuInterface());
        m.bus().addDevice(at.virtualControl(), Gic.VIRTUAL_CONTROL_SIZE, gic.virtualControl());
        if (at.virtualControlAliases() >= 0) {
            for (int i = 0; i < cpus; i++) {
                m.bus().addDevice(at.virtualControlAliases() + (long) Gic.VIRTUAL_CONTROL_ALIAS_SIZE * i,
                        Gic.VIRTUAL_CONTROL_ALIAS_SIZE, gic.virtualControl(i));
            }
        }
        m.bus().addDevice(at.virtualCpuInterface(), Gic.VIRTUAL_CPU_INTERFACE_SIZE, gic.virtualCpuInterface());
    }

    private static <T extends MmioDevice & SerialPort> T port(Machine m, boolean console, T uart) {
        if (console) {
            m.setConsole(uart);
        }
        return uart;
    }

    private static <T extends MmioDevice & org.hyplab.dev.TimedDevice> T timed(Machine m, T device) {
        m.addTimedDevice(device);
        return device;
    }

    /** The GIC input of the device's {@code index}-th interrupt, or no line when it has none. */
    private static InterruptLine spi(Gic gic, DeviceSpec d, int index) {
        if (index >= d.interrupts().size()) {
            return InterruptLine.NONE;
        }
        return gic.spi(d.interrupts().get(index));
    }

    /**
     * The MCT's lines in device-tree order are G0-G3, then one local timer per CPU (BOARDS.md
     * §3.5). The global comparators reach the GIC through the interrupt combiner, which HypLab
     * does not model, so they are left unconnected; the local timers are SPIs 120 and 121.
     */
    private static Mct mct(Machine m, Gic gic, DeviceSpec d, int cpus) {
        InterruptLine[] global = {InterruptLine.NONE, InterruptLine.NONE, InterruptLine.NONE, InterruptLine.NONE};
        InterruptLine[] local = new InterruptLine[2];
        for (int i = 0; i < local.length; i++) {
            local[i] = i < cpus ? spi(gic, d, 4 + i) : InterruptLine.NONE;
        }
        return new Mct(d.name(), m::now, local, global);
    }

    /**
     * FIFO depth of an Exynos UART: 256, 64, 16, 16 bytes for UART0-3 (QEMU's exynos4210 and
     * Xen's "16 bytes for UART 2 and 3", BOARDS.md §3.4), by the UART's number in its name.
     */
    private static int exynosFifoDepth(DeviceSpec d) {
        return switch (d.name()) {
            case "uart0" -> 256;
            case "uart1" -> 64;
            default -> 16;
        };
    }
}
