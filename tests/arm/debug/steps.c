/* steps.c: a small program for the debugger's tests (tests/java/org/hyplab/debug/).
 *
 * Each function is a place to step into, over and out of; `counter` is a word to watch; the
 * HVC from SVC mode is a trap into Hyp mode, whose handler counts it and returns. The tests find
 * the lines by the MARK comments, so the program can change without the tests' numbers.
 */
#include "runtime.h"

volatile uint32_t counter;
volatile uint32_t traps;

uint32_t __attribute__((noinline)) square(uint32_t x)
{
    return x * x;                                   /* MARK square */
}

uint32_t __attribute__((noinline)) sum_of_squares(uint32_t n)
{
    uint32_t total = 0;
    for (uint32_t i = 1; i <= n; i++) {
        total += square(i);                         /* MARK sum call */
    }
    return total;
}

void __attribute__((noinline)) bump(void)
{
    counter = counter + 1;                          /* MARK bump */
}

/* The Hyp vector table (ARM ARM B1.8.1): only the trap entry (0x14, "Hyp trap") is used; its
 * handler counts the trap and returns to the instruction after the HVC (ELR_hyp). */
extern char hyp_vectors[];
__asm__(
    "    .align 5\n"
    "hyp_vectors:\n"
    "    b .\n    b .\n    b .\n    b .\n    b .\n"
    "    b hyp_trap\n"
    "    b .\n    b .\n"
    "hyp_trap:\n"
    "    ldr r1, =traps\n"
    "    ldr r2, [r1]\n"
    "    add r2, r2, #1\n"
    "    str r2, [r1]\n"
    "    eret\n"
    "    .ltorg\n");

int main(void)
{
    uint32_t sum = sum_of_squares(4);               /* MARK main call */
    put_line("sum", sum);                           /* MARK main print */
    bump();
    bump();
    __asm__ volatile("mcr p15, 4, %0, c12, c0, 0" : : "r"(hyp_vectors));   /* HVBAR */
    drop_to_svc();
    __asm__ volatile("hvc #0x42" : : : "r1", "r2", "memory");               /* MARK hvc */
    put_line("counter", counter);
    put_line("traps", traps);
    power_off();
}
