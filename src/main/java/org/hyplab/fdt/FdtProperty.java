package org.hyplab.fdt;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * One device-tree property: a name and a value of bytes. The devicetree specification (v0.4,
 * §2.2.4) gives the value encodings built here: empty, {@code <u32>} cells big-endian,
 * NUL-terminated strings, and string lists.
 */
public final class FdtProperty {

    private final String name;
    private final byte[] value;

    public FdtProperty(String name, byte[] value) {
        if (name.isEmpty() || name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("bad property name '" + name + "'");
        }
        this.name = name;
        this.value = value.clone();
    }

    /** A property without a value, e.g. {@code interrupt-controller;}. */
    public static FdtProperty empty(String name) {
        return new FdtProperty(name, new byte[0]);
    }

    /** {@code <a b c>}: 32-bit cells. */
    public static FdtProperty cells(String name, int... cells) {
        byte[] v = new byte[4 * cells.length];
        for (int i = 0; i < cells.length; i++) {
            putU32(v, 4 * i, cells[i]);
        }
        return new FdtProperty(name, v);
    }

    /** A list of cells given as longs, each truncated to its 32 bits (for address/size pairs). */
    public static FdtProperty cells(String name, List<Long> cells) {
        return cells(name, cells.stream().mapToInt(Long::intValue).toArray());
    }

    public static FdtProperty string(String name, String text) {
        return strings(name, text);
    }

    /** {@code "a", "b"}: each string NUL-terminated, one after the other. */
    public static FdtProperty strings(String name, String... texts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String t : texts) {
            if (t.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("a device-tree string cannot hold NUL");
            }
            out.writeBytes(t.getBytes(StandardCharsets.UTF_8));
            out.write(0);
        }
        return new FdtProperty(name, out.toByteArray());
    }

    public String name() {
        return name;
    }

    public byte[] value() {
        return value.clone();
    }

    public int length() {
        return value.length;
    }

    /** The value as 32-bit cells, when its length is a multiple of 4. */
    public Optional<int[]> asCells() {
        if (value.length % 4 != 0) {
            return Optional.empty();
        }
        int[] cells = new int[value.length / 4];
        for (int i = 0; i < cells.length; i++) {
            cells[i] = getU32(value, 4 * i);
        }
        return Optional.of(cells);
    }

    /** The value as a list of NUL-terminated strings, when it is one. */
    public Optional<List<String>> asStrings() {
        if (value.length == 0 || value[value.length - 1] != 0) {
            return Optional.empty();
        }
        List<String> texts = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < value.length; i++) {
            if (value[i] == 0) {
                texts.add(new String(value, start, i - start, StandardCharsets.UTF_8));
                start = i + 1;
            }
        }
        return Optional.of(texts);
    }

    /** The value as one string, when it is exactly one NUL-terminated string. */
    public Optional<String> asString() {
        return asStrings().filter(l -> l.size() == 1).map(l -> l.get(0));
    }

    static void putU32(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }

    static int getU32(byte[] b, int at) {
        return (b[at] & 0xFF) << 24 | (b[at + 1] & 0xFF) << 16 | (b[at + 2] & 0xFF) << 8 | b[at + 3] & 0xFF;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FdtProperty p && p.name.equals(name) && Arrays.equals(p.value, value);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return name + " = [" + HexFormat.ofDelimiter(" ").formatHex(value) + "]";
    }
}
