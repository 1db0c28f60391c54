package org.hyplab.cpu.a32;

import org.hyplab.cpu.Cpu;
import org.hyplab.cpu.ExceptionEntry;
import org.hyplab.cpu.Insn;
import org.hyplab.cpu.Mode;
import org.hyplab.cpu.SystemRegisters;

/**
 * Instructions with no architectural effect on a single emulated core beyond what is noted:
 * NOP, YIELD, DBG, the barriers DMB/DSB/ISB, the preloads PLD/PLDW/PLI (ARM ARM A5.2.11,
 * A5.7.1), CLREX, and the wait instructions:
 * <ul>
 * <li>WFI: the CPU waits until an interrupt is pending (B1.8.13);</li>
 * <li>WFE: clears the Event Register if it is set, else waits like WFI until an interrupt or an
 *     event (B1.8.12); SEV sets the Event Register (on every CPU of the machine once there are
 *     several).</li>
 * </ul>
 * With HCR.TWI/TWE a WFI/WFE in a Non-secure PL0/PL1 mode that would make the CPU wait is trapped
 * to Hyp mode instead (HSR.EC 0x01, TI = 1 for WFE; ARM ARM B1.14.9). QEMU 7.2 never traps WFE
 * (it treats WFE as a yield); HypLab follows the manual.
 */
public final class Hint extends Insn {

    public enum Kind { NOP, WFI, WFE, SEV, CLREX }

    private final Kind kind;

    public Hint(int word, Kind kind) {
        super(word);
        this.kind = kind;
    }

    @Override
    public void execute(Cpu cpu) {
        switch (kind) {
            case WFI -> {
                if (cpu.interruptPending()) {
                    return;   // would not wait: completes at once, and is not trapped
                }
                if (trapped(cpu, SystemRegisters.HCR_TWI)) {
                    ExceptionEntry.hypTrap(cpu, ExceptionEntry.EC_WFI_WFE, 0, cond);
                    return;
                }
                cpu.waitingForInterrupt = true;
                cpu.leaveRun = true;
            }
            case WFE -> {
                if (cpu.eventRegister) {
                    cpu.eventRegister = false;
                    return;
                }
                if (cpu.interruptPending()) {
                    return;
                }
                if (trapped(cpu, SystemRegisters.HCR_TWE)) {
                    ExceptionEntry.hypTrap(cpu, ExceptionEntry.EC_WFI_WFE, 1, cond);
                    return;
                }
                cpu.waitingForInterrupt = true;
                cpu.waitingForEvent = true;
                cpu.leaveRun = true;
            }
            case SEV -> cpu.sendEvent();
            case CLREX -> cpu.exclusiveOpen = true;
            default -> { }
        }
    }

    private static boolean trapped(Cpu cpu, int hcrBit) {
        return cpu.mode() != Mode.HYP && (cpu.sys.hcr & hcrBit) != 0;
    }
}
