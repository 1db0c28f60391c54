package org.hyplab.trace;

import java.util.Map;

import org.hyplab.cpu.SyndromeExplainer;

/**
 * The trap timeline in text, one line per trap into Hyp mode: when (the CPU's cycle count),
 * which CPU, which domain and vCPU ("d1/0": from the VMID and VMPIDR), what (the exception class in words, with what
 * matters of its syndrome: a hypercall's number and name, a data abort's access), and where the
 * guest was. {@code ./hyplab trace} prints it; the Lab shows the same rows.
 */
public final class TrapTimeline {

    /** Xen's hypercall numbers (XEN-ABI.md §1.1). */
    private static final Map<Integer, String> HYPERCALLS = Map.ofEntries(
            Map.entry(6, "sched_op_compat"), Map.entry(7, "platform_op"), Map.entry(12, "memory_op"),
            Map.entry(13, "multicall"), Map.entry(15, "set_timer_op"), Map.entry(16, "event_channel_op_compat"),
            Map.entry(17, "xen_version"), Map.entry(18, "console_io"), Map.entry(20, "grant_table_op"),
            Map.entry(21, "vm_assist"), Map.entry(24, "vcpu_op"), Map.entry(27, "xsm_op"), Map.entry(29, "sched_op"),
            Map.entry(32, "event_channel_op"), Map.entry(33, "physdev_op"), Map.entry(34, "hvm_op"),
            Map.entry(35, "sysctl"), Map.entry(36, "domctl"));

    private TrapTimeline() {
    }

    public static String header() {
        return String.format("%12s  %-4s  %-5s  %-8s  %s", "cycle", "CPU", "vCPU", "guest pc", "trap");
    }

    public static String line(TrapEvent e) {
        String dom = e.fromGuest() ? "d" + e.vmid() + "/" + e.vcpu() : "hyp";
        return String.format("%12d  CPU%d  %-5s  %08x  %s", e.cycle(), e.cpu(), dom, e.returnAddress(), what(e));
    }

    /** What the trap was, in words. */
    public static String what(TrapEvent e) {
        if (e.vector() == TrapEvent.VECTOR_IRQ) {
            return "IRQ (a physical interrupt)";
        }
        if (e.vector() == TrapEvent.VECTOR_FIQ) {
            return "FIQ";
        }
        SyndromeExplainer.Syndrome s = SyndromeExplainer.explain(e.syndrome());
        return switch (e.ec()) {
            case 0x12 -> {
                int imm = s.field("imm16").value();
                if (imm == 0xEA1) {
                    yield "HVC #0xea1: hypercall " + e.r12() + " " + HYPERCALLS.getOrDefault(e.r12(), "(not a Xen hypercall)")
                            + ", r0 " + Integer.toHexString(e.r0());
                }
                yield imm == 0 ? String.format("HVC #0: SMCCC/PSCI function %08x", e.r0())
                        : "HVC #0x" + Integer.toHexString(imm);
            }
            case 0x24, 0x25 -> {
                String fault = s.field("DFSC").meaning();
                if (s.field("ISV").value() == 1) {
                    String register = s.field("SRT").meaning().replace("transfer register ", "");
                    boolean write = s.field("WnR").value() == 1;
                    yield "data abort: " + s.field("SAS").meaning() + (write ? " write of " : " read into ") + register
                            + ", " + fault;
                }
                yield "data abort (no syndrome: " + s.field("WnR").meaning() + "), " + fault;
            }
            case 0x20, 0x21 -> "prefetch abort, " + s.field("IFSC").meaning();
            case 0x01 -> s.field("TI").meaning() + " trapped";
            default -> s.name();
        };
    }
}
