package org.hyplab.cpu.a32;

import org.hyplab.cpu.Cpu;
import org.hyplab.cpu.ExceptionEntry;
import org.hyplab.cpu.Insn;
import org.hyplab.cpu.Mode;

/**
 * HVC #imm16 (ARM ARM B9.3.4): a Hypervisor Call exception, taken to Hyp mode with HSR.EC 0x12
 * and the immediate in the ISS. UNDEFINED in User mode.
 */
public final class HypervisorCall extends Insn {

    private final int imm16;

    public HypervisorCall(int word) {
        super(word);
        this.imm16 = ((word >>> 4) & 0xFFF0) | (word & 0xF);
    }

    @Override
    public void execute(Cpu cpu) {
        if (cpu.mode() == Mode.USR) {
            ExceptionEntry.undefined(cpu, cpu.pc);
        } else {
            ExceptionEntry.hypervisorCall(cpu, imm16);
        }
    }
}
