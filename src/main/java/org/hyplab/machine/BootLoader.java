package org.hyplab.machine;

import org.hyplab.elf.ElfImage;
import org.hyplab.mem.Ram;

/** Puts a kernel into a machine's memory and says how each CPU starts (QEMU's {@code -kernel}). */
public final class BootLoader {

    private BootLoader() {
    }

    /** Loads an ELF by its program headers and starts every CPU at its entry, r0-r2 zero. */
    public static void loadElf(Machine machine, ElfImage elf) throws LoadException {
        for (ElfImage.Segment s : elf.segments()) {
            Ram ram = machine.bus().ramAt(s.physAddr());
            if (s.memSize() > 0 && (ram == null || !ram.contains(s.physAddr() + s.memSize() - 1))) {
                throw new LoadException(String.format("segment at 0x%08x (%d bytes) is not inside the board's RAM",
                        s.physAddr(), s.memSize()));
            }
        }
        for (ElfImage.Segment s : elf.segments()) {
            if (s.memSize() == 0) {
                continue;
            }
            Ram ram = machine.bus().ramAt(s.physAddr());
            long off = s.physAddr() - ram.base();
            ram.load(off, s.data());
            for (long i = s.data().length; i < s.memSize(); i++) {
                ram.write8(off + i, 0);
            }
        }
        for (int i = 0; i < machine.cpus().size(); i++) {
            machine.setStart(i, CpuStart.at(elf.entry()));
        }
        machine.resetCpus();
    }
}
