/* Entry point of a bare-metal program: park secondary CPUs, give CPU0 a stack,
 * clear .bss and call main(). Works in whatever mode the loader left us in
 * (Hyp with QEMU's secure=off, SVC otherwise): nothing here is mode-specific. */

    .section .text.boot, "ax"
    .global _start
_start:
    /* MPIDR.Aff0 is the CPU number within the cluster (ARM ARM B4.1.106). */
    mrc     p15, 0, r0, c0, c0, 5
    ands    r0, r0, #0xff
    bne     park

    ldr     sp, =__stack_top

    ldr     r0, =__bss_start
    ldr     r1, =__bss_end
    mov     r2, #0
1:  cmp     r0, r1
    strlo   r2, [r0], #4
    blo     1b

    bl      main

park:
    wfi
    b       park
