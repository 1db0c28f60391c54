package org.hyplab.cpu.a32;

import org.hyplab.cpu.AlignmentFault;
import org.hyplab.cpu.Cpu;
import org.hyplab.cpu.ExceptionEntry;
import org.hyplab.cpu.ExceptionReturn;
import org.hyplab.cpu.Insn;
import org.hyplab.cpu.Mode;

/**
 * LDM and STM in all four addressing modes (ARM ARM A5.5, A8.8.58-A8.8.62, A8.8.199-A8.8.202),
 * the User-register forms {@code LDM/STM ..^} and the exception-return form
 * {@code LDM ..., {..., pc}^} (B9.3.5-B9.3.7).
 */
public final class BlockTransfer extends Insn {

    private final int rn, registers, count;
    private final boolean load, increment, before, writeback, userOrReturn;

    public BlockTransfer(int word) {
        super(word);
        before = (word & (1 << 24)) != 0;
        increment = (word & (1 << 23)) != 0;
        userOrReturn = (word & (1 << 22)) != 0;
        writeback = (word & (1 << 21)) != 0;
        load = (word & (1 << 20)) != 0;
        rn = (word >>> 16) & 0xF;
        registers = word & 0xFFFF;
        count = Integer.bitCount(registers);
    }

    @Override
    public void execute(Cpu cpu) {
        int base = cpu.r[rn];
        // Lowest address first whatever the mode: IA Rn, IB Rn+4, DA Rn-4n+4, DB Rn-4n.
        int start = increment ? (before ? base + 4 : base) : (before ? base - 4 * count : base - 4 * count + 4);
        int newBase = increment ? base + 4 * count : base - 4 * count;
        if ((start & 3) != 0) {
            throw new AlignmentFault(start, !load);   // LDM/STM always need word alignment
        }
        boolean exceptionReturn = userOrReturn && load && (registers & 0x8000) != 0;
        boolean userBank = userOrReturn && !exceptionReturn;
        Mode mode = cpu.mode();
        if (userOrReturn && (mode == Mode.USR || mode == Mode.SYS || mode == Mode.HYP)) {
            // ^ in User/System is UNPREDICTABLE and in Hyp mode UNDEFINED (ARM ARM B9.3.6);
            // like QEMU this core takes the Undefined Instruction exception for all three.
            ExceptionEntry.undefined(cpu, cpu.pc);
            return;
        }
        if (load) {
            loadRegisters(cpu, start, newBase, userBank, exceptionReturn);
        } else {
            int address = start;
            for (int i = 0; i < 16; i++) {
                if ((registers & (1 << i)) != 0) {
                    // Rn in the list stores its original value: write-back happens afterwards.
                    int value = userBank ? cpu.bankedRegister(Mode.USR, i) : cpu.r[i];
                    cpu.write32(address, value);
                    address += 4;
                }
            }
            if (writeback) {
                cpu.r[rn] = newBase;
            }
        }
    }

    private void loadRegisters(Cpu cpu, int start, int newBase, boolean userBank, boolean exceptionReturn) {
        // Read everything first: an abort part-way leaves the registers as they were.
        int[] values = cpu.transferScratch;
        int address = start;
        for (int i = 0; i < 16; i++) {
            if ((registers & (1 << i)) != 0) {
                values[i] = cpu.read32(address);
                address += 4;
            }
        }
        if (writeback) {
            cpu.r[rn] = newBase;   // Rn in the list is UNPREDICTABLE: the loaded value wins, as QEMU
        }
        for (int i = 0; i < 15; i++) {
            if ((registers & (1 << i)) != 0) {
                if (userBank) {
                    cpu.setBankedRegister(Mode.USR, i, values[i]);
                } else {
                    cpu.r[i] = values[i];
                }
            }
        }
        if ((registers & 0x8000) != 0) {
            if (exceptionReturn) {
                ExceptionReturn.restore(cpu, cpu.spsr(), values[15]);
            } else {
                cpu.writeRegister(15, values[15]);
            }
        }
    }
}
