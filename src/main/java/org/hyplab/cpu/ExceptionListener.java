package org.hyplab.cpu;

/**
 * Told of every exception a CPU takes, the moment it is taken: the new mode, vector and
 * registers are set, the handler's first instruction has not run. The machine's observers (the
 * trace recorder, the Lab) listen here; with nobody listening the cost is one null check per
 * exception, none per instruction.
 */
@FunctionalInterface
public interface ExceptionListener {

    /**
     * @param cpu           the CPU, in the exception's mode now
     * @param from          the mode it was in
     * @param to            the mode it entered
     * @param vector        the vector's offset in the table (ARM ARM B1.8.1; 0x14 is the Hyp trap)
     * @param returnAddress where the exception returns to (LR or ELR_hyp)
     * @param syndrome      HSR for an exception taken to Hyp mode other than IRQ and FIQ; else 0
     */
    void taken(Cpu cpu, Mode from, Mode to, int vector, int returnAddress, int syndrome);

    /**
     * An exception return (ERET, SUBS PC, LR, RFE) has restored the CPSR; the next instruction
     * is the one at {@code address}, in mode {@code to}.
     */
    default void returned(Cpu cpu, Mode from, Mode to, int address) {
    }
}
