package org.hyplab.gic;

/**
 * The fields of a GICH_LRn list register (IHI 0048B 5.3.12; BOARDS.md §5.2): one virtual
 * interrupt the hypervisor presents to its virtual CPU interface.
 * <pre>
 *   [31] HW   [30] Grp1   [29:28] State   [27:23] Priority[7:3]
 *   [19] EOI (HW = 0)   [19:10] PhysicalID (HW = 1)   [12:10] CPUID of a virtual SGI (HW = 0)
 *   [9:0] VirtualID
 * </pre>
 */
final class ListRegister {

    static final int INVALID = 0, PENDING = 1, ACTIVE = 2, PENDING_ACTIVE = 3;

    private ListRegister() {
    }

    static int virtualId(int lr) {
        return lr & 0x3FF;
    }

    static int physicalId(int lr) {
        return lr >>> 10 & 0x3FF;
    }

    static int cpuId(int lr) {
        return lr >>> 10 & 7;
    }

    static boolean eoi(int lr) {
        return (lr >>> 19 & 1) != 0;
    }

    /** The five implemented priority bits as an eight-bit priority. */
    static int priority(int lr) {
        return (lr >>> 23 & 0x1F) << 3;
    }

    static int state(int lr) {
        return lr >>> 28 & 3;
    }

    static int withState(int lr, int state) {
        return lr & ~(3 << 28) | state << 28;
    }

    static int group(int lr) {
        return lr >>> 30 & 1;
    }

    static boolean hw(int lr) {
        return lr < 0;
    }

    /** Whether the LR raises an EOI maintenance request (GICH_EISRn, 5.3.9): invalid, software, EOI set. */
    static boolean eoiMaintenance(int lr) {
        return state(lr) == INVALID && !hw(lr) && eoi(lr);
    }

    /** Whether the LR is free for a new interrupt (GICH_ELSRn, 5.3.10): invalid and no EOI request pending. */
    static boolean empty(int lr) {
        return state(lr) == INVALID && !eoiMaintenance(lr);
    }
}
