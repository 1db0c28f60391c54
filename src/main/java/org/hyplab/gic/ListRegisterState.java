package org.hyplab.gic;

import java.util.ArrayList;
import java.util.List;

/**
 * One list register decoded (IHI 0048B 5.3, GICH_LRn): the virtual interrupt the hypervisor put
 * there for the guest. With HW = 1 it stands for physical interrupt {@code physicalId}, which
 * the guest's deactivation also deactivates in the distributor; with HW = 0, bit 19 asks for a
 * maintenance interrupt when the guest ends it (EOI) and, for a virtual SGI, bits [12:10] name
 * its source CPU.
 *
 * @param physicalId the physical ID for HW = 1, else -1
 * @param sourceCpu  the source CPU of a virtual SGI (HW = 0, ID below 16), else -1
 * @param priority   the five implemented bits [27:23] as an eight-bit priority
 * @param eoi        HW = 0 and bit 19 set
 */
public record ListRegisterState(int index, int value, int virtualId, boolean hw, int physicalId, int sourceCpu,
        State state, int priority, int group, boolean eoi) {

    /** The State field [29:28]. */
    public enum State {
        INVALID("invalid: holds no interrupt"),
        PENDING("pending: the guest can acknowledge it"),
        ACTIVE("active: acknowledged by the guest, not yet deactivated"),
        PENDING_AND_ACTIVE("pending and active: active, and pending again");

        public final String meaning;

        State(String meaning) {
            this.meaning = meaning;
        }
    }

    static ListRegisterState of(int index, int lr) {
        boolean hw = ListRegister.hw(lr);
        int vid = ListRegister.virtualId(lr);
        return new ListRegisterState(index, lr, vid, hw, hw ? ListRegister.physicalId(lr) : -1,
                !hw && vid < 16 ? ListRegister.cpuId(lr) : -1, State.values()[ListRegister.state(lr)],
                ListRegister.priority(lr), ListRegister.group(lr), !hw && ListRegister.eoi(lr));
    }

    public List<GicField> fields() {
        String r = "GICH_LR" + index;
        List<GicField> f = new ArrayList<>();
        f.add(GicField.bit(r, "HW", 31, value, "hardware interrupt: the guest's deactivation deactivates physical ID "
                + physicalId, "software interrupt: the hypervisor handles the physical side", "5.3 GICH_LRn"));
        f.add(GicField.bit(r, "Grp1", 30, value, "Group 1 (virtual IRQ)", "Group 0 (virtual FIQ when GICV_CTLR.FIQEn)", "5.3 GICH_LRn"));
        f.add(GicField.bits(r, "State", 29, 28, value, state.meaning, "5.3 GICH_LRn"));
        f.add(GicField.bits(r, "Priority", 27, 23, value, GicField.priority(priority), "5.3 GICH_LRn"));
        if (hw) {
            f.add(GicField.bits(r, "PhysicalID", 19, 10, value, "physical interrupt " + physicalId, "5.3 GICH_LRn"));
        } else {
            f.add(GicField.bit(r, "EOI", 19, value, "the guest's deactivation raises an EOI maintenance interrupt (GICH_EISR, GICH_MISR.EOI)",
                    "no maintenance interrupt when the guest ends it", "5.3 GICH_LRn"));
            if (virtualId < 16) {
                f.add(GicField.bits(r, "CPUID", 12, 10, value, "a virtual SGI from vCPU " + sourceCpu, "5.3 GICH_LRn"));
            }
        }
        f.add(GicField.bits(r, "VirtualID", 9, 0, value, "the guest sees interrupt " + virtualId, "5.3 GICH_LRn"));
        return List.copyOf(f);
    }

    /** The fields in words; an all-zero list register, free and holding nothing, in one line. */
    public List<String> describe() {
        if (value == 0) {
            return List.of(String.format("GICH_LR%d = 0x00000000: %s", index, state.meaning));
        }
        return GicField.lines(String.format("GICH_LR%d = 0x%08x: virtual %d, %s", index, value, virtualId,
                state.name().toLowerCase().replace('_', ' ')), fields());
    }
}
