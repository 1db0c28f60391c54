package org.hyplab.machine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.hyplab.board.BoardDescription;
import org.hyplab.board.BootParameters;
import org.hyplab.board.DeviceTreeGenerator;
import org.hyplab.board.MemoryRegion;
import org.hyplab.board.SecondaryBoot;
import org.hyplab.elf.ElfImage;
import org.hyplab.fdt.FdtException;
import org.hyplab.mem.Ram;

/**
 * Puts a kernel and what goes with it into a machine's memory and says how each CPU starts,
 * the way QEMU's {@code -kernel} does for the boards it has (BOARDS.md §2.7, §2.8), so a program
 * behaves the same on both:
 * <ul>
 * <li>an <b>ELF</b> is loaded by its program headers and every CPU starts at its entry point,
 *     registers zero (QEMU treats an ELF as "not Linux"; the program parks its secondaries);
 * <li>a <b>zImage</b> or <b>raw image</b> is loaded 64 KiB into RAM and only CPU0 starts there,
 *     with r0 = 0, r1 = the board's machine type and r2 = the device tree's address (the ARM
 *     Linux boot protocol, Documentation/arm/booting); the secondaries wait in the board's own
 *     way ({@link SecondaryStub}) for the kernel to release them.
 * </ul>
 * The initrd goes halfway into RAM (at most 128 MiB in) and the device tree right after it, 4 KiB
 * aligned, as QEMU places them; modules go where the user says. Nothing may overlap. Whatever
 * it writes into RAM is written again at a board reset ({@link Machine#loadImage}), as QEMU
 * does with what {@code -kernel} loaded.
 */
public final class BootLoader {

    /** Where QEMU loads a zImage or raw image: RAM base + 0x10000 (hw/arm/boot.c KERNEL_LOAD_ADDR). */
    static final long KERNEL_OFFSET = 0x1_0000;
    /** The initrd's offset is half the RAM, but at most 128 MiB (as QEMU). */
    static final long INITRD_MAX_OFFSET = 128L << 20;
    /** zImage header (arch/arm/boot/compressed/head.S): magic at 0x24, start and end at 0x28, 0x2C. */
    static final int ZIMAGE_MAGIC = 0x016F_2818;
    static final int UIMAGE_MAGIC = 0x2705_1956;

    /** A file given with {@code --module FILE@ADDR}. */
    public record Module(String name, byte[] data, long address) {
    }

    /** What to boot: the kernel file's bytes and the optional extras; {@code null} for none. */
    public record Request(String kernelName, byte[] kernel, String initrdName, byte[] initrd,
                          List<Module> modules, byte[] dtb, String bootargs) {
        public Request {
            modules = modules == null ? List.of() : List.copyOf(modules);
            bootargs = bootargs == null ? "" : bootargs;
        }

        public static Request kernelOnly(String name, byte[] kernel) {
            return new Request(name, kernel, null, null, List.of(), null, "");
        }
    }

    /** Where things went, for the user and for tests. */
    public record Layout(String kind, long kernelStart, long kernelEnd, int entry, long dtbStart, long dtbEnd,
                         long initrdStart, long initrdEnd) {
    }

    private BootLoader() {
    }

    /**
     * Loads an ELF by its program headers and starts every CPU at its entry, in Hyp mode with
     * r0-r2 zero (as QEMU's {@code -kernel} does for an ELF).
     */
    public static Layout loadElf(Machine machine, ElfImage elf) throws LoadException {
        long low = Long.MAX_VALUE, high = 0;
        for (ElfImage.Segment s : elf.segments()) {
            if (s.memSize() == 0) {
                continue;
            }
            if (regionOf(machine, s.physAddr(), s.memSize()) == null) {
                throw new LoadException(String.format("segment at 0x%08x (%d bytes) is not inside the board's RAM",
                        s.physAddr(), s.memSize()));
            }
            low = Math.min(low, s.physAddr());
            high = Math.max(high, s.physAddr() + s.memSize());
        }
        for (ElfImage.Segment s : elf.segments()) {
            if (s.memSize() == 0) {
                continue;
            }
            machine.loadImage(s.physAddr(), s.data(), s.memSize());   // written again at a board reset
        }
        for (int i = 0; i < machine.cpus().size(); i++) {
            machine.setStart(i, CpuStart.at(elf.entry()));
        }
        machine.resetCpus();
        return new Layout("ELF", low == Long.MAX_VALUE ? 0 : low, high, elf.entry(), 0, 0, 0, 0);
    }

