/* start.S: entry in Hyp mode on every CPU (QEMU -M vexpress-a15,secure=off and ./hyplab run
 * both start an ELF there). CPU0 clears .bss and runs main(), and powers off when it returns.
 * Another CPU runs secondary_main() on its own stack if the program defines one (a weak
 * symbol: zero when it does not), else it parks in WFI for good. */

    .section .text.boot, "ax"
    .global _start
_start:
    ldr     r3, =boot_regs              @ keep r0-r2 as the loader set them (Linux boot protocol:
    stm     r3, {r0-r2}                 @ 0, machine type, device tree; an ELF gets zeros)
    mrc     p15, 0, r0, c0, c0, 5       @ MPIDR: park every CPU but CPU0
    ands    r0, r0, #0xff
    bne     park
    ldr     sp, =__stack_hyp
    ldr     r0, =__bss_start
    ldr     r1, =__bss_end
    mov     r2, #0
1:  cmp     r0, r1
    strlo   r2, [r0], #4
    blo     1b
    bl      main
    bl      power_off
park:
    ldr     r1, =secondary_main
    cmp     r1, #0
    beq     1f
    ldr     sp, =__stack_hyp_secondary  @ one stack for all secondaries: programs use one
    blx     r1
1:  wfi
    b       1b
    .weak   secondary_main

    .data
    .global boot_regs
    .balign 4
boot_regs:                              @ in .data, so clearing .bss keeps it
    .word   0, 0, 0

/* drop_to_svc: give each PL1 mode a stack through the banked MSR forms, then ERET from Hyp to
 * SVC mode (A, I, F masked) at the caller's return address with the caller's stack pointer. */
    .text
    .global drop_to_svc
drop_to_svc:
    ldr     r0, =__stack_abt
    msr     sp_abt, r0
    ldr     r0, =__stack_und
    msr     sp_und, r0
    ldr     r0, =__stack_irq
    msr     sp_irq, r0
    ldr     r0, =__stack_usr
    msr     sp_usr, r0
    msr     sp_svc, sp                  @ SVC continues on the caller's stack
    mov     r0, #0x1d3                  @ SVC mode, A I F masked
    msr     spsr_cxsf, r0
    msr     elr_hyp, lr
    eret
