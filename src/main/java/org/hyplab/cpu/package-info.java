/**
 * The ARMv7-A processor core (Cortex-A15), A32 instruction set.
 *
 * <p>Start reading at {@link org.hyplab.cpu.Cpu}: the architectural state (registers, banked
 * copies, CPSR/SPSR) and the fetch-decode-execute loop. A 32-bit instruction word is decoded
 * once by {@link org.hyplab.cpu.A32Decoder} into an immutable {@link org.hyplab.cpu.Insn}
 * (one class per instruction form, in {@code org.hyplab.cpu.a32}); the
 * {@link org.hyplab.cpu.DecodeCache} keeps the decoded forms per physical page and forgets
 * them when the page is written. Exceptions are entered by
 * {@link org.hyplab.cpu.ExceptionEntry}, as ARM ARM B1.8 and B1.9 describe.
 *
 * <p>This package never imports the UI, the lessons or the server: events leave it through
 * listener interfaces.
 */
package org.hyplab.cpu;
