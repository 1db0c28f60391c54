/* self_modifying: code that rewrites itself. HypLab keeps decoded instructions per page, so a
 * store into a page that has run must drop the stale decode; QEMU must agree after each patch. */
#include "runtime.h"

/* A function whose first instruction is patched: "mov r0, #N" then "bx lr". */
__asm__(
"    .align 4\n"
"patchable:\n"
"    mov r0, #1\n"
"    bx lr\n"
);
extern uint32_t patchable[];
typedef uint32_t (*fn_t)(void);

static void sync_code(void *p)
{
    /* Clean D-cache to the point of unification, invalidate I-cache, barriers (ARM ARM B2.2.7). */
    __asm__ volatile("mcr p15, 0, %0, c7, c11, 1\n dsb\n mcr p15, 0, %0, c7, c5, 1\n"
                     "mcr p15, 0, %0, c7, c5, 6\n dsb\n isb" :: "r"(p) : "memory");
}

int main(void)
{
    fn_t f = (fn_t)patchable;
    puts("self_modifying\n");
    put_line("before", f());
    for (uint32_t n = 2; n <= 4; n++) {
        patchable[0] = 0xE3A00000u | n;          /* mov r0, #n */
        sync_code(patchable);
        put_line("patched", f());
    }
    /* Patch the instruction after this one, inside the same straight-line code. */
    uint32_t result;
    __asm__ volatile(
        "    adr r1, 1f\n"
        "    ldr r2, =0xe3a0002a\n"      /* mov r0, #42 */
        "    str r2, [r1]\n"
        "    dsb\n    isb\n"
        "1:  mov r0, #7\n"
        "    mov %0, r0\n"
        : "=r"(result) : : "r0", "r1", "r2", "memory");
    put_line("patched ahead", result);
    return 0;
}
