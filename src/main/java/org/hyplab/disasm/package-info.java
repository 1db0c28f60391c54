/**
 * The A32 disassembler: words of the Cortex-A15's ARM-state instruction set to text, as GNU
 * objdump prints them. Start reading at {@link org.hyplab.disasm.A32Disassembler}; each
 * instruction group is one table-driven file (the notation of its rows is in {@code Rule}),
 * and each table cites its section of the ARM Architecture Reference Manual, ARMv7-A and
 * ARMv7-R edition (ARM DDI 0406C, "ARM ARM"). The {@code Armv8*} files hold the instructions
 * of later architectures that objdump still decodes for ARMv7 (ARMv8 ARM, ARM DDI 0487); they
 * print with a note that the Cortex-A15 does not have them.
 */
package org.hyplab.disasm;
