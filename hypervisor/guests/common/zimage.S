/* zimage.S: the head of every guest kernel. A zImage header (arch/arm/boot/compressed/head.S
 * layout: magic 0x016F2818 at 0x24, start and end at 0x28 and 0x2C), so Xen and HypLab's
 * hypervisor load it at 'start', 0x40008000 (XEN-ABI.md §6), then a stack and C. The guest
 * is entered in SVC mode with r0 = 0, r1 = 0xFFFFFFFF, r2 = its device tree. */

    .section .text.head, "ax"
    .global _start
_start:
    .rept 8
    mov     r0, r0                  @ 0x00-0x1C: the eight NOPs a zImage starts with
    .endr
    b       entry                   @ 0x20
    .word   0x016f2818              @ 0x24: zImage magic
    .word   _start                  @ 0x28: load and entry address
    .word   __image_end             @ 0x2C: end of the image
entry:
    ldr     sp, =__stack_top
    ldr     r4, =__bss_start        @ clear .bss
    ldr     r5, =__bss_end
    mov     r6, #0
1:  cmp     r4, r5
    strlo   r6, [r4], #4
    blo     1b
    mov     r0, r2                  @ main(device tree)
    bl      main
2:  wfi
    b       2b
