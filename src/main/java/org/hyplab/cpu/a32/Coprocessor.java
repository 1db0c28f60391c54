package org.hyplab.cpu.a32;

import org.hyplab.cpu.Cpu;
import org.hyplab.cpu.ExceptionEntry;
import org.hyplab.cpu.Insn;

/**
 * MRC and MCR to CP15, the system control coprocessor (ARM ARM A8.8.98, A8.8.107, B3.17).
 * Other coprocessors (CP14 debug, CP10/CP11 VFP) and the 64-bit MRRC/MCRR forms take the
 * Undefined Instruction exception until their issues land. {@code MRC} to R15 sets the flags
 * from bits 31:28 (APSR_nzcv form).
 */
public final class Coprocessor extends Insn {

    private final boolean read;
    private final int coproc, opc1, crn, rt, crm, opc2;

    public Coprocessor(int word) {
        super(word);
        read = (word & (1 << 20)) != 0;
        opc1 = (word >>> 21) & 7;
        crn = (word >>> 16) & 0xF;
        rt = (word >>> 12) & 0xF;
        coproc = (word >>> 8) & 0xF;
        opc2 = (word >>> 5) & 7;
        crm = word & 0xF;
    }

    @Override
    public void execute(Cpu cpu) {
        if (coproc != 15) {
            ExceptionEntry.undefined(cpu, cpu.pc);
            return;
        }
        if (read) {
            Integer value = cpu.sys.read(opc1, crn, crm, opc2);
            if (value == null) {
                ExceptionEntry.undefined(cpu, cpu.pc);
            } else if (rt == 15) {
                cpu.setFlags(value);
            } else {
                cpu.r[rt] = value;
            }
        } else if (!cpu.sys.write(opc1, crn, crm, opc2, cpu.r[rt])) {
            ExceptionEntry.undefined(cpu, cpu.pc);
        }
    }
}
