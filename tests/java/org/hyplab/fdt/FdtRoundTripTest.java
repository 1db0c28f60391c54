package org.hyplab.fdt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class FdtRoundTripTest {

    /** A small tree with every kind of value, nesting, and property names shared by nodes. */
    static Fdt sample() {
        FdtNode root = FdtNode.root();
        root.set(FdtProperty.strings("compatible", "acme,board", "acme,soc"));
        root.set(FdtProperty.cells("#address-cells", 1));
        root.set(FdtProperty.cells("#size-cells", 1));
        FdtNode bus = root.add(new FdtNode("bus@10000000"));
        bus.set(FdtProperty.empty("ranges"));
        FdtNode uart = bus.add(new FdtNode("serial@10001000"));
        uart.set(FdtProperty.string("compatible", "acme,uart"));
        uart.set(FdtProperty.cells("reg", 0x1000_1000, 0x100));
        uart.set(new FdtProperty("odd-length", new byte[] {1, 2, 3, 4, 5}));
        root.add(new FdtNode("chosen")).set(FdtProperty.string("bootargs", "console=ttyS0"));
        return new Fdt(root, List.of(new Fdt.Reservation(0x8000_0000L, 0x1000), new Fdt.Reservation(1L << 35, 1)), 1);
    }

    @Test
    void readerGivesBackWhatTheWriterWrote() throws FdtException {
        Fdt fdt = sample();
        Fdt back = FdtReader.read(FdtWriter.write(fdt));
        assertEquals(fdt, back);
        assertEquals(List.of(0x1000_1000, 0x100),
                java.util.Arrays.stream(back.root().find("/bus@10000000/serial@10001000").orElseThrow()
                        .property("reg").orElseThrow().asCells().orElseThrow()).boxed().toList());
    }

    @Test
    void theHeaderIsVersion17WithAlignedBlocks() {
        byte[] blob = FdtWriter.write(sample());
        assertEquals(0xD00DFEED, FdtProperty.getU32(blob, 0));
        assertEquals(blob.length, FdtProperty.getU32(blob, 4));
        int offStruct = FdtProperty.getU32(blob, 8), offStrings = FdtProperty.getU32(blob, 12);
        int offRsvmap = FdtProperty.getU32(blob, 16);
        assertEquals(17, FdtProperty.getU32(blob, 20));
        assertEquals(16, FdtProperty.getU32(blob, 24));
        assertEquals(1, FdtProperty.getU32(blob, 28), "boot_cpuid_phys");
        assertEquals(0, offRsvmap % 8);
        assertEquals(0, offStruct % 4);
        assertEquals(offStrings, offStruct + FdtProperty.getU32(blob, 36), "size_dt_struct");
        assertEquals(blob.length, offStrings + FdtProperty.getU32(blob, 32), "size_dt_strings");
        // Two reservations and the terminating zero entry.
        assertEquals(offRsvmap + 3 * 16, offStruct);
        // "compatible" is used twice but stored once.
        String strings = new String(blob, offStrings, blob.length - offStrings, java.nio.charset.StandardCharsets.US_ASCII);
        assertEquals(strings.indexOf("compatible\0"), strings.lastIndexOf("compatible\0"));
    }

    @Test
    void dtcReadsOurBlob() {
        String dts = Dtc.decompile(FdtWriter.write(sample()));
        assertTrue(dts.contains("/memreserve/\t0x0000000080000000 0x0000000000001000;"), dts);
        assertTrue(dts.contains("compatible = \"acme,board\\0acme,soc\";"), dts);
        assertTrue(dts.contains("serial@10001000 {"), dts);
        assertTrue(dts.contains("reg = <0x10001000 0x100>;"), dts);
        assertTrue(dts.contains("odd-length = [01 02 03 04 05];"), dts);
        assertTrue(dts.contains("bootargs = \"console=ttyS0\";"), dts);
    }

    @Test
    void ourReaderReadsDtcsBlob() throws FdtException {
        byte[] blob = Dtc.compile("""
                /dts-v1/;
                /memreserve/ 0x90000000 0x2000;
                / {
                    #address-cells = <1>;
                    #size-cells = <1>;
                    model = "hand written";
                    cpus {
                        #address-cells = <1>;
                        #size-cells = <0>;
                        cpu@0 { device_type = "cpu"; reg = <0>; };
                    };
                    gic: interrupt-controller@2c001000 {
                        interrupt-controller;
                        #interrupt-cells = <3>;
                        reg = <0x2c001000 0x1000>;
                    };
                    uart@1c090000 {
                        interrupt-parent = <&gic>;
                        interrupts = <0 5 4>;
                        bytes = [de ad be ef];
                    };
                };
                """);
        Fdt fdt = FdtReader.read(blob);
        assertEquals(List.of(new Fdt.Reservation(0x9000_0000L, 0x2000)), fdt.reservations());
        FdtNode root = fdt.root();
        assertEquals("hand written", root.property("model").flatMap(FdtProperty::asString).orElseThrow());
        assertEquals(List.of("cpus", "interrupt-controller@2c001000", "uart@1c090000"),
                root.children().stream().map(FdtNode::name).toList());
        FdtNode gic = root.find("interrupt-controller@2c001000").orElseThrow();
        assertEquals(0, gic.property("interrupt-controller").orElseThrow().length());
        int phandle = gic.property("phandle").flatMap(FdtProperty::asCells).orElseThrow()[0];
        FdtNode uart = root.find("/uart@1c090000").orElseThrow();
        assertEquals(phandle, uart.property("interrupt-parent").flatMap(FdtProperty::asCells).orElseThrow()[0]);
        assertArrayEquals(new int[] {0, 5, 4}, uart.property("interrupts").flatMap(FdtProperty::asCells).orElseThrow());
        assertArrayEquals(new byte[] {(byte) 0xDE, (byte) 0xAD, (byte) 0xBE, (byte) 0xEF},
                uart.property("bytes").orElseThrow().value());
        assertEquals("cpu", root.find("cpus/cpu@0").flatMap(n -> n.property("device_type"))
                .flatMap(FdtProperty::asString).orElseThrow());
        // Writing dtc's tree again gives a blob dtc reads as the same tree.
        assertEquals(fdt, FdtReader.read(FdtWriter.write(fdt)));
    }
}
