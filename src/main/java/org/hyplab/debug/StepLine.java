package org.hyplab.debug;

import java.util.Optional;

import org.hyplab.cpu.Cpu;
import org.hyplab.cpu.Mode;
import org.hyplab.elf.SourceLine;

/**
 * Run one CPU to the start of the next source line: "step" (into calls, and into the hypervisor
 * when the guest traps) or "next" (over calls, traps and the guest's own exceptions, which run
 * to their return as if they were one instruction).
 *
 * <p>A line starts where the line table has a statement row beginning (DWARF 5 §6.2.2,
 * is_stmt): the CPU stops at the first such PC whose file and line differ from where it
 * started, or that lies in another space. Code without line information (a library, a stub)
 * is stepped through.
 */
public final class StepLine implements Goal {

    private final int cpu;
    private final boolean over;
    private Space startSpace;
    private Mode startMode;
    private SourceLine startLine;
    private boolean first = true;
    /** Stepping over a call: where it returns to (-1: not inside one), and the SP it returns with. */
    private long returnTo = -1;
    private int returnSp;

    public StepLine(int cpu, boolean over) {
        this.cpu = cpu;
        this.over = over;
    }

    @Override
    public void begin(Debugger d) {
        Cpu c = d.machine().cpus().get(cpu);
        startSpace = Space.of(c);
        startMode = c.mode();
        startLine = line(d, startSpace, c.pc).orElse(null);
    }

    @Override
    public boolean perInstruction() {
        return true;
    }

    @Override
    public StopReason before(Debugger d, Cpu c) {
        if (c.index != cpu) {
            return null;
        }
        if (first) {
            first = false;
            noteCall(c);
            return null;
        }
        Space space = Space.of(c);
        if (over) {
            if (returnTo >= 0) {
                if (c.pc != (int) returnTo || !space.equals(startSpace) || Integer.compareUnsigned(c.r[13], returnSp) < 0) {
                    return null;
                }
                returnTo = -1;
            }
            if (!space.equals(startSpace) || c.mode() != startMode) {
                return null;   // a trap or exception the guest takes: "next" runs it to its return
            }
        }
        Optional<SourceLine> line = line(d, space, c.pc);
        if (line.isPresent() && line.get().isStmt() && line.get().address() == Integer.toUnsignedLong(c.pc)
                && (!space.equals(startSpace) || !sameLine(line.get(), startLine))) {
            SourceLine l = line.get();
            return new StopReason(StopReason.Kind.STEPPED, cpu, String.format("CPU%d at %s:%d (%s)", cpu,
                    l.file().replaceAll(".*/", ""), l.line(), space.label()), null);
        }
        noteCall(c);
        return null;
    }

    /** For "next": the instruction about to run is a call; run until it returns. */
    private void noteCall(Cpu c) {
        if (over && returnTo < 0) {
            Peek.word(c, c.pc).ifPresent(insn -> {
                if (Peek.isCall(insn) && c.conditionPassed(insn >>> 28 == 0xF ? Cpu.COND_ALWAYS : insn >>> 28)) {
                    returnTo = Integer.toUnsignedLong(c.pc + 4);
                    returnSp = c.r[13];
                }
            });
        }
    }

    private static Optional<SourceLine> line(Debugger d, Space space, int pc) {
        return d.images().image(space).flatMap(i -> i.line(Integer.toUnsignedLong(pc)));
    }

    private static boolean sameLine(SourceLine a, SourceLine b) {
        return b != null && a.line() == b.line() && a.file().equals(b.file());
    }

    @Override
    public String describe() {
        return (over ? "next line (over calls)" : "step one line") + " on CPU" + cpu;
    }
}
