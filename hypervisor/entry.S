/* entry.S: the Hyp vector table (ARM ARM B1.8.1, HVBAR): every exception taken to Hyp mode
 * arrives here. For now the hypervisor runs no guests, so any exception is a bug of its own:
 * save the registers and let trap.c report it. */

    .text
    .balign 32                      @ HVBAR ignores bits [4:0]
    .global hyp_vectors
hyp_vectors:
    b       .                       @ 0x00: reset, not used in Hyp mode
    b       trap_undefined          @ 0x04: undefined instruction
    b       trap_hvc                @ 0x08: HVC from Hyp mode (SVC in Hyp is unpredictable)
    b       trap_prefetch_abort     @ 0x0c
    b       trap_data_abort         @ 0x10
    b       trap_hyp_trap           @ 0x14: a trap from a guest (HSR says which)
    b       trap_irq                @ 0x18
    b       trap_fiq                @ 0x1c

.macro trap name, vector
trap_\name:
    push    {r0-r12, lr}
    mov     r0, #\vector
    mov     r1, sp                  @ the saved registers
    bl      hyp_trap                @ hyp_trap(vector, regs): reports and stops
    b       .
.endm

    trap undefined, 0x04
    trap hvc, 0x08
    trap prefetch_abort, 0x0c
    trap data_abort, 0x10
    trap hyp_trap, 0x14
    trap irq, 0x18
    trap fiq, 0x1c
