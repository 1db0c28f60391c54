package org.hyplab.gic;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds a {@link GicSnapshot} by reading state only: nothing here writes a register or
 * acknowledges, so inspecting between any two accesses changes no later result.
 */
final class GicInspector {

    private GicInspector() {
    }

    static GicSnapshot inspect(Distributor dist, CpuInterface[] cpuInterfaces, VirtualInterface[] virtualInterfaces) {
        int cpus = dist.cpus();
        List<List<InterruptState>> banked = new ArrayList<>();
        for (int c = 0; c < cpus; c++) {
            List<InterruptState> bank = new ArrayList<>();
            for (int id = 0; id < 32; id++) {
                bank.add(interrupt(dist, c, id));
            }
            banked.add(List.copyOf(bank));
        }
        List<InterruptState> spis = new ArrayList<>();
        for (int id = 32; id < dist.ids(); id++) {
            spis.add(interrupt(dist, 0, id));
        }
        DistributorState d = new DistributorState(dist.ctlr(), dist.typer(), Distributor.IIDR, List.copyOf(banked), List.copyOf(spis));
        List<CpuInterfaceState> physical = new ArrayList<>();
        List<VirtualInterfaceState> virtual = new ArrayList<>();
        for (int c = 0; c < cpus; c++) {
            physical.add(cpuInterface(cpuInterfaces[c]));
            virtual.add(virtualInterface(virtualInterfaces[c]));
        }
        return new GicSnapshot(cpus, dist.ids(), d, List.copyOf(physical), List.copyOf(virtual));
    }

    private static InterruptState interrupt(Distributor dist, int cpu, int id) {
        return new InterruptState(id, id < 32 ? cpu : GicListener.SHARED, dist.enabled(cpu, id), dist.pending(cpu, id),
                dist.latched(cpu, id), dist.lineHigh(cpu, id), id < 16 ? dist.sgiSources(cpu, id) : 0,
                dist.isActive(cpu, id), dist.group(cpu, id), dist.priority(cpu, id), dist.targetMask(cpu, id),
                dist.edgeTriggered(cpu, id));
    }

    private static CpuInterfaceState cpuInterface(CpuInterface ci) {
        ActivePriorities apr = ci.activePriorities();
        List<Integer> words = new ArrayList<>();
        for (int n = 0; n < apr.words(); n++) {
            words.add(apr.word(n));
        }
        int running = apr.running() == ActivePriorities.IDLE ? 0xFF : apr.running();
        int out = ci.outputs();
        return new CpuInterfaceState(ci.cpu(), ci.ctlr(), ci.pmr(), ci.bpr(), ci.abpr(), running,
                ci.highestPendingId(false), ci.wouldAcknowledge(false), List.copyOf(words), (out & 1) != 0, (out & 2) != 0);
    }

    private static VirtualInterfaceState virtualInterface(VirtualInterface v) {
        List<ListRegisterState> lrs = new ArrayList<>();
        for (int i = 0; i < v.lr.length; i++) {
            lrs.add(ListRegisterState.of(i, v.lr[i]));
        }
        int out = VirtualCpuInterface.outputs(v);
        VirtualCpuInterfaceState guest = new VirtualCpuInterfaceState(v.vmcr & VirtualInterface.VMCR_CTLR_MASK,
                VirtualCpuInterface.priorityMask(v), v.vmcr >>> 21 & 7, v.vmcr >>> 18 & 7,
                VirtualCpuInterface.runningPriority(v), VirtualCpuInterface.highestPendingId(v, false),
                VirtualCpuInterface.wouldAcknowledge(v, false), v.apr.word(0), (out & 1) != 0, (out & 2) != 0);
        return new VirtualInterfaceState(v.cpu, v.hcr, VirtualInterface.VTR, v.vmcr, v.misr(), v.eisr(), v.elsr(),
                v.apr.word(0), List.copyOf(lrs), v.maintenance(), guest);
    }
}
