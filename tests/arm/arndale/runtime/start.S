/* start.S: entry in Hyp mode on both CPUs (./hyplab run --board arndale starts an ELF on every
 * CPU at its entry, as QEMU does). CPU0 clears .bss, runs main() and powers off when it
 * returns. CPU1 waits the way the Exynos boot ROM keeps a secondary CPU (BOARDS.md §3.6): with
 * its GIC CPU interface on, it sleeps in WFI, acknowledges what woke it, and jumps to the
 * address in sysram at 0x02020000 once that is non-zero. */

#define SYSRAM_BOOT_ADDR    0x02020000
#define GICC                0x10482000

    .section .text.boot, "ax"
    .global _start
_start:
    ldr     r3, =boot_regs              @ keep r0-r2 as the loader set them (Linux boot protocol:
    stm     r3, {r0-r2}                 @ 0, machine type, device tree; an ELF gets zeros)
    mrc     p15, 0, r0, c0, c0, 5       @ MPIDR: Aff0 is the CPU number (LNX-exysmp)
    ands    r0, r0, #0xff
    bne     secondary
    ldr     sp, =__stack_hyp
    ldr     r0, =__bss_start
    ldr     r1, =__bss_end
    mov     r2, #0
1:  cmp     r0, r1
    strlo   r2, [r0], #4
    blo     1b
    bl      main
    bl      power_off

secondary:
    ldr     sp, =__stack_hyp1
    .global sysram_wait
sysram_wait:
    ldr     r4, =GICC
    mov     r0, #0xf0
    str     r0, [r4, #0x04]             @ GICC_PMR: let every priority above 0xf0 through
    mov     r0, #1
    str     r0, [r4, #0x00]             @ GICC_CTLR: this CPU's interface on (banked)
    ldr     r5, =SYSRAM_BOOT_ADDR
2:  wfi
    ldr     r0, [r4, #0x0c]             @ GICC_IAR: what woke us (an SGI from CPU0)
    bic     r1, r0, #0x1c00             @ less the source CPU of an SGI
    ldr     r2, =1023
    cmp     r1, r2                      @ spurious: nothing to acknowledge
    beq     3f
    ldr     r2, =boot_iar
    str     r0, [r2]
    str     r0, [r4, #0x10]             @ GICC_EOIR
3:  ldr     r1, [r5]
    cmp     r1, #0
    beq     2b
    bx      r1

/* drop_to_svc: as tests/arm/common/start.S (not used by the Arndale programs yet). */
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
    msr     sp_svc, sp
    mov     r0, #0x1d3
    msr     spsr_cxsf, r0
    msr     elr_hyp, lr
    eret

    .data
    .global boot_regs
    .balign 4
boot_regs:                              @ in .data, so clearing .bss keeps it
    .word   0, 0, 0

    .bss
    .global boot_iar
    .align 2
boot_iar:                               @ the last IAR the wait loop acknowledged
    .space 4
