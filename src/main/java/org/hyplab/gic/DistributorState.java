package org.hyplab.gic;

import java.util.ArrayList;
import java.util.List;

/**
 * The distributor (GICD, IHI 0048B 4.3): its control and type registers and every interrupt,
 * the banked IDs 0-31 once per CPU interface and the SPIs once.
 *
 * @param banked per CPU, its 32 SGIs and PPIs in ID order
 * @param spis   IDs 32 and up, in ID order
 */
public record DistributorState(int ctlr, int typer, int iidr, List<List<InterruptState>> banked,
        List<InterruptState> spis) {

    public boolean group0Enabled() {
        return (ctlr & 1) != 0;
    }

    public boolean group1Enabled() {
        return (ctlr & 2) != 0;
    }

    /** Interrupt {@code id} as CPU interface {@code cpu} sees it (an SPI is the same for all). */
    public InterruptState interrupt(int cpu, int id) {
        return id < 32 ? banked.get(cpu).get(id) : spis.get(id - 32);
    }

    /** The interrupts with something to show (pending, active, line high, enabled PPIs and SPIs), banks first. */
    public List<InterruptState> interesting() {
        List<InterruptState> all = new ArrayList<>();
        banked.forEach(b -> b.stream().filter(InterruptState::interesting).forEach(all::add));
        spis.stream().filter(InterruptState::interesting).forEach(all::add);
        return List.copyOf(all);
    }

    public List<GicField> fields() {
        return List.of(
                GicField.bit("GICD_CTLR", "EnableGrp0", 0, ctlr, "Group 0 interrupts are forwarded to the CPU interfaces",
                        "Group 0 interrupts are not forwarded", "4.3.1"),
                GicField.bit("GICD_CTLR", "EnableGrp1", 1, ctlr, "Group 1 interrupts are forwarded to the CPU interfaces",
                        "Group 1 interrupts are not forwarded", "4.3.1"),
                GicField.bits("GICD_TYPER", "ITLinesNumber", 4, 0, typer,
                        32 * ((typer & 0x1F) + 1) + " interrupt IDs", "4.3.2"),
                GicField.bits("GICD_TYPER", "CPUNumber", 7, 5, typer, ((typer >>> 5 & 7) + 1) + " CPU interfaces", "4.3.2"),
                GicField.bit("GICD_TYPER", "SecurityExtn", 10, typer, "Security Extensions implemented",
                        "no Security Extensions: one copy of every register", "4.3.2"));
    }

    /** The control registers, then each interesting interrupt. */
    public List<String> describe() {
        List<String> lines = new ArrayList<>(GicField.lines("Distributor (GICD)", fields()));
        interesting().forEach(i -> i.describe().forEach(l -> lines.add("  " + l)));
        return List.copyOf(lines);
    }
}
