package org.hyplab.qemu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.hyplab.testing.Qemu;

import org.junit.jupiter.api.Test;

/**
 * The ARM build path end to end: the bare-metal hello that Maven had hypervisor/Makefile
 * cross-compile runs on QEMU's vexpress-a15, prints over the PL011 and powers the board off.
 */
class HelloVexpressQemuIT {

    private static final Path ELF = Qemu.armDir().resolve("baremetal/hello-vexpress.elf");

    /** ELF header fields (System V gABI; ARM ELF ABI: EM_ARM = 40). */
    private static final int EM_ARM = 40;

    @Test
    void theProgramIsA32BitLittleEndianArmElfLinkedIntoVexpressRam() throws IOException {
        ByteBuffer header = ByteBuffer.wrap(Files.readAllBytes(ELF)).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(0x464C457F, header.getInt(0), "ELF magic");
        assertEquals(1, header.get(4), "ELFCLASS32");
        assertEquals(1, header.get(5), "ELFDATA2LSB");
        assertEquals(EM_ARM, header.getShort(18), "e_machine");
        // vexpress.ld links at 0x80010000, 64 KiB into DRAM, where QEMU's -kernel loads it.
        assertEquals(0x80010000, header.getInt(24), "e_entry");
    }

    @Test
    void withoutTheSecurityExtensionsQemuEntersTheElfInHypMode() throws Exception {
        Qemu.Run run = Qemu.runVexpress(ELF);
        assertEquals(0, run.exitCode(), run.text());
        assertEquals(List.of(
                "Hello from HypLab on the Versatile Express A15!",
                "Entered in HYP mode.",
                "Powering off."), run.lines());
    }

    @Test
    void withTheSecurityExtensionsItStartsInSecureSvc() throws Exception {
        Qemu.Run run = Qemu.run(ELF, "vexpress-a15", 60);
        assertEquals(0, run.exitCode(), run.text());
        assertTrue(run.lines().contains("Entered in SVC mode."), run.text());
    }
}
