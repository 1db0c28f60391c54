package org.hyplab.scenario;

import java.util.ArrayList;
import java.util.List;

import org.hyplab.board.BoardDescription;
import org.hyplab.board.BootParameters;
import org.hyplab.board.DeviceTreeGenerator;
import org.hyplab.fdt.Fdt;
import org.hyplab.fdt.FdtException;
import org.hyplab.fdt.FdtNode;
import org.hyplab.machine.BootLoader;

/**
 * A board, its memory and the guests to boot on it under a hypervisor: the hypervisor image is
 * the kernel (entered like a zImage, r2 = the device tree), each guest kernel a boot module, and
 * the device tree is the board's own with the guests described as Xen 4.17's dom0less domains
 * ({@link Dom0less}). The same tree and modules boot HypLab's hypervisor and real Xen.
 *
 * <p>Where things go in the machine's RAM (a boot loader's choice, the same on every board):
 * <pre>
 *   RAM + 0x10000            the hypervisor image (BootLoader, as QEMU's -kernel)
 *   RAM + 64 MiB             d1's kernel, then d2's, ... each 1 MiB aligned
 *   RAM + min(RAM/2, 128 MiB) the device tree (BootLoader, as QEMU places it)
 *   above it                 free: the hypervisor takes the domains' RAM from the top
 * </pre>
 * A scenario is checked when it is made: every problem is a {@link ScenarioException}.
 */
public final class Scenario {

    /** The first module's offset into RAM: far above any hypervisor image, below the tree. */
    public static final long FIRST_MODULE_OFFSET = 64L << 20;
    public static final long MODULE_ALIGN = 1L << 20;
    /** BootLoader puts the tree (after an initrd we never have) half-way into RAM, at most 128 MiB in. */
    static final long DTB_MAX_OFFSET = 128L << 20;
    /** Domain RAM comes in 2 MiB blocks (Xen maps guest RAM with 2 MiB mappings where it can). */
    static final long MEMORY_GRAIN = 2L << 20;
    /** A guest's device tree goes in the top 2 MiB of its RAM (XEN-ABI.md §6, place_modules). */
    static final long GUEST_DTB_SLOT = 2L << 20;
    /** The least RAM a domain can have: its kernel below, its device tree in the top 2 MiB. */
    static final long MIN_MEMORY = 4L << 20;
    /** HypLab's hypervisor gives a domain at most 512 MiB and runs at most 8 (hypervisor/domain.c). */
    static final long MAX_MEMORY = 512L << 20;
    static final int MAX_DOMAINS = 8;

    private final BoardDescription board;
    private final long memBytes;
    private final List<Domain> domains;
    private final byte[] deviceTree;

    private Scenario(BoardDescription board, long memBytes, List<Domain> domains) {
        this.board = board;
        this.memBytes = memBytes;
        this.domains = List.copyOf(domains);
        this.deviceTree = buildDeviceTree();
    }

    /**
     * The scenario of {@code guests} on {@code board} with {@code memBytes} of RAM, the domains
     * checked and their modules placed.
     */
    public static Scenario of(BoardDescription board, long memBytes, List<Guest> guests) {
        if (memBytes <= 0 || memBytes > board.dram().size()) {
            throw new ScenarioException(String.format("%s has at most %d MiB of RAM, not %d MiB",
                    board.id(), board.dram().size() >> 20, memBytes >> 20));
        }
        if (guests.size() > MAX_DOMAINS) {
            throw new ScenarioException(String.format("%d guests: the hypervisor runs at most %d domains",
                    guests.size(), MAX_DOMAINS));
        }
        long ramBase = board.dram().base();
        long dtbAt = ramBase + Math.min(memBytes / 2, DTB_MAX_OFFSET);
        List<Domain> domains = new ArrayList<>();
        long at = ramBase + FIRST_MODULE_OFFSET;
        long totalMemory = 0;
        for (Guest g : guests) {
            int id = domains.size() + 1;
            check(board, g, id);
            if (at + g.kernel().size() > dtbAt) {
                throw new ScenarioException(String.format("d%d %s: the guests' kernels do not fit between RAM + 64 MiB "
                        + "and the device tree at 0x%08x (%d MiB of RAM; give more with --mem)",
                        id, g.name(), dtbAt, memBytes >> 20));
            }
            domains.add(new Domain(id, g, at));
            at = alignUp(at + g.kernel().size(), MODULE_ALIGN);
            totalMemory += g.memBytes();
        }
        long free = memBytes - (dtbAt - ramBase) - GUEST_DTB_SLOT;
        if (totalMemory > free) {
            throw new ScenarioException(String.format("the domains' RAM (%d MiB in all) does not fit in the %d MiB "
                    + "above the device tree (%d MiB of RAM; give more with --mem)", totalMemory >> 20, free >> 20,
                    memBytes >> 20));
        }
        return new Scenario(board, memBytes, domains);
    }

