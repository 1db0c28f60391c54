package org.hyplab.debug;

import java.util.Optional;

import org.hyplab.cpu.Cpu;
import org.hyplab.cpu.Mode;
import org.hyplab.elf.SymbolTable;

/**
 * Run one CPU until the function it is in returns: it is back in the same space and mode, out
 * of the function, not at the start of another (that would be a call or a tail call), and its
 * stack pointer is no lower than when it started (so a recursive call's return does not count).
 */
public final class StepOut implements Goal {

    private final int cpu;
    private Space space;
    private Mode mode;
    private SymbolTable.Symbol function;
    private int sp;
    private Image image;
    private boolean first = true;

    public StepOut(int cpu) {
        this.cpu = cpu;
    }

    @Override
    public void begin(Debugger d) {
        Cpu c = d.machine().cpus().get(cpu);
        space = Space.of(c);
        mode = c.mode();
        sp = c.r[13];
        image = d.images().image(space).orElse(null);
        function = image == null ? null : image.symbol(Integer.toUnsignedLong(c.pc)).orElse(null);
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
        if (function == null) {
            return new StopReason(StopReason.Kind.STEPPED, cpu,
                    String.format("CPU%d at %08x is in no known function: nothing to step out of", cpu, c.pc), null);
        }
        if (first) {
            first = false;
            return null;
        }
        if (c.mode() != mode || !Space.of(c).equals(space) || Integer.compareUnsigned(c.r[13], sp) < 0) {
            return null;
        }
        long pc = Integer.toUnsignedLong(c.pc);
        Optional<SymbolTable.Symbol> now = image.symbol(pc);
        if (now.isPresent() && (now.get().equals(function) || now.get().address() == pc)) {
            return null;
        }
        return new StopReason(StopReason.Kind.STEPPED, cpu, String.format("CPU%d returned from %s to %s", cpu,
                function.name(), image.function(pc).orElse(String.format("%08x", pc))), null);
    }

    @Override
    public String describe() {
        return "step out of the function on CPU" + cpu;
    }
}
