/* refuse.h: the body of the refuse_*.c guests. Each runs one access to the vpl011 that the
 * hypervisor must not emulate (hypervisor/decode.c refuses it), so its domain dies with the
 * reason printed while the other domains go on. The instruction is copied to a fixed guest
 * address, RUN_AT, and run there, so the hypervisor's message names a known PC.
 *
 * A guest file defines WHAT (the A32 instruction, as text) and BASE (r0 when it runs), then
 * includes this file. (A Thumb case would need HypLab to run Thumb code, which it cannot yet.) */
#include "xen.h"

#define RUN_AT      0x40100000u

/* The instruction, assembled here, then a branch to itself that is never reached. */
__asm__(".pushsection .rodata\n .balign 4\n"
        "refused_insn:\n " WHAT "\n b .\n"
        ".popsection");
extern const uint8_t refused_insn[];

static void say(const char *s)
{
    uint32_t n = 0;
    while (s[n])
        n++;
    console_write(s, n);
}

int main(const void *dtb)
{
    (void)dtb;
    volatile uint8_t *code = (volatile uint8_t *)RUN_AT;
    for (int i = 0; i < 8; i++)
        code[i] = refused_insn[i];
    /* The new instruction must be what the CPU fetches: no stale instruction cache line. */
    __asm__ volatile("dsb\n mcr p15, 0, %0, c7, c5, 0\n dsb\n isb" :: "r"(0) : "memory");  /* ICIALLU */
    say(WHAT " at 40100000: the hypervisor must refuse it\n");
    register uint32_t r0 __asm__("r0") = BASE;
    __asm__ volatile("blx %1" : "+r"(r0) : "r"(RUN_AT)
                     : "r1", "r2", "r3", "r12", "lr", "memory", "cc");
    say("not refused!\n");                  /* unreachable if the hypervisor refuses */
    return 0;
}
