package org.hyplab.mmu;

/**
 * Sees every descriptor a walk reads, for explaining translations to a student. The CPU's own
 * walks run without an observer.
 */
public interface WalkObserver {

    /**
     * @param stage             1 or 2
     * @param level             lookup level (1..3)
     * @param descriptorAddress where the descriptor was read (IPA for stage 1 under stage 2)
     * @param descriptor        its value (32-bit descriptors zero-extended)
     */
    void descriptor(int stage, int level, long descriptorAddress, long descriptor);
}
