package org.hyplab.fdt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** A blob from a user must give a {@link FdtException} with a clear line, never another exception. */
class FdtReaderTest {

    private static final byte[] BLOB = FdtWriter.write(FdtRoundTripTest.sample());

    private static String error(byte[] blob) {
        try {
            Fdt fdt = FdtReader.read(blob);
            return fail("read a malformed blob as " + fdt);
        } catch (FdtException e) {
            assertTrue(!e.getMessage().isBlank() && e.getMessage().indexOf('\n') < 0, e.getMessage());
            return e.getMessage();
        } catch (RuntimeException e) {
            throw new AssertionError("not an FdtException: " + e, e);
        }
    }

    private static byte[] with(int offset, int u32) {
        byte[] b = BLOB.clone();
        FdtProperty.putU32(b, offset, u32);
        return b;
    }

    @Test
    void everyTruncationIsRefused() {
        for (int n = 0; n < BLOB.length; n++) {
            error(Arrays.copyOf(BLOB, n));
        }
        assertEquals("truncated: 39 bytes, shorter than the 40-byte header", error(Arrays.copyOf(BLOB, 39)));
        assertEquals("truncated: the header says " + BLOB.length + " bytes, the blob has 100",
                error(Arrays.copyOf(BLOB, 100)));
    }

    @Test
    void everyTruncationClaimedByTheHeaderIsRefusedToo() {
        // The header's totalsize shrunk to match: the blocks no longer fit.
        for (int n = 40; n < BLOB.length; n++) {
            byte[] b = Arrays.copyOf(BLOB, n);
            FdtProperty.putU32(b, 4, n);
            error(b);
        }
    }

    @Test
    void badMagicVersionAndOffsetsAreNamed() {
        assertEquals("not a device tree blob: magic 0x7f454c46, expected 0xd00dfeed", error(with(0, 0x7F454C46)));
        assertEquals("unsupported device tree version 15 (last compatible 16); HypLab reads versions 16 and 17",
                error(with(20, 15)));
        assertTrue(error(with(8, 0x7FFF_FFF0)).startsWith("structure block at offset 2147483632"));
        assertTrue(error(with(8, 0xFFFF_FFF0)).startsWith("structure block at offset 4294967280"));
        assertTrue(error(with(12, 2)).startsWith("strings block at offset 2 "));
        assertTrue(error(with(16, 44)).endsWith("is not 8-byte aligned"));
        assertTrue(error(with(36, 0x7FFF_FFFF)).startsWith("structure block at offset"));
        assertTrue(error(with(4, 0x1000_0000)).startsWith("totalsize 268435456 is over the"));
    }

    @Test
    void badStructureIsNamed() {
        int offStruct = FdtProperty.getU32(BLOB, 8);
        int offStrings = FdtProperty.getU32(BLOB, 12);
        assertEquals("unknown token 0x7 at structure offset 0", error(with(offStruct, 7)));
        assertEquals("END_NODE without a node to end at structure offset 0", error(with(offStruct, 2)));
        assertEquals("the structure block has no root node", error(with(offStruct, 9)));
        // The final END replaced by END_NODE: one node too many closed.
        int size = FdtProperty.getU32(BLOB, 36);
        assertTrue(error(with(offStruct + size - 4, 2)).startsWith("END_NODE without a node to end"));
        // The last END_NODE (closing the root) replaced by END.
        assertEquals("END while / is still open", error(with(offStruct + size - 8, 9)));
        // The first property's name offset pointing past the strings block.
        int nameOffAt = offStruct + 8 + 8;  // BEGIN_NODE, "" padded, PROP, len, then nameoff
        assertTrue(error(with(nameOffAt, 0x10000)).startsWith("property name offset 65536 in / is outside"));
        // The strings block without its final NUL.
        byte[] unterminated = BLOB.clone();
        unterminated[BLOB.length - 1] = 'x';
        assertTrue(error(unterminated).startsWith("unterminated property name"), error(unterminated));
        // A property length beyond the block.
        assertTrue(error(with(offStruct + 12, 0x100000)).contains("runs past the structure block"));
        assertTrue(offStrings > offStruct);
    }

    @Test
    void randomCorruptionNeverEscapesAsAnotherException() {
        Random random = new Random(5);
        int refused = 0;
        for (int i = 0; i < 20_000; i++) {
            byte[] b = BLOB.clone();
            for (int k = 0; k <= random.nextInt(3); k++) {
                b[random.nextInt(b.length)] = (byte) random.nextInt(256);
            }
            try {
                FdtReader.read(b);
            } catch (FdtException e) {
                refused++;
            } catch (RuntimeException e) {
                throw new AssertionError("corruption " + i + " escaped as " + e, e);
            }
        }
        assertTrue(refused > 1000, "only " + refused + " corruptions refused");
    }

    @Test
    void deepNestingAndHugeBlobsAreRefused() {
        FdtNode root = FdtNode.root();
        FdtNode node = root;
        for (int i = 0; i < FdtReader.MAX_DEPTH; i++) {
            node = node.add(new FdtNode("n" + i));
        }
        assertEquals("nodes nest deeper than 32 levels", error(FdtWriter.write(Fdt.of(root))));
        assertThrows(FdtException.class, () -> FdtReader.read(new byte[FdtReader.MAX_BLOB_BYTES + 1]));
    }
}
