package org.hyplab.gic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.hyplab.board.BoardDescription;
import org.hyplab.machine.BoardAssembler;
import org.hyplab.machine.BootLoader;
import org.hyplab.machine.Machine;
import org.hyplab.scenario.GuestCatalog;
import org.hyplab.scenario.Scenario;
import org.hyplab.testing.Emulator;
import org.hyplab.testing.HypervisorScenarios;
import org.hyplab.testing.Qemu;
import org.hyplab.timer.TimerKind;
import org.junit.jupiter.api.Test;

/**
 * A virtual timer interrupt's whole path through a real run: the teaching hypervisor with the
 * guest tests/arm/hypervisor/vtimer_spin.c, whose virtual timer fires while it runs. The listener
 * must hear, in this order (IHI 0048B 3.2.4 and chapter 5; hypervisor/vtimer.c): the virtual
 * timer fire at its compare value, PPI 27 become pending at the distributor, the hypervisor
 * acknowledge 27 through GICC_IAR on that CPU, a list register written with virtual ID 27, the
 * guest acknowledge 27 through GICV_IAR and end it through GICV_EOIR. Listening changes nothing.
 */
class GicTimerPathTest {

    static final String BOARD = "vexpress-a15";
    static final long BUDGET = 100_000_000L;
    static final int VTIMER = 27;

    record Run(Machine.Stop stop, byte[] console, long retired) {
    }

    /** Boots the scenario; {@code attach} may listen to the machine before its first instruction. */
    private static Run boot(Consumer<Machine> attach) throws Exception {
        Scenario s = Scenario.of(Emulator.board(BOARD), HypervisorScenarios.MEMORY.get(BOARD),
                List.of(GuestCatalog.file(Qemu.armDir().resolve("tests/hypervisor/vtimer_spin.zImage"))));
        BoardDescription board = Emulator.board(BOARD);
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        Machine m = BoardAssembler.build(board, new BoardAssembler.Options(s.memBytes(), board.cpus(), console::write));
        BootLoader.boot(m, board, s.memBytes(), s.bootRequest("hypervisor", HypervisorScenarios.hypervisor()));
        attach.accept(m);
        Machine.Stop stop = m.run(BUDGET);
        return new Run(stop, console.toByteArray(), m.retired());
    }

    @Test
    void theVirtualTimersInterruptFromTheTimerToTheGuestsEoi() throws Exception {
        List<String> path = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Run run = boot(m -> {
            Gic gic = m.gic();
            gic.setListener(new GicListener() {
                @Override
                public void event(GicEvent kind, int cpu, int id, int value) {
                    if (id != VTIMER) {
                        return;
                    }
                    switch (kind) {
                        case PENDING, ACKNOWLEDGED, VIRTUAL_ACKNOWLEDGED, VIRTUAL_END_OF_INTERRUPT ->
                                path.add(kind + " cpu" + cpu);
                        default -> { }
                    }
                }

                @Override
                public void listRegisterWritten(int cpu, int index, int oldValue, int newValue) {
                    if ((newValue & 0x3FF) != VTIMER || (newValue >>> 28 & 3) == 0) {
                        return;   // the hypervisor also clears and rewrites LRs it does not use
                    }
                    path.add("LR cpu" + cpu);
                    // at this moment the inspector shows the new value in that list register, decoded
                    ListRegisterState lr = gic.inspect().virtualInterfaces().get(cpu).listRegisters().get(index);
                    if (lr.value() != newValue || lr.virtualId() != VTIMER || lr.state() == ListRegisterState.State.INVALID) {
                        problems.add("inspect() at the LR write shows " + lr);
                    }
                }
            });
            for (int i = 0; i < m.cpus().size(); i++) {
                var timer = m.cpus().get(i).timer;
                timer.setListener(i, (cpu, kind, cval) -> {
                    if (kind != TimerKind.VIRTUAL) {
                        return;
                    }
                    path.add("fired cpu" + cpu);
                    // the timer condition (ARM ARM B8.1.5): CNTVCT >= CompareValue, and the machine stops
                    // at the exact cycle, so the count has just reached it
                    long count = timer.virtualCount();
                    if (count < cval || count > cval + 1) {
                        problems.add("fired at virtual count " + count + " for compare value " + cval);
                    }
                });
            }
        });
        String console = new String(run.console(), java.nio.charset.StandardCharsets.ISO_8859_1);
        assertEquals(Machine.Stop.POWERED_OFF, run.stop(), console);
        assertTrue(console.contains("(d1) vtimer_spin: GICC_IAR 0000001b"), console);
        assertEquals(List.of(), problems);
        int fired = path.indexOf(path.stream().filter(p -> p.startsWith("fired")).findFirst().orElseThrow(
                () -> new AssertionError("the virtual timer never fired: " + path)));
        String cpu = path.get(fired).substring("fired ".length());
        assertEquals(List.of("fired " + cpu, "PENDING " + cpu, "ACKNOWLEDGED " + cpu, "LR " + cpu,
                "VIRTUAL_ACKNOWLEDGED " + cpu, "VIRTUAL_END_OF_INTERRUPT " + cpu), path.subList(fired, fired + 6), path.toString());
    }

    @Test
    void listeningChangesNothing() throws Exception {
        Run quiet = boot(m -> { });
        int[] heard = new int[1];
        Run listened = boot(m -> {
            m.gic().setListener(new GicListener() {
                @Override
                public void event(GicEvent kind, int cpu, int id, int value) {
                    heard[0]++;
                    m.gic().inspect();
                }

                @Override
                public void listRegisterWritten(int cpu, int index, int oldValue, int newValue) {
                    heard[0]++;
                    m.gic().inspect();
                }
            });
            for (int i = 0; i < m.cpus().size(); i++) {
                m.cpus().get(i).timer.setListener(i, (cpu, kind, cval) -> heard[0]++);
            }
        });
        assertTrue(heard[0] > 0);
        assertEquals(quiet.stop(), listened.stop());
        assertEquals(quiet.retired(), listened.retired(), "the same instructions retired");
        assertArrayEquals(quiet.console(), listened.console(), "the same console");
    }
}
