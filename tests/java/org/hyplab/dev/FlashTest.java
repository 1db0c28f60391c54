package org.hyplab.dev;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** An image-less NOR flash bank as QEMU 7.2 shows it (tests/arm/vexpress/sysregs.c). */
class FlashTest {

    @Test
    void readsZeroAndIgnoresDataWrites() {
        Flash flash = new Flash("flash1", 64 << 20);
        assertEquals(64 << 20, flash.size());
        assertEquals(0, flash.read(0, 4));
        assertEquals(0, flash.read(0x3FF_FFFC, 4));
        flash.write(0x100, 4, 0x1234_5678);
        assertEquals(0, flash.read(0x100, 4));
        assertEquals(0, flash.read(0x101, 1));
        assertEquals("flash1", flash.name());
    }
}
