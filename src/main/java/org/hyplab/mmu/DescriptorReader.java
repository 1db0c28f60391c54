package org.hyplab.mmu;

/**
 * Reads one translation table descriptor for a walk. The stage 1 walker of the PL1&0 regime
 * is given a reader that first translates the table address through stage 2 (ARM ARM B3.12.?:
 * a stage 1 walk makes stage 2-translated accesses), so a walk can fail at stage 2.
 */
interface DescriptorReader {

    /**
     * @param address table entry address (an IPA for a stage 1 walk under stage 2, else a PA)
     * @param wide    64-bit (long-descriptor) entry rather than 32-bit
     * @param level   the lookup level, for the fault it may raise
     * @throws MmuFault an external abort on the walk, or a stage 2 fault on it
     */
    long read(long address, boolean wide, int level);
}
