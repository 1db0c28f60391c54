package org.hyplab.cpu.a32;

import org.hyplab.cpu.Cpu;
import org.hyplab.cpu.ExceptionEntry;
import org.hyplab.cpu.Insn;
import org.hyplab.cpu.Mode;
import org.hyplab.cpu.Psr;

/**
 * MRS and MSR for the CPSR/APSR and the SPSR, with a register or an immediate (ARM ARM
 * A8.8.109-A8.8.112, B9.3.8-B9.3.12). The banked-register forms are {@link BankedRegister}.
 */
public final class StatusRegister extends Insn {

    private final boolean read, spsr, immediate;
    private final int rd, rn, mask, imm32;

    public StatusRegister(int word, boolean read) {
        super(word);
        this.read = read;
        this.spsr = (word & (1 << 22)) != 0;
        this.immediate = (word & (1 << 25)) != 0;
        this.rd = (word >>> 12) & 0xF;
        this.rn = word & 0xF;
        this.mask = (word >>> 16) & 0xF;
        this.imm32 = Integer.rotateRight(word & 0xFF, ((word >>> 8) & 0xF) * 2);
    }

    @Override
    public void execute(Cpu cpu) {
        Mode mode = cpu.mode();
        if (read) {
            if (spsr) {
                if (!mode.hasSpsr()) {
                    ExceptionEntry.undefined(cpu, cpu.pc);   // UNPREDICTABLE in User/System: UNDEF as QEMU
                    return;
                }
                cpu.r[rd] = cpu.spsr();
            } else {
                // The execution state bits IT, J and T read as zero (ARM ARM B9.3.8). In User mode
                // only the APSR bits are defined; the rest read as the CPSR, as on QEMU.
                cpu.r[rd] = cpu.cpsr() & ~(Psr.IT_MASK | Psr.J | Psr.T);
            }
            return;
        }
        int value = immediate ? imm32 : cpu.r[rn];
        if (spsr) {
            if (!mode.hasSpsr()) {
                ExceptionEntry.undefined(cpu, cpu.pc);
                return;
            }
            cpu.setSpsr(mergeSpsr(cpu.spsr(), value, mask));
        } else {
            writeCpsr(cpu, value, mask);
        }
    }

    /** SPSRWriteByInstr (ARM ARM B1.3.3): every byte the mask names, with no privilege checks. */
    static int mergeSpsr(int old, int value, int mask) {
        int bytes = byteMask(mask);
        return (old & ~bytes) | (value & bytes);
    }

    /**
     * CPSRWriteByInstr (ARM ARM B1.3.3) for MSR: the flags byte is N Z C V Q (IT and J are not
     * writable); GE always; E always; A, I, F and M only when privileged; T never. Changing to
     * or from Hyp mode, or to a reserved mode, is UNPREDICTABLE: the mode is left as it is.
     */
    static void writeCpsr(Cpu cpu, int value, int mask) {
        boolean privileged = cpu.mode() != Mode.USR;
        int writable = 0;
        if ((mask & 8) != 0) {
            writable |= 0xF800_0000;
        }
        if ((mask & 4) != 0) {
            writable |= Psr.GE_MASK;
        }
        if ((mask & 2) != 0) {
            writable |= Psr.E | (privileged ? Psr.A : 0);
        }
        if ((mask & 1) != 0 && privileged) {
            writable |= Psr.I | Psr.F;
            Mode target = Mode.fromBits(value);
            boolean bad = target == null || target == Mode.MON
                    || (target == Mode.HYP) != (cpu.mode() == Mode.HYP);
            if (!bad) {
                writable |= Psr.M_MASK;
            }
        }
        int old = cpu.cpsr();
        cpu.setCpsr((old & ~writable) | (value & writable));
    }

    private static int byteMask(int mask) {
        return ((mask & 8) != 0 ? 0xFF00_0000 : 0) | ((mask & 4) != 0 ? 0x00FF_0000 : 0)
                | ((mask & 2) != 0 ? 0x0000_FF00 : 0) | ((mask & 1) != 0 ? 0x0000_00FF : 0);
    }
}
