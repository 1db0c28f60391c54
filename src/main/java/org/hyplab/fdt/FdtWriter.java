package org.hyplab.fdt;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Writes a {@link Fdt} as a flattened device tree blob, version 17 (devicetree specification
 * v0.4, chapter 5): a 40-byte header, the memory reservation block (8-byte aligned, ended by
 * an all-zero entry), the structure block of tokens, and the strings block holding each
 * property name once. Every number is big-endian; tokens and values are padded to 4 bytes.
 */
public final class FdtWriter {

    static final int MAGIC = 0xD00D_FEED;
    static final int VERSION = 17;
    /** Version 17 blobs can be read by version-16 readers (spec §5.2). */
    static final int LAST_COMPATIBLE_VERSION = 16;
    static final int HEADER_SIZE = 40;

    static final int BEGIN_NODE = 1, END_NODE = 2, PROP = 3, NOP = 4, END = 9;

    private final ByteArrayOutputStream structure = new ByteArrayOutputStream();
    private final ByteArrayOutputStream strings = new ByteArrayOutputStream();
    private final Map<String, Integer> stringOffsets = new HashMap<>();

    private FdtWriter() {
    }

    public static byte[] write(Fdt fdt) {
        FdtWriter w = new FdtWriter();
        w.node(fdt.root());
        w.u32(END);

        byte[] reservations = new byte[16 * (fdt.reservations().size() + 1)];
        for (int i = 0; i < fdt.reservations().size(); i++) {
            putU64(reservations, 16 * i, fdt.reservations().get(i).address());
            putU64(reservations, 16 * i + 8, fdt.reservations().get(i).size());
        }
        byte[] struct = w.structure.toByteArray();
        byte[] strs = w.strings.toByteArray();
        int offRsvmap = HEADER_SIZE;                       // 40 is already 8-byte aligned
        int offStruct = offRsvmap + reservations.length;   // a multiple of 8, so 4-aligned
        int offStrings = offStruct + struct.length;
        int total = offStrings + strs.length;

        byte[] blob = new byte[total];
        int[] header = {MAGIC, total, offStruct, offStrings, offRsvmap, VERSION, LAST_COMPATIBLE_VERSION,
                fdt.bootCpuidPhys(), strs.length, struct.length};
        for (int i = 0; i < header.length; i++) {
            FdtProperty.putU32(blob, 4 * i, header[i]);
        }
        System.arraycopy(reservations, 0, blob, offRsvmap, reservations.length);
        System.arraycopy(struct, 0, blob, offStruct, struct.length);
        System.arraycopy(strs, 0, blob, offStrings, strs.length);
        return blob;
    }

    private void node(FdtNode node) {
        u32(BEGIN_NODE);
        bytesPadded(nulTerminated(node.name()));
        for (FdtProperty p : node.properties()) {
            u32(PROP);
            u32(p.length());
            u32(nameOffset(p.name()));
            bytesPadded(p.value());
        }
        node.children().forEach(this::node);
        u32(END_NODE);
    }

    private int nameOffset(String name) {
        return stringOffsets.computeIfAbsent(name, n -> {
            int at = strings.size();
            strings.writeBytes(nulTerminated(n));
            return at;
        });
    }

    private void u32(int v) {
        byte[] b = new byte[4];
        FdtProperty.putU32(b, 0, v);
        structure.writeBytes(b);
    }

    private void bytesPadded(byte[] b) {
        structure.writeBytes(b);
        structure.writeBytes(new byte[(4 - b.length % 4) % 4]);
    }

    private static byte[] nulTerminated(String s) {
        byte[] text = s.getBytes(StandardCharsets.UTF_8);
        byte[] b = new byte[text.length + 1];
        System.arraycopy(text, 0, b, 0, text.length);
        return b;
    }

    private static void putU64(byte[] b, int at, long v) {
        FdtProperty.putU32(b, at, (int) (v >>> 32));
        FdtProperty.putU32(b, at + 4, (int) v);
    }
}
