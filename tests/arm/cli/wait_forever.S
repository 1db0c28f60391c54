/* wait_forever: prints one line, then waits for an interrupt that nothing will raise.
 * ./hyplab run must notice and stop with exit code 4 (RunCommandTest). */
    .text
    .global main
main:
    ldr     r0, =message
    bl      puts
1:  wfi
    b       1b
    .section .rodata
message:
    .asciz  "waiting\n"
