package org.hyplab.debug;

import org.hyplab.cpu.Cpu;
import org.hyplab.cpu.Mode;
import org.hyplab.cpu.SystemRegisters;

/**
 * An address space in which a PC means something: the hypervisor's (Hyp mode), one domain's
 * (PL0/PL1 with stage 2 on: VTTBR.VMID names the domain, as the teaching hypervisor numbers
 * VMIDs), or the machine's own when nothing is virtualized (a bare-metal program at PL1 with
 * stage 2 off). The same address is different code in each: every guest links at the same
 * place, so a breakpoint says in which space it is.
 *
 * @param id {@link #HYPERVISOR_ID}, {@link #MACHINE_ID}, {@link #ANY_ID}, or a domain number (1..)
 */
public record Space(int id) {

    public static final int ANY_ID = -2, HYPERVISOR_ID = -1, MACHINE_ID = 0;
    public static final Space ANY = new Space(ANY_ID), HYPERVISOR = new Space(HYPERVISOR_ID),
            MACHINE = new Space(MACHINE_ID);

    public Space {
        if (id < ANY_ID || id > 255) {
            throw new IllegalArgumentException("no such space: " + id);
        }
    }

    /** Domain {@code n}'s space (n from 1, the VMID the hypervisor gives it). */
    public static Space domain(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("domains are numbered from 1, not " + n);
        }
        return new Space(n);
    }

    /** The space {@code cpu} executes in now (ARM ARM B1.7: Hyp mode has its own regime; HCR.VM turns stage 2 on). */
    public static Space of(Cpu cpu) {
        if (cpu.mode() == Mode.HYP) {
            return HYPERVISOR;
        }
        if ((cpu.sys.hcr & SystemRegisters.HCR_VM) == 0) {
            return MACHINE;
        }
        int vmid = (int) (cpu.sys.vttbr >>> 48) & 0xFF;
        return vmid == 0 ? MACHINE : new Space(vmid);
    }

    public boolean isDomain() {
        return id > 0;
    }

    /** Whether code running in {@code actual} is code of this space. */
    public boolean matches(Space actual) {
        return this.id == ANY_ID || this.id == actual.id;
    }

    /** "hypervisor", "d1", "machine", "any". */
    public String label() {
        return switch (id) {
            case ANY_ID -> "any";
            case HYPERVISOR_ID -> "hypervisor";
            case MACHINE_ID -> "machine";
            default -> "d" + id;
        };
    }

    /** The inverse of {@link #label()}. */
    public static Space parse(String label) {
        return switch (label) {
            case "any" -> ANY;
            case "hypervisor", "hyp", "xen" -> HYPERVISOR;
            case "machine" -> MACHINE;
            default -> {
                if (label.matches("d[0-9]{1,3}")) {
                    yield domain(Integer.parseInt(label.substring(1)));
                }
                throw new IllegalArgumentException("a space is hypervisor, machine, any or dN, not '" + label + "'");
            }
        };
    }
}
