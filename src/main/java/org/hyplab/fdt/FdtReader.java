package org.hyplab.fdt;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads a flattened device tree blob (devicetree specification v0.4, chapter 5) and checks
 * everything it relies on: the header's magic, versions and block offsets and sizes against
 * the blob, token alignment, names and strings terminated inside their blocks, node nesting,
 * property name offsets. A blob comes from the user ({@code --dtb FILE}), so anything wrong
 * is a {@link FdtException} with one line saying what, never another exception.
 */
public final class FdtReader {

    /** Xen refuses device trees over 2 MiB (MAX_FDT_SIZE); so does HypLab. */
    public static final int MAX_BLOB_BYTES = 2 << 20;
    /** Real trees nest a handful of levels; Xen's limit is 16 (DEVICE_TREE_MAX_DEPTH). */
    public static final int MAX_DEPTH = 32;
    public static final int MAX_RESERVATIONS = 256;

    private final byte[] blob;
    private final long structStart, structEnd, stringsStart, stringsEnd;

    private FdtReader(byte[] blob, long structStart, long structEnd, long stringsStart, long stringsEnd) {
        this.blob = blob;
        this.structStart = structStart;
        this.structEnd = structEnd;
        this.stringsStart = stringsStart;
        this.stringsEnd = stringsEnd;
    }

    public static Fdt read(byte[] blob) throws FdtException {
        if (blob.length < FdtWriter.HEADER_SIZE) {
            throw new FdtException("truncated: " + blob.length + " bytes, shorter than the 40-byte header");
        }
        int magic = u32(blob, 0);
        if (magic != FdtWriter.MAGIC) {
            throw new FdtException(String.format(Locale.ROOT,
                    "not a device tree blob: magic 0x%08x, expected 0xd00dfeed", magic));
        }
        long total = field(blob, 1);
        long offStruct = field(blob, 2), offStrings = field(blob, 3), offRsvmap = field(blob, 4);
        long version = field(blob, 5), lastComp = field(blob, 6);
        int bootCpu = u32(blob, 28);
        long sizeStrings = field(blob, 8);
        if (total > MAX_BLOB_BYTES) {
            throw new FdtException("totalsize " + total + " is over the " + MAX_BLOB_BYTES + "-byte limit");
        }
        if (total > blob.length) {
            throw new FdtException("truncated: the header says " + total + " bytes, the blob has " + blob.length);
        }
        if (total < FdtWriter.HEADER_SIZE) {
            throw new FdtException("totalsize " + total + " is smaller than the header");
        }
        // Version 16 readers can read version 17 blobs; we read 16 and 17 (spec §5.2).
        if (version < 16 || lastComp > 17) {
            throw new FdtException("unsupported device tree version " + version + " (last compatible " + lastComp
                    + "); HypLab reads versions 16 and 17");
        }
        long sizeStruct = version >= 17 ? field(blob, 9) : total - offStruct;
        checkBlock("memory reservation block", offRsvmap, 16, total, 8);
        checkBlock("structure block", offStruct, sizeStruct, total, 4);
        checkBlock("strings block", offStrings, sizeStrings, total, 1);
        FdtReader r = new FdtReader(blob, offStruct, offStruct + sizeStruct, offStrings, offStrings + sizeStrings);
        List<Fdt.Reservation> reservations = r.reservations(offRsvmap, total);
        return new Fdt(r.structure(), reservations, bootCpu);
    }

    private static void checkBlock(String what, long offset, long size, long total, int alignment)
            throws FdtException {
        if (offset < FdtWriter.HEADER_SIZE || offset > total || size > total - offset) {
            throw new FdtException(what + " at offset " + offset + " (" + size + " bytes) lies outside the "
                    + total + "-byte blob");
        }
        if (offset % alignment != 0) {
            throw new FdtException(what + " at offset " + offset + " is not " + alignment + "-byte aligned");
        }
    }

    private List<Fdt.Reservation> reservations(long offset, long total) throws FdtException {
        List<Fdt.Reservation> list = new ArrayList<>();
        for (long at = offset; ; at += 16) {
            if (at + 16 > total) {
                throw new FdtException("memory reservation block runs past the end of the blob (no 0,0 entry)");
            }
            long address = u64(blob, (int) at);
            long size = u64(blob, (int) at + 8);
            if (address == 0 && size == 0) {
                return list;
            }
            if (list.size() == MAX_RESERVATIONS) {
                throw new FdtException("more than " + MAX_RESERVATIONS + " memory reservations");
            }
            list.add(new Fdt.Reservation(address, size));
        }
    }