    /**
     * Boots {@code request} on {@code machine}, built from {@code board} with {@code memBytes} of
     * main memory. An ELF kernel goes to {@link #loadElf} (a device tree is placed only when the
     * user gave one, at the start of RAM when the ELF leaves room, as QEMU does).
     */
    public static Layout boot(Machine machine, BoardDescription boardFile, long memBytes, Request request)
            throws LoadException {
        BoardDescription board = boardFile.withCpus(machine.cpus().size());   // the tree lists the CPUs there are
        byte[] k = request.kernel();
        if (k.length >= 4 && (k[0] & 0xFF) == 0x7F && k[1] == 'E' && k[2] == 'L' && k[3] == 'F') {
            ElfImage elf;
            try {
                elf = ElfImage.parse(k);
            } catch (org.hyplab.elf.ElfException e) {
                throw new LoadException(e.getMessage());
            }
            if (request.initrd() != null || !request.modules().isEmpty()) {
                throw new LoadException("--initrd and --module need a zImage or raw image; an ELF is started "
                        + "as it is, like QEMU does");
            }
            Layout layout = loadElf(machine, elf);
            if (request.dtb() == null) {
                return layout;
            }
            // QEMU puts a -dtb given with an ELF at the start of RAM, below the ELF; r2 stays 0.
            byte[] dtb;
            try {
                dtb = DeviceTreeGenerator.patch(board, request.dtb(),
                        new BootParameters(memBytes, request.bootargs(), 0, 0, List.of()));
            } catch (FdtException e) {
                throw new LoadException("--dtb: " + e.getMessage());
            }
            long ramBase = board.dram().base();
            if (layout.kernelStart() < ramBase + dtb.length && layout.kernelEnd() > ramBase) {
                throw new LoadException(String.format("--dtb: no room for the device tree (%d bytes) at the start "
                        + "of RAM below the ELF (which starts at %s)", dtb.length, hex(layout.kernelStart())));
            }
            load(machine, ramBase, dtb);
            return new Layout(layout.kind(), layout.kernelStart(), layout.kernelEnd(), layout.entry(),
                    ramBase, ramBase + dtb.length, 0, 0);
        }
        if (k.length >= 4 && word(k, 0, true) == UIMAGE_MAGIC) {
            throw new LoadException("this is a U-Boot uImage; give HypLab the zImage, a raw image or an ELF");
        }
        String kind = "raw image";
        if (k.length >= 0x30 && word(k, 0x24, false) == ZIMAGE_MAGIC) {
            kind = "zImage";
            long size = Integer.toUnsignedLong(word(k, 0x2C, false)) - Integer.toUnsignedLong(word(k, 0x28, false));
            if (size > k.length) {
                throw new LoadException(String.format("truncated zImage: its header says %d bytes, the file has %d",
                        size, k.length));
            }
        }
        if (k.length == 0) {
            throw new LoadException("the kernel file is empty");
        }
        long ramBase = board.dram().base();
        long ramEnd = ramBase + memBytes;
        List<Placed> placed = new ArrayList<>();
        long kernelStart = ramBase + KERNEL_OFFSET;
        place(placed, "the kernel", kernelStart, k.length, ramBase, ramEnd);
        long initrdStart = 0, initrdEnd = 0;
        long next = ramBase + Math.min(memBytes / 2, INITRD_MAX_OFFSET);
        if (request.initrd() != null) {
            initrdStart = next;
            initrdEnd = initrdStart + request.initrd().length;
            place(placed, "the initrd " + request.initrdName(), initrdStart, request.initrd().length, ramBase, ramEnd);
            next = align4k(initrdEnd);
        }
        List<BootParameters.Module> modules = new ArrayList<>();
        for (Module m : request.modules()) {
            place(placed, "--module " + m.name() + "@" + hex(m.address()), m.address(), m.data().length, ramBase, ramEnd);
            modules.add(new BootParameters.Module(m.address(), m.data().length));
        }
        BootParameters params = new BootParameters(memBytes, request.bootargs(), initrdStart, initrdEnd, modules);
        byte[] dtb;
        try {
            dtb = request.dtb() != null ? DeviceTreeGenerator.patch(board, request.dtb(), params)
                    : DeviceTreeGenerator.generate(board, params);
        } catch (FdtException e) {
            throw new LoadException("--dtb: " + e.getMessage());
        }
        long dtbStart = next;
        place(placed, "the device tree", dtbStart, dtb.length, ramBase, ramEnd);

        load(machine, kernelStart, k);
        if (request.initrd() != null) {
            load(machine, initrdStart, request.initrd());
        }
        for (Module m : request.modules()) {
            load(machine, m.address(), m.data());
        }
        load(machine, dtbStart, dtb);

        int entry = (int) kernelStart;
        machine.setStart(0, new CpuStart(entry, 0, board.machineId(), (int) dtbStart, false));
        long stub = installSecondaryStub(machine, board);
        for (int i = 1; i < machine.cpus().size(); i++) {
            machine.setStart(i, CpuStart.at((int) stub));
        }
        machine.resetCpus();
        return new Layout(kind, kernelStart, kernelStart + k.length, entry, dtbStart, dtbStart + dtb.length,
                initrdStart, initrdEnd);
    }

