/**
 * The A32 instruction forms: one class per form, each an immutable {@link org.hyplab.cpu.Insn}
 * made by {@link org.hyplab.cpu.A32Decoder}. Their {@code execute} methods follow the
 * pseudocode of ARM ARM chapter A8 (and B9 for system instructions) for the form, with the
 * operand fields already extracted. Where the architecture leaves a case UNPREDICTABLE the
 * comment says what this core does and why (usually: what the Cortex-A15 under QEMU does).
 */
package org.hyplab.cpu.a32;