    /** Parses the structure block into the root node. */
    private FdtNode structure() throws FdtException {
        long at = structStart;
        Deque<FdtNode> open = new ArrayDeque<>();
        Deque<Set<String>> childNames = new ArrayDeque<>();
        Deque<Boolean> hadChild = new ArrayDeque<>();
        FdtNode root = null;
        while (true) {
            int token = token(at);
            at += 4;
            switch (token) {
                case FdtWriter.BEGIN_NODE -> {
                    long nameEnd = nul(at, structEnd, "node name");
                    String name = text(at, nameEnd, "node name");
                    at = align4(nameEnd + 1);
                    if (root != null && open.isEmpty()) {
                        throw new FdtException("a second root node '" + name + "' at structure offset " + (at - structStart));
                    }
                    if (open.size() == MAX_DEPTH) {
                        throw new FdtException("nodes nest deeper than " + MAX_DEPTH + " levels");
                    }
                    if (open.isEmpty() && !name.isEmpty()) {
                        throw new FdtException("the root node has the name '" + name + "'; it must be empty");
                    }
                    if (!open.isEmpty() && (name.isEmpty() || name.indexOf('/') >= 0)) {
                        throw new FdtException("bad node name '" + name + "' under " + path(open));
                    }
                    FdtNode node = new FdtNode(name);
                    if (open.isEmpty()) {
                        root = node;
                    } else {
                        if (!childNames.peek().add(name)) {
                            throw new FdtException("two nodes named '" + name + "' under " + path(open));
                        }
                        open.peek().add(node);
                        hadChild.pop();
                        hadChild.push(true);
                    }
                    open.push(node);
                    childNames.push(new HashSet<>());
                    hadChild.push(false);
                }
                case FdtWriter.END_NODE -> {
                    if (open.isEmpty()) {
                        throw new FdtException("END_NODE without a node to end at structure offset "
                                + (at - 4 - structStart));
                    }
                    open.pop();
                    childNames.pop();
                    hadChild.pop();
                }
                case FdtWriter.PROP -> {
                    if (open.isEmpty()) {
                        throw new FdtException("a property outside any node at structure offset " + (at - 4 - structStart));
                    }
                    long len = u32At(at, "property length");
                    long nameOff = u32At(at + 4, "property name offset");
                    at += 8;
                    if (len > structEnd - at) {
                        throw new FdtException("property of " + len + " bytes in " + path(open)
                                + " runs past the structure block");
                    }
                    if (nameOff >= stringsEnd - stringsStart) {
                        throw new FdtException("property name offset " + nameOff + " in " + path(open)
                                + " is outside the strings block");
                    }
                    long nameAt = stringsStart + nameOff;
                    String name = text(nameAt, nul(nameAt, stringsEnd, "property name"), "property name");
                    if (name.isEmpty()) {
                        throw new FdtException("a property with an empty name in " + path(open));
                    }
                    if (hadChild.peek()) {
                        throw new FdtException("property '" + name + "' after a child node in " + path(open));
                    }
                    if (open.peek().property(name).isPresent()) {
                        throw new FdtException("two properties named '" + name + "' in " + path(open));
                    }
                    byte[] value = new byte[(int) len];
                    System.arraycopy(blob, (int) at, value, 0, (int) len);
                    open.peek().set(new FdtProperty(name, value));
                    at = align4(at + len);
                }
                case FdtWriter.NOP -> { }
                case FdtWriter.END -> {
                    if (root == null) {
                        throw new FdtException("the structure block has no root node");
                    }
                    if (!open.isEmpty()) {
                        throw new FdtException("END while " + path(open) + " is still open");
                    }
                    return root;
                }
                default -> throw new FdtException(String.format(Locale.ROOT,
                        "unknown token 0x%x at structure offset %d", token, at - 4 - structStart));
            }
        }
    }

    private int token(long at) throws FdtException {
        if (at + 4 > structEnd) {
            throw new FdtException("the structure block ends without an END token");
        }
        return u32(blob, (int) at);
    }

    private long u32At(long at, String what) throws FdtException {
        if (at + 4 > structEnd) {
            throw new FdtException("the structure block ends inside a " + what);
        }
        return Integer.toUnsignedLong(u32(blob, (int) at));
    }

    /** The offset of the NUL ending the string at {@code from}, which must lie before {@code end}. */
    private long nul(long from, long end, String what) throws FdtException {
        for (long i = from; i < end; i++) {
            if (blob[(int) i] == 0) {
                return i;
            }
        }
        throw new FdtException("unterminated " + what + " at offset " + from);
    }

    private String text(long from, long to, String what) throws FdtException {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(blob, (int) from, (int) (to - from))).toString();
        } catch (CharacterCodingException e) {
            throw new FdtException(what + " at offset " + from + " is not text");
        }
    }

    private static String path(Deque<FdtNode> open) {
        StringBuilder b = new StringBuilder();
        open.descendingIterator().forEachRemaining(n -> {
            if (!n.name().isEmpty()) {
                b.append('/').append(n.name());
            }
        });
        return b.isEmpty() ? "/" : b.toString();
    }

    private static long align4(long at) {
        return (at + 3) & ~3L;
    }

    private static int u32(byte[] b, int at) {
        return FdtProperty.getU32(b, at);
    }

    /** Header field {@code index} (0-based, 4 bytes each) as an unsigned number. */
    private static long field(byte[] b, int index) {
        return Integer.toUnsignedLong(u32(b, 4 * index));
    }

    private static long u64(byte[] b, int at) {
        return (long) u32(b, at) << 32 | Integer.toUnsignedLong(u32(b, at + 4));
    }
}
