/**
 * The A32 disassembler: words of the Cortex-A15's ARM-state instruction set to text, as GNU
 * objdump prints them. Start reading at {@link org.hyplab.disasm.A32Disassembler}; each
 * instruction group is one table-driven file (the notation of its rows is in {@code Rule}),
 * and each table cites its section of the ARM Architecture Reference Manual, ARMv7-A and
 * ARMv7-R edition (ARM DDI 0406C, "ARM ARM").
 */
package org.hyplab.disasm;
