package org.hyplab.gic;

/**
 * The active priorities of one CPU interface (GICC_APRn, or GICH_APR for a virtual CPU
 * interface): one bit per preemption level that has an interrupt active, set when an interrupt is
 * acknowledged and cleared by the priority drop of its EOI. The running priority is the highest
 * of them (IHI 0048B 3.3.3, 4.4.6 and the recommended APR layout in 4.4.13; 5.3.11 for GICH_APR).
 *
 * <p>A level is a group priority at the smallest binary point: with {@code minBpr} the group
 * priority has bits [7:minBpr+1], so there are {@code 256 >> (minBpr + 1)} levels and level n
 * stands for priority {@code n << (minBpr + 1)}. The physical interface implements all eight
 * priority bits (minimum BPR 0, 128 levels in APR0-3, as QEMU); the virtual one five (minimum
 * BPR 2, 32 levels in one register, GICH_VTR.PREbits).
 */
final class ActivePriorities {

    /** Running priority when nothing is active; compares above every real priority. */
    static final int IDLE = 0x100;

    private final int shift;
    private final int[] words;

    ActivePriorities(int minBpr) {
        shift = minBpr + 1;
        words = new int[Math.max(1, (256 >> shift) / 32)];
    }

    /** Group priority of {@code priority} with binary point {@code bpr}: bits [7:bpr+1] (IHI 0048B 3.3.3). */
    static int groupPriority(int priority, int bpr) {
        return priority & (0xFF << (bpr + 1)) & 0xFF;
    }

    void activate(int groupPriority) {
        int level = groupPriority >>> shift;
        words[level >>> 5] |= 1 << (level & 31);
    }

    /** Priority drop (IHI 0048B 3.3.4): clears the highest active priority; false if none was set. */
    boolean dropHighest() {
        for (int i = 0; i < words.length; i++) {
            if (words[i] != 0) {
                words[i] &= words[i] - 1;   // lowest set bit = numerically lowest = highest priority
                return true;
            }
        }
        return false;
    }

    /** The running priority, or {@link #IDLE}. */
    int running() {
        for (int i = 0; i < words.length; i++) {
            if (words[i] != 0) {
                return (i * 32 + Integer.numberOfTrailingZeros(words[i])) << shift;
            }
        }
        return IDLE;
    }

    int words() {
        return words.length;
    }

    int word(int n) {
        return words[n];
    }

    void setWord(int n, int value) {
        words[n] = value;
    }

    void clear() {
        java.util.Arrays.fill(words, 0);
    }
}
