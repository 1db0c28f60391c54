package org.hyplab.testing;

/** Guest kernel files made by a test, so that what it expects follows from the bytes it wrote. */
public final class GuestImages {

    private GuestImages() {
    }

    /** A zImage header (magic at 0x24, start, end) on {@code fileLength} bytes. */
    public static byte[] zImage(long start, int length, int fileLength) {
        byte[] b = new byte[fileLength];
        le32(b, 0x24, 0x016F2818);
        le32(b, 0x28, (int) start);
        le32(b, 0x2C, (int) (start + length));
        return b;
    }

    private static void le32(byte[] b, int at, int v) {
        for (int i = 0; i < 4; i++) {
            b[at + i] = (byte) (v >>> (8 * i));
        }
    }

    /** An ARM ELF executable with one PT_LOAD of {@code size} bytes at {@code at} (ELF gABI, IHI 0044). */
    public static byte[] elf(int at, int size) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(52 + 32 + size).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {0x7F, 'E', 'L', 'F', 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0});   // 32-bit, little-endian
        b.putShort((short) 2).putShort((short) 40).putInt(1);                           // ET_EXEC, EM_ARM, version
        b.putInt(at).putInt(52).putInt(0).putInt(0x0500_0000);                          // entry, phoff, shoff, flags
        b.putShort((short) 52).putShort((short) 32).putShort((short) 1);                // ehsize, phentsize, phnum
        b.putShort((short) 40).putShort((short) 0).putShort((short) 0);                 // shentsize, shnum, shstrndx
        b.putInt(1).putInt(84).putInt(at).putInt(at).putInt(size).putInt(size).putInt(5).putInt(4);   // PT_LOAD R+X
        return b.array();
    }
}