    /**
     * Writes the secondaries' wait loop into the board's boot memory and clears its mailbox:
     * vexpress, QEMU's place for it, the start of the motherboard SRAM, with SYS_FLAGS as
     * mailbox (BOARDS.md §2.7); Exynos, the internal boot ROM at 0 with the first word of
     * sysram (BOARDS.md §3.6).
     */
    private static long installSecondaryStub(Machine machine, BoardDescription board) throws LoadException {
        long gicc = board.gic().cpuInterface();
        long stubAt;
        long mailbox;
        if (board.secondaryBoot() == SecondaryBoot.SYS_FLAGS) {
            stubAt = region(board, "sram").base();
            mailbox = board.devices().stream().filter(d -> d.type().equals("vexpress-sysreg")).findFirst()
                    .orElseThrow(() -> new LoadException(board.id() + " has no vexpress-sysreg for SYS_FLAGS"))
                    .base() + 0x30;
        } else {
            stubAt = region(board, "irom").base();
            mailbox = region(board, "iram").base();
            load(machine, mailbox, new byte[4]);
        }
        load(machine, stubAt, SecondaryStub.bytes(gicc, mailbox));
        return stubAt;
    }

    private static MemoryRegion region(BoardDescription board, String name) throws LoadException {
        return board.memory().stream().filter(m -> m.name().equals(name)).findFirst()
                .orElseThrow(() -> new LoadException(board.id() + " describes no '" + name
                        + "' memory for the secondary CPUs' boot code"));
    }

    private record Placed(String what, long start, long end) {
    }

    /** Reserves [start, start+size) for {@code what}: inside RAM and overlapping nothing placed. */
    private static void place(List<Placed> placed, String what, long start, long size, long ramBase, long ramEnd)
            throws LoadException {
        long end = start + size;
        if (start < ramBase || end > ramEnd || size > ramEnd - ramBase) {
            throw new LoadException(String.format("%s (%s-%s) does not fit in RAM (%s-%s)",
                    what, hex(start), hex(end), hex(ramBase), hex(ramEnd)));
        }
        for (Placed p : placed) {
            if (start < p.end() && p.start() < end) {
                throw new LoadException(String.format("%s (%s-%s) overlaps %s (%s-%s)",
                        what, hex(start), hex(end), p.what(), hex(p.start()), hex(p.end())));
            }
        }
        placed.add(new Placed(what, start, end));
        placed.sort(Comparator.comparingLong(Placed::start));
    }

    private static void load(Machine machine, long pa, byte[] data) throws LoadException {
        Ram ram = machine.bus().ramAt(pa);
        if (ram == null || (data.length > 0 && !ram.contains(pa + data.length - 1))) {
            throw new LoadException(String.format("%s-%s is not RAM", hex(pa), hex(pa + data.length)));
        }
        machine.loadImage(pa, data, data.length);   // written again at a board reset, as QEMU's ROM blobs
    }

    /** The RAM holding all of [pa, pa+size), or null. */
    private static Ram regionOf(Machine machine, long pa, long size) {
        Ram ram = machine.bus().ramAt(pa);
        return ram != null && ram.contains(pa + size - 1) ? ram : null;
    }

    private static int word(byte[] b, int off, boolean bigEndian) {
        int v = 0;
        for (int i = 0; i < 4; i++) {
            int x = b[off + i] & 0xFF;
            v |= bigEndian ? x << (24 - 8 * i) : x << (8 * i);
        }
        return v;
    }

    private static long align4k(long a) {
        return (a + 0xFFF) & ~0xFFFL;
    }

    private static String hex(long v) {
        return String.format("0x%08x", v);
    }
}
