package org.hyplab.elf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.util.Arrays;

import org.hyplab.testing.Qemu;
import org.junit.jupiter.api.Test;

/** The ELF reader: a real image loads; every kind of damage is an ElfException that says what is wrong. */
class ElfImageTest {

    private static byte[] hello() throws Exception {
        return Files.readAllBytes(Qemu.armDir().resolve("baremetal/hello-vexpress.elf"));
    }

    @Test
    void theBareMetalHelloHasItsEntryAndOneLoadedSegmentAtTheLinkAddress() throws Exception {
        ElfImage image = ElfImage.parse(hello());
        assertEquals(0x80010000, image.entry());
        ElfImage.Segment text = image.segments().get(0);
        assertEquals(0x80010000L, text.physAddr());
        // The first instruction is start.S's "mrc p15, 0, r0, c0, c0, 5" (MPIDR read).
        int first = ByteBuffer.wrap(text.data()).order(ByteOrder.LITTLE_ENDIAN).getInt(0);
        assertEquals(0xEE100FB0, first);
    }

    @Test
    void damagedFilesAreExplained() throws Exception {
        byte[] good = hello();
        assertEquals("not an ELF file (no ELF header)", fail(new byte[10]));
        byte[] big = good.clone();
        big[5] = 2;
        assertEquals("not a little-endian ELF (EI_DATA 2)", fail(big));
        byte[] elf64 = good.clone();
        elf64[4] = 2;
        assertEquals("not a 32-bit ELF (EI_CLASS 2); HypLab runs AArch32 images", fail(elf64));
        byte[] x86 = good.clone();
        x86[18] = 3;
        assertEquals("not an ARM ELF (e_machine 3, ARM is 40)", fail(x86));
        byte[] relocatable = good.clone();
        relocatable[16] = 1;
        assertEquals("not an executable (e_type 1); link the program first", fail(relocatable));
        assertEquals("segment 0 reaches past the end of the file (truncated?)",
                fail(Arrays.copyOf(good, 0x1000 < good.length ? 0x1000 : good.length - 1)));
    }

    private static String fail(byte[] file) {
        return assertThrows(ElfException.class, () -> ElfImage.parse(file)).getMessage();
    }
}
