/* boot.S: where the boot loader enters the hypervisor, as it would a Linux zImage (r0 = 0,
 * r1 = machine type, r2 = device tree; Hyp mode, MMU and caches off). The image is linked at
 * address 0 and loaded wherever the board's RAM is (0x80010000 on the Versatile Express,
 * 0x40010000 on the Arndale), so the first thing it does is relocate itself: add the load
 * address to every absolute address the linker listed in .rel.dyn. Then a stack, a clean
 * .bss, and C. */

#define STACK_SIZE      8192
#define R_ARM_RELATIVE  23

/* Loads the run-time address of 'sym' from a literal 'lit' holding sym - lit: a distance, so
 * neither it nor the code needs relocating. */
.macro address_of reg, lit, tmp
    adr     \reg, \lit
    ldr     \tmp, \lit
    add     \reg, \reg, \tmp
.endm

    .section .text.boot, "ax"
    .global _start
_start:
    mov     r10, r2                 @ keep the device tree's address for start_hypervisor()
    adr     r4, _start              @ where we run; linked at 0, so this is the load offset

    /* Relocate (ELF for the ARM Architecture, R_ARM_RELATIVE: the word at r_offset holds an
     * address relative to the load address). Only this kind is left in a -pie link. */
    address_of r5, rel_start, r0
    address_of r6, rel_end, r0
1:  cmp     r5, r6
    bhs     2f
    ldmia   r5!, {r7, r8}           @ r_offset, r_info
    and     r8, r8, #0xff
    cmp     r8, #R_ARM_RELATIVE
    bne     1b
    ldr     r9, [r7, r4]
    add     r9, r9, r4
    str     r9, [r7, r4]
    b       1b
2:  dsb                             @ the relocated words are in memory before we use them

    address_of r0, stacks, r1       @ CPU0's stack: the top of the first STACK_SIZE block
    add     sp, r0, #STACK_SIZE

    address_of r0, bss_start, r2    @ clear .bss (C expects its zero-initialised data zero)
    address_of r1, bss_end, r2
    mov     r2, #0
3:  cmp     r0, r1
    strlo   r2, [r0], #4
    blo     3b

    mov     r0, r10                 @ start_hypervisor(device tree, load address)
    mov     r1, r4
    bl      start_hypervisor
4:  wfi                             @ start_hypervisor() does not return
    b       4b

/* A secondary CPU arrives here when the primary releases it (smp.c): its own stack by its
 * MPIDR.Aff0, then C. The image is already relocated. */
    .global secondary_entry
secondary_entry:
    mrc     p15, 0, r0, c0, c0, 5   @ MPIDR
    and     r0, r0, #0xff           @ Aff0: the CPU number
    address_of r1, stacks, r2
    add     r1, r1, r0, lsl #13     @ + cpu * STACK_SIZE
    add     sp, r1, #STACK_SIZE
    bl      start_secondary         @ start_secondary(cpu), does not return
5:  wfi
    b       5b

/* Distances from each literal to what it names (see address_of). */
rel_start:  .word __rel_start - rel_start
rel_end:    .word __rel_end - rel_end
bss_start:  .word __bss_start - bss_start
bss_end:    .word __bss_end - bss_end
stacks:     .word hyp_stacks - stacks

    .bss
    .balign 8
    .global hyp_stacks
hyp_stacks:
    .space  STACK_SIZE * 4          @ one stack per CPU (a Cortex-A15 cluster has up to four)
