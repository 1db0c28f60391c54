package org.hyplab.cpu.a32;

import org.hyplab.cpu.Cpu;
import org.hyplab.cpu.Insn;
import org.hyplab.cpu.Shifter;

/**
 * Single loads and stores: word and byte (ARM ARM A5.3), halfword, signed and doubleword
 * (the "extra" forms, A5.2.8) and their unprivileged variants (LDRT and friends, A5.2.9), with
 * every addressing mode: offset, pre-indexed and post-indexed, immediate or (shifted)
 * register offset.
 */
public final class LoadStore extends Insn {

    /** What is moved. */
    public enum Kind { LDR, STR, LDRB, STRB, LDRH, STRH, LDRSB, LDRSH, LDRD, STRD }

    private final Kind kind;
    private final int rn, rt, rm, imm, shiftType, shiftAmount;
    private final boolean registerOffset, add, index, writeback;
    /** LDRT/STRT and friends: the access is checked as PL0's (ARM ARM A8.8.?, B3.7.1). */
    final boolean unprivileged;
    /** ISV, SAS, SSE, SRT for a stage 2 Data Abort (ARM ARM B3.13.6), or 0. */
    private final int abortIss;

    /**
     * @param registerOffset the offset is Rm (shifted for word/byte forms) rather than {@code imm}
     * @param index          P: apply the offset before the access (else after: post-indexed)
     * @param writeback      write the new address back to Rn (post-indexed always does)
     */
    public LoadStore(int word, Kind kind, int imm, boolean registerOffset, boolean unprivileged) {
        super(word);
        this.kind = kind;
        this.rn = (word >>> 16) & 0xF;
        this.rt = (word >>> 12) & 0xF;
        this.rm = word & 0xF;
        this.imm = imm;
        this.registerOffset = registerOffset;
        this.add = (word & (1 << 23)) != 0;
        this.index = (word & (1 << 24)) != 0;
        this.writeback = !index || (word & (1 << 21)) != 0;
        this.unprivileged = unprivileged;
        boolean wordOrByte = (word & 0x0C00_0000) == 0x0400_0000;
        this.shiftType = wordOrByte ? (word >>> 5) & 3 : 0;
        this.shiftAmount = wordOrByte ? (word >>> 7) & 0x1F : 0;
        this.abortIss = syndrome(kind, rt, rn, writeback || unprivileged);
    }

    /**
     * The syndrome is valid only for a single load or store of one register without write-back
     * that does not use the PC as a source or destination register (ARM ARM B3.13.6; DDI 0487
     * G8 HSR words the PC rule explicitly; BOARDS.md §4.4): SAS = size (0 byte, 1 halfword,
     * 2 word), SSE = sign-extending load, SRT = Rt. LDRD/STRD, write-back and unprivileged forms,
     * Rt = PC and PC-relative (literal) forms give ISV = 0. QEMU 7.2 agrees for Rt = PC
     * (tests/arm/vmsa/stage2.c); literal loads are checked by a unit test only.
     */
    static int syndrome(Kind kind, int rt, int rn, boolean writeback) {
        if (writeback || kind == Kind.LDRD || kind == Kind.STRD || rt == 15 || rn == 15) {
            return 0;
        }
        int sas = switch (kind) {
            case LDRB, STRB, LDRSB -> 0;
            case LDRH, STRH, LDRSH -> 1;
            default -> 2;
        };
        boolean sse = kind == Kind.LDRSB || kind == Kind.LDRSH;
        return 1 << 24 | sas << 22 | (sse ? 1 << 21 : 0) | rt << 16;
    }

    @Override
    public int dataAbortSyndrome() {
        return abortIss;
    }

    @Override
    public void execute(Cpu cpu) {
        int base = rn == 15 ? cpu.r[15] & ~3 : cpu.r[rn];   // literal loads use Align(PC, 4)
        int offset = registerOffset
                ? Shifter.immediateNoCarry(cpu.r[rm], shiftType, shiftAmount, cpu.c)
                : imm;
        int offsetAddress = add ? base + offset : base - offset;
        int address = index ? offsetAddress : base;
        if (unprivileged) {
            cpu.beginUnprivileged();
            transfer(cpu, address, offsetAddress);
            cpu.endUnprivileged();
        } else {
            transfer(cpu, address, offsetAddress);
        }
    }

    private void transfer(Cpu cpu, int address, int offsetAddress) {
        switch (kind) {
            case LDR -> {
                cpu.checkAlignment(address, 4, false);
                int data = cpu.read32(address);
                writeBack(cpu, offsetAddress);
                cpu.writeRegister(rt, data);   // LoadWritePC: interworking branch
            }
            case LDRB -> {
                int data = cpu.read8(address);
                writeBack(cpu, offsetAddress);
                cpu.r[rt] = data;
            }
            case LDRH -> {
                cpu.checkAlignment(address, 2, false);
                int data = cpu.read16(address);
                writeBack(cpu, offsetAddress);
                cpu.r[rt] = data;
            }
            case LDRSB -> {
                int data = (byte) cpu.read8(address);
                writeBack(cpu, offsetAddress);
                cpu.r[rt] = data;
            }
            case LDRSH -> {
                cpu.checkAlignment(address, 2, false);
                int data = (short) cpu.read16(address);
                writeBack(cpu, offsetAddress);
                cpu.r[rt] = data;
            }
            case LDRD -> {
                cpu.requireAligned(address, 4, false);
                int low = cpu.read32(address);
                int high = cpu.read32(address + 4);
                writeBack(cpu, offsetAddress);
                cpu.r[rt] = low;
                cpu.writeRegister(rt + 1, high);   // Rt = R14 is UNPREDICTABLE: loads the PC
            }
            case STR -> {
                cpu.checkAlignment(address, 4, true);
                cpu.write32(address, cpu.r[rt]);   // STR PC stores the address + 8, as the A15
                writeBack(cpu, offsetAddress);
            }
            case STRB -> {
                cpu.write8(address, cpu.r[rt]);
                writeBack(cpu, offsetAddress);
            }
            case STRH -> {
                cpu.checkAlignment(address, 2, true);
                cpu.write16(address, cpu.r[rt]);
                writeBack(cpu, offsetAddress);
            }
            default -> {   // STRD
                cpu.requireAligned(address, 4, true);
                int low = cpu.r[rt];
                int high = cpu.r[rt + 1];
                cpu.write32(address, low);
                cpu.write32(address + 4, high);
                writeBack(cpu, offsetAddress);
            }
        }
    }

    private void writeBack(Cpu cpu, int offsetAddress) {
        if (writeback) {
            cpu.writeRegister(rn, offsetAddress);
        }
    }
}
