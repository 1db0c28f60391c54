package org.hyplab.cpu;

/**
 * One decoded A32 instruction: everything the executor needs, taken out of the instruction
 * word once. Instances are immutable and position-independent (PC-relative forms compute
 * their target when they run), so one instance serves every place the same word appears.
 *
 * <p>Subclasses are the instruction forms in {@code org.hyplab.cpu.a32}; the condition is
 * checked by the {@link Cpu} loop before {@link #execute} is called.
 */
public abstract class Insn {

    /** The condition code, bits 31:28; {@link Cpu#COND_ALWAYS} also for the unconditional space. */
    public final int cond;

    protected Insn(int word) {
        int c = word >>> 28;
        this.cond = c == 0xF ? Cpu.COND_ALWAYS : c;
    }

    /**
     * Runs the instruction. {@code cpu.r[15]} reads as the instruction's address + 8 and
     * {@code cpu.nextPc} is preset to address + 4; a branch changes {@code nextPc}.
     */
    public abstract void execute(Cpu cpu);

    /**
     * The instruction-specific part of the HSR syndrome of a stage 2 Data Abort (ARM ARM B3.13.6):
     * ISV, SAS, SSE and SRT, so a hypervisor can emulate the access without decoding the
     * instruction. 0 (ISV = 0) unless the instruction is a single load or store the syndrome
     * can describe.
     */
    public int dataAbortSyndrome() {
        return 0;
    }
}