    /** A guest's domain must be one the board and its kernel allow. */
    private static void check(BoardDescription board, Guest g, int id) {
        String who = "d" + id + " " + g.name();
        if (g.cpus() < 1 || g.cpus() > board.cpus()) {
            throw new ScenarioException(String.format("%s: cpus must be from 1 to %d (the %s has %d CPU%s), not %d",
                    who, board.cpus(), board.id(), board.cpus(), board.cpus() == 1 ? "" : "s", g.cpus()));
        }
        long mem = g.memBytes();
        if (mem % MEMORY_GRAIN != 0 || mem < MIN_MEMORY || mem > MAX_MEMORY) {
            throw new ScenarioException(String.format("%s: memory must be a multiple of 2 MiB from 4 to 512 MiB, not %s",
                    who, mem % (1 << 20) == 0 ? (mem >> 20) + " MiB" : (mem >> 10) + " KiB"));
        }
        long ramEnd = GuestKernel.GUEST_RAM_BASE + mem - GUEST_DTB_SLOT;
        GuestKernel k = g.kernel();
        if (k.loadStart() < GuestKernel.GUEST_RAM_BASE || k.loadEnd() > ramEnd) {
            throw new ScenarioException(String.format("%s: the kernel (at 0x%08x-0x%08x) is too big for, or outside, "
                    + "its %d MiB of RAM at 0x40000000 less the top 2 MiB for its device tree", who, k.loadStart(),
                    k.loadEnd(), mem >> 20));
        }
    }

    public BoardDescription board() {
        return board;
    }

    public long memBytes() {
        return memBytes;
    }

    public List<Domain> domains() {
        return domains;
    }

    /**
     * The device tree blob, exactly as {@link BootLoader} hands it to the hypervisor given this
     * scenario's modules: the board's generated tree, {@code /memory} for {@link #memBytes},
     * and the dom0less nodes in {@code /chosen}.
     */
    public byte[] deviceTree() {
        return deviceTree.clone();
    }

    /** The guests' kernels as boot modules, where {@link #of} placed them. */
    public List<BootLoader.Module> modules() {
        return domains.stream().map(d -> new BootLoader.Module(d.guest().name(), d.guest().kernel().bytes(),
                d.moduleAddress())).toList();
    }

    /** What to boot: {@code hypervisor} as the kernel, the guests as modules, the scenario's tree. */
    public BootLoader.Request bootRequest(String hypervisorName, byte[] hypervisor) {
        return new BootLoader.Request(hypervisorName, hypervisor, null, null, modules(), deviceTree, "");
    }

    private byte[] buildDeviceTree() {
        Fdt tree = DeviceTreeGenerator.tree(board, new BootParameters(memBytes, "", 0, 0, List.of()));
        FdtNode chosen = tree.root().childOrAdd("chosen");
        Dom0less.write(chosen, domains);
        // Through the boot loader's own patch, so that the blob is byte for byte what it boots.
        List<BootParameters.Module> described = domains.stream()
                .map(d -> new BootParameters.Module(d.moduleAddress(), d.moduleSize())).toList();
        try {
            return DeviceTreeGenerator.patch(board, tree.toBlob(), new BootParameters(memBytes, "", 0, 0, described));
        } catch (FdtException e) {
            throw new IllegalStateException("the generated device tree does not read back: " + e.getMessage(), e);
        }
    }

    private static long alignUp(long value, long alignment) {
        return (value + alignment - 1) & -alignment;
    }
}
