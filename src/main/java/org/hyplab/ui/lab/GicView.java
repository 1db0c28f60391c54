package org.hyplab.ui.lab;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.hyplab.gic.CpuInterfaceState;
import org.hyplab.gic.GicSnapshot;
import org.hyplab.gic.InterruptState;
import org.hyplab.gic.ListRegisterState;
import org.hyplab.gic.VirtualCpuInterfaceState;
import org.hyplab.gic.VirtualInterfaceState;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.Tag;
import com.vaadin.flow.component.dependency.JsModule;

/**
 * One CPU's GIC drawn as the way an interrupt travels: distributor → CPU interface → list
 * registers → virtual CPU interface (Lit: hyplab-gic-view.ts), the interrupt followed
 * highlighted wherever it is. This class turns a {@link GicSnapshot} into the model.
 */
@Tag("hyplab-gic-view")
@JsModule("./components/hyplab-gic-view.ts")
public class GicView extends Component {

    private static final int SPURIOUS = 1023;

    public GicView() {
        setId("lab-gic-view");
    }

    /** Shows {@code cpu}'s GIC following interrupt {@code follow} (-1: the one furthest along, {@link #follow}). */
    void show(GicSnapshot gic, int cpu, int follow) {
        getElement().setProperty("model", model(gic, cpu, follow >= 0 ? follow : follow(gic, cpu)));
    }

    String model() {
        return getElement().getProperty("model", "");
    }

    /**
     * Which interrupt to follow on {@code cpu}: the one furthest along its way, since that is the
     * one the machine last moved: in a list register, else what the CPU interface would hand
     * out, else pending or active in the distributor; -1 when none.
     */
    static int follow(GicSnapshot gic, int cpu) {
        VirtualInterfaceState v = gic.virtualInterfaces().get(cpu);
        for (ListRegisterState lr : v.listRegisters()) {
            if (lr.state() != ListRegisterState.State.INVALID) {
                return lr.virtualId();
            }
        }
        CpuInterfaceState c = gic.cpuInterfaces().get(cpu);
        if ((c.highestPending() & 0x3FF) < 1020) {
            return c.highestPending() & 0x3FF;
        }
        for (InterruptState i : interrupts(gic, cpu)) {
            if (i.pending() || i.active()) {
                return i.id();
            }
        }
        return -1;
    }

    /** The interrupts CPU {@code cpu} can be sent that have anything to show. */
    static List<InterruptState> interrupts(GicSnapshot gic, int cpu) {
        List<InterruptState> list = new ArrayList<>();
        gic.distributor().banked().get(cpu).stream().filter(InterruptState::interesting).forEach(list::add);
        gic.distributor().spis().stream().filter(i -> i.interesting() && (i.targets() >>> cpu & 1) != 0).forEach(list::add);
        return list;
    }

    static String model(GicSnapshot gic, int cpu, int follow) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cpu", cpu);
        m.put("follow", follow);
        m.put("caption", (follow < 0 ? "CPU" + cpu + ": no interrupt on its way." : "CPU" + cpu + ": following interrupt "
                + follow + " (" + (follow < 16 ? "SGI" : follow < 32 ? "PPI" : "SPI") + "), the last to move"));
        List<Object> parts = new ArrayList<>();

        List<Object> rows = new ArrayList<>();
        for (InterruptState i : interrupts(gic, cpu)) {
            // An interrupt merely enabled is listed but not on its way: only pending or active ones
            // carry their ID for the highlighting (the others a number no interrupt has).
            rows.add(row(i.pending() || i.active() ? i.id() : -1 - i.id(), String.format("ID %d %s: %s, %s, priority 0x%02x", i.id(), i.type(), i.state(),
                    i.enabled() ? "enabled" : "disabled", i.priority()), i.pendingBecause()));
        }
        parts.add(part("distributor", "Distributor (GICD)", List.of(
                "Group 0 " + (gic.distributor().group0Enabled() ? "on" : "off") + ", Group 1 "
                        + (gic.distributor().group1Enabled() ? "on" : "off")), rows));

        CpuInterfaceState c = gic.cpuInterfaces().get(cpu);
        rows = new ArrayList<>();
        if ((c.highestPending() & 0x3FF) != SPURIOUS) {
            rows.add(row(c.highestPending() & 0x3FF, "highest pending (GICC_HPPIR): ID " + (c.highestPending() & 0x3FF), ""));
        }
        if ((c.acknowledge() & 0x3FF) != SPURIOUS) {
            rows.add(row(c.acknowledge() & 0x3FF, "GICC_IAR would return ID " + (c.acknowledge() & 0x3FF), ""));
        }
        parts.add(part("cpu-interface", "CPU interface (GICC) of CPU" + cpu, List.of(
                "IRQ to the CPU " + (c.irq() ? "asserted" : "deasserted"),
                String.format("priority mask 0x%02x, running priority 0x%02x", c.pmr(), c.runningPriority())), rows));

        VirtualInterfaceState v = gic.virtualInterfaces().get(cpu);
        rows = new ArrayList<>();
        for (ListRegisterState lr : v.listRegisters()) {
            if (lr.value() == 0) {
                continue;
            }
            rows.add(row(lr.virtualId(), String.format("LR%d = %08x: virtual %d, %s%s", lr.index(), lr.value(), lr.virtualId(),
                    lr.state().name().toLowerCase().replace('_', ' '),
                    lr.hw() ? ", HW: physical " + lr.physicalId() : ""), lr.state().meaning));
        }
        parts.add(part("list-registers", "List registers (GICH) of CPU" + cpu, List.of(
                "virtual interface " + ((v.hcr() & 1) != 0 ? "on" : "off") + ", " + v.listRegisters().size()
                        + " list registers", "maintenance interrupt " + (v.maintenance() ? "asserted" : "deasserted")), rows));

        VirtualCpuInterfaceState g = v.guest();
        rows = new ArrayList<>();
        if ((g.highestPending() & 0x3FF) != SPURIOUS) {
            rows.add(row(g.highestPending() & 0x3FF, "highest pending (GICV_HPPIR): ID " + (g.highestPending() & 0x3FF), ""));
        }
        if ((g.acknowledge() & 0x3FF) != SPURIOUS) {
            rows.add(row(g.acknowledge() & 0x3FF, "the guest's GICV_IAR would return ID " + (g.acknowledge() & 0x3FF), ""));
        }
        parts.add(part("virtual-cpu-interface", "Virtual CPU interface (GICV): the guest's view", List.of(
                "virtual IRQ " + (g.virq() ? "asserted" : "deasserted"),
                String.format("priority mask 0x%02x, running priority 0x%02x", g.pmr(), g.runningPriority())), rows));
        m.put("parts", parts);
        return Json.write(m);
    }

    private static Map<String, Object> row(int id, String text, String detail) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("id", id);
        r.put("text", text);
        r.put("detail", detail);
        return r;
    }

    private static Map<String, Object> part(String key, String title, List<String> summary, List<Object> rows) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("key", key);
        p.put("title", title);
        p.put("summary", summary);
        p.put("rows", rows);
        return p;
    }
}
