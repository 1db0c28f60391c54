package org.hyplab.elf;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * A 32-bit little-endian ARM executable ELF (System V gABI; ARM ELF ABI, IHI 0044): its entry
 * point and the loadable segments. Every field is checked before it is used, so a truncated or
 * malformed file is an {@link ElfException} naming the fault, never an index error.
 */
public final class ElfImage {

    static final int EM_ARM = 40;
    static final int ET_EXEC = 2;
    static final int PT_LOAD = 1;

    /** One PT_LOAD segment: {@code memSize} bytes at {@code physAddr}, the first {@code data.length} from the file. */
    public record Segment(long physAddr, long virtAddr, byte[] data, long memSize) {
    }

    private final int entry;
    private final List<Segment> segments;

    private ElfImage(int entry, List<Segment> segments) {
        this.entry = entry;
        this.segments = List.copyOf(segments);
    }

    public int entry() {
        return entry;
    }

    public List<Segment> segments() {
        return segments;
    }

    public static ElfImage parse(byte[] file) throws ElfException {
        if (file.length < 52 || file[0] != 0x7F || file[1] != 'E' || file[2] != 'L' || file[3] != 'F') {
            throw new ElfException("not an ELF file (no ELF header)");
        }
        if (file[4] != 1) {
            throw new ElfException("not a 32-bit ELF (EI_CLASS " + file[4] + "); HypLab runs AArch32 images");
        }
        if (file[5] != 1) {
            throw new ElfException("not a little-endian ELF (EI_DATA " + file[5] + ")");
        }
        ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        int type = b.getShort(16) & 0xFFFF;
        int machine = b.getShort(18) & 0xFFFF;
        if (machine != EM_ARM) {
            throw new ElfException("not an ARM ELF (e_machine " + machine + ", ARM is " + EM_ARM + ")");
        }
        if (type != ET_EXEC) {
            throw new ElfException("not an executable (e_type " + type + "); link the program first");
        }
        int entry = b.getInt(24);
        long phoff = Integer.toUnsignedLong(b.getInt(28));
        int phentsize = b.getShort(42) & 0xFFFF;
        int phnum = b.getShort(44) & 0xFFFF;
        if (phnum == 0) {
            throw new ElfException("the ELF has no program headers, so nothing to load");
        }
        if (phentsize < 32 || phoff + (long) phentsize * phnum > file.length) {
            throw new ElfException("the program header table lies outside the file (truncated?)");
        }
        List<Segment> segments = new ArrayList<>();
        for (int i = 0; i < phnum; i++) {
            int at = (int) (phoff + (long) i * phentsize);
            if (b.getInt(at) != PT_LOAD) {
                continue;
            }
            long offset = Integer.toUnsignedLong(b.getInt(at + 4));
            long vaddr = Integer.toUnsignedLong(b.getInt(at + 8));
            long paddr = Integer.toUnsignedLong(b.getInt(at + 12));
            long filesz = Integer.toUnsignedLong(b.getInt(at + 16));
            long memsz = Integer.toUnsignedLong(b.getInt(at + 20));
            if (offset + filesz > file.length) {
                throw new ElfException("segment " + i + " reaches past the end of the file (truncated?)");
            }
            if (memsz < filesz) {
                throw new ElfException("segment " + i + " is smaller in memory than in the file");
            }
            byte[] data = new byte[(int) filesz];
            System.arraycopy(file, (int) offset, data, 0, data.length);
            segments.add(new Segment(paddr, vaddr, data, memsz));
        }
        if (segments.isEmpty()) {
            throw new ElfException("the ELF has no loadable (PT_LOAD) segment");
        }
        return new ElfImage(entry, segments);
    }
}
