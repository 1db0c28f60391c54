/* entry.S: the Hyp vector table (ARM ARM B1.8.1, HVBAR): every exception taken to Hyp mode
 * arrives here. A guest's traps (HVC, stage-2 faults, trapped instructions) come through the
 * Hyp Trap vector at 0x14, and physical interrupts that arrive while a guest runs (HCR.IMO)
 * through the IRQ vector at 0x18. Either way the guest's registers are saved as a struct
 * cpu_regs (regs.h), C handles the event, and ERET resumes the guest whose registers are in
 * the frame then: the scheduler may have put another vCPU's there. Every other vector means
 * something went wrong in the hypervisor itself, and trap.c reports it. */

    .text
    .balign 32                      @ HVBAR ignores bits [4:0]
    .global hyp_vectors
hyp_vectors:
    b       .                       @ 0x00: reset, not used in Hyp mode
    b       trap_undefined          @ 0x04: undefined instruction
    b       trap_hvc                @ 0x08: HVC from Hyp mode (SVC in Hyp is unpredictable)
    b       trap_prefetch_abort     @ 0x0c
    b       trap_data_abort         @ 0x10
    b       guest_trap_entry        @ 0x14: a trap from a guest (HSR says which)
    b       irq_entry               @ 0x18: a physical interrupt while a guest ran
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
    trap fiq, 0x1c

/* Saves the guest's registers on this CPU's stack as a struct cpu_regs. Hyp mode has its own
 * SP but shares LR with User mode, so r0-r12 and LR are exactly the guest's. */
.macro save_guest
    sub     sp, sp, #8              @ room for pc and cpsr
    push    {r0-r12, lr}
    mrs     r0, elr_hyp
    str     r0, [sp, #56]           @ regs->pc
    mrs     r0, spsr
    str     r0, [sp, #60]           @ regs->cpsr
    mov     r0, sp
.endm

guest_trap_entry:
    save_guest
    bl      guest_trap              @ guest_trap(regs), then back to the guest:
    mov     r0, sp
    b       return_to_guest

/* IRQs are masked in Hyp mode, so an IRQ taken here came from a guest. ELR_hyp is already the
 * instruction to resume at (B1.8.3: no offset for exceptions taken to Hyp mode). */
irq_entry:
    save_guest
    bl      guest_irq               @ guest_irq(regs), then back to the guest:
    mov     r0, sp

/* return_to_guest(regs): load the registers and ERET (B9.3.3) to regs->pc in regs->cpsr's
 * mode. The frame becomes the top of the stack again at the guest's next trap. */
    .global return_to_guest
return_to_guest:
    mov     sp, r0
    ldr     r0, [sp, #56]
    msr     elr_hyp, r0
    ldr     r0, [sp, #60]
    msr     spsr_cxsf, r0
    pop     {r0-r12, lr}
    add     sp, sp, #8
    eret
