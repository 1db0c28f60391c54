package org.hyplab.gic;

/**
 * One bit of distributor state per interrupt ID (enable, pending latch, active, group, line
 * level, edge configuration), 32 IDs to a word as the GICD bit registers lay them out. Word 0
 * (SGIs and PPIs, IDs 0-31) is banked: each CPU interface has its own copy (IHI 0048B 3.1.2,
 * 4.1.4); the words for SPIs are shared by all CPUs.
 */
final class InterruptBits {

    private final int[] banked;   // word 0, one per CPU
    private final int[] shared;   // words 1.., SPIs

    InterruptBits(int cpus, int ids) {
        banked = new int[cpus];
        shared = new int[ids / 32];   // index 0 unused: word n is shared[n]
    }

    boolean get(int cpu, int id) {
        return (word(cpu, id >>> 5) >>> (id & 31) & 1) != 0;
    }

    void set(int cpu, int id, boolean value) {
        int bit = 1 << (id & 31);
        int w = word(cpu, id >>> 5);
        setWord(cpu, id >>> 5, value ? w | bit : w & ~bit);
    }

    /** Word {@code n} as the CPU {@code cpu} sees it (its own bank for n = 0). */
    int word(int cpu, int n) {
        return n == 0 ? banked[cpu] : shared[n];
    }

    void setWord(int cpu, int n, int value) {
        if (n == 0) {
            banked[cpu] = value;
        } else {
            shared[n] = value;
        }
    }

    int words() {
        return shared.length;
    }

    void clear() {
        java.util.Arrays.fill(banked, 0);
        java.util.Arrays.fill(shared, 0);
    }
}
