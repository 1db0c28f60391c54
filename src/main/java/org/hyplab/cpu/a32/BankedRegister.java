package org.hyplab.cpu.a32;

import org.hyplab.cpu.Cpu;
import org.hyplab.cpu.ExceptionEntry;
import org.hyplab.cpu.Insn;
import org.hyplab.cpu.Mode;

/**
 * MRS and MSR (banked register), from the Virtualization Extensions (ARM ARM B9.3.9, B9.3.10):
 * read or write another mode's R8-R14, SPSR or ELR_hyp without changing mode. The register is
 * named by R:m1:m (B9.2.3, Table B9-2).
 */
public final class BankedRegister extends Insn {

    /** One target of SYSm: a mode and a register number, or that mode's SPSR, or ELR_hyp. */
    private record Target(Mode mode, int reg) {
        static final int SPSR = -1, ELR_HYP = -2;
    }

    private final boolean read;
    private final int rd;
    private final Target target;

    public BankedRegister(int word, boolean read) {
        super(word);
        this.read = read;
        this.rd = read ? (word >>> 12) & 0xF : word & 0xF;
        int r = (word >>> 22) & 1;
        int sysm = ((word >>> 16) & 0xF) | ((word >>> 4) & 0x10);
        this.target = decode(r, sysm);
    }

    /** Table B9-2; {@code null} for the reserved encodings (UNPREDICTABLE: UNDEF here, as QEMU). */
    private static Target decode(int r, int sysm) {
        if (r == 0) {
            if (sysm <= 0x6) {
                return new Target(Mode.USR, 8 + sysm);
            }
            if (sysm >= 0x8 && sysm <= 0xE) {
                return new Target(Mode.FIQ, 8 + sysm - 8);
            }
            return switch (sysm) {
                case 0x10 -> new Target(Mode.IRQ, 14);
                case 0x11 -> new Target(Mode.IRQ, 13);
                case 0x12 -> new Target(Mode.SVC, 14);
                case 0x13 -> new Target(Mode.SVC, 13);
                case 0x14 -> new Target(Mode.ABT, 14);
                case 0x15 -> new Target(Mode.ABT, 13);
                case 0x16 -> new Target(Mode.UND, 14);
                case 0x17 -> new Target(Mode.UND, 13);
                case 0x1C -> new Target(Mode.MON, 14);
                case 0x1D -> new Target(Mode.MON, 13);
                case 0x1E -> new Target(Mode.HYP, Target.ELR_HYP);
                case 0x1F -> new Target(Mode.HYP, 13);
                default -> null;
            };
        }
        return switch (sysm) {
            case 0x0E -> new Target(Mode.FIQ, Target.SPSR);
            case 0x10 -> new Target(Mode.IRQ, Target.SPSR);
            case 0x12 -> new Target(Mode.SVC, Target.SPSR);
            case 0x14 -> new Target(Mode.ABT, Target.SPSR);
            case 0x16 -> new Target(Mode.UND, Target.SPSR);
            case 0x1C -> new Target(Mode.MON, Target.SPSR);
            case 0x1E -> new Target(Mode.HYP, Target.SPSR);
            default -> null;
        };
    }

    @Override
    public void execute(Cpu cpu) {
        Mode mode = cpu.mode();
        if (!allowed(mode)) {
            ExceptionEntry.undefined(cpu, cpu.pc);
            return;
        }
        if (read) {
            cpu.r[rd] = switch (target.reg()) {
                case Target.SPSR -> cpu.spsrOf(target.mode());
                case Target.ELR_HYP -> cpu.elrHyp;
                default -> cpu.bankedRegister(target.mode(), target.reg());
            };
        } else {
            int value = cpu.r[rd];
            switch (target.reg()) {
                case Target.SPSR -> cpu.setSpsrOf(target.mode(), value);
                case Target.ELR_HYP -> cpu.elrHyp = value;
                default -> cpu.setBankedRegister(target.mode(), target.reg(), value);
            }
        }
    }

    /**
     * Who may access what (ARM ARM B9.3.9): UNDEFINED in User mode; Monitor registers need the
     * Security Extensions (absent here); of Hyp's registers only ELR_hyp, and only from Hyp mode
     * (SP_hyp and SPSR_hyp are Monitor's to reach; QEMU 7.2 UNDEFs MSR SPSR_hyp in Hyp mode,
     * BOARDS.md §4.1). Naming a register of the current mode, including R8-R12 that the
     * current mode shares, is UNPREDICTABLE: this core takes the Undefined Instruction exception.
     */
    private boolean allowed(Mode mode) {
        if (target == null || mode == Mode.USR || target.mode() == Mode.MON) {
            return false;
        }
        if (target.mode() == Mode.HYP) {
            return mode == Mode.HYP && target.reg() == Target.ELR_HYP;
        }
        if (target.mode() == mode) {
            return false;
        }
        boolean sharedLowRegister = target.reg() >= 8 && target.reg() <= 12
                && (target.mode() == Mode.FIQ) == (mode == Mode.FIQ);
        return !sharedLowRegister;
    }
}
