/* risu: the ARM side of the random-instruction-sequence conformance harness (RandomSequenceIT).
 *
 * The Java generator (tests/java/org/hyplab/conformance/RandomA32.java) writes an assembly file
 * of blocks of random A32 instructions (.inst words), each ending in "b risu_done", and a table
 * of block records (struct risu_block). This program runs every block once, in SVC mode:
 *
 * The blocks run in SVC mode, or in Hyp mode when the block file sets risu_hyp_mode.
 *
 *   1. fill a 1 KiB scratch window with a pattern seeded by the block's mem_seed;
 *   2. load r0-r14 from the record (the block's base register pointing at the window's middle),
 *      the APSR flags (NZCVQ and GE), and jump to the block;
 *   3. on "b risu_done": save r0-r14 and the CPSR, and print one line
 *        b<index> <r0> ... <r14> <cpsr> <window hash>
 *
 * QEMU and HypLab must print identical lines. Built on its own (by tests/arm/Makefile) it has no
 * blocks and only says so: the test links it with a generated block file instead. */
#include "runtime.h"

struct risu_block {
    uint32_t regs[15];
    uint32_t code;      /* the block's first instruction */
    uint32_t flags;     /* written with MSR APSR_nzcvqg */
    uint32_t mem_seed;  /* seeds the window's pattern */
    uint32_t base_reg;  /* the register that holds the window's middle */
};

extern const struct risu_block risu_blocks[] __attribute__((weak));
extern const uint32_t risu_block_count __attribute__((weak));
/* Non-zero: run the blocks in Hyp mode, where the program starts, rather than in SVC mode. */
extern const uint32_t risu_hyp_mode __attribute__((weak));

#define WINDOW_WORDS 256u

/* r0-r14 and the CPSR after a block (risu_done writes it), and what risu_run loads. */
uint32_t risu_out[16];
static uint32_t risu_in[16];
/* risu_run's saved SP and out pointer, for risu_done. */
uint32_t risu_ctx[2];

void risu_run(const uint32_t *in, uint32_t *out, uint32_t flags);

/* Saves the callee-saved registers, sets the flags, loads r0-r14 and the PC from in[0..15]. The
 * block returns with "b risu_done": r0 is parked in a word beside the code (a PC-relative
 * store needs no free register), the rest stored with STMIB, then the C state is restored. */
__asm__(
    "   .text\n"
    "   .global risu_run\n"
    "risu_run:\n"
    "   push    {r4-r11, lr}\n"
    "   ldr     r3, =risu_ctx\n"
    "   str     sp, [r3]\n"
    "   str     r1, [r3, #4]\n"
    "   msr     APSR_nzcvqg, r2\n"
    "   ldm     r0, {r0-r15}\n"
    "   .ltorg\n"
    "   .global risu_done\n"
    "risu_done:\n"
    "   str     r0, risu_r0\n"
    "   ldr     r0, risu_ctx_addr\n"
    "   ldr     r0, [r0, #4]\n"
    "   stmib   r0, {r1-r14}\n"
    "   mrs     r1, cpsr\n"
    "   str     r1, [r0, #60]\n"
    "   ldr     r1, risu_r0\n"
    "   str     r1, [r0]\n"
    "   ldr     r0, risu_ctx_addr\n"
    "   ldr     sp, [r0]\n"
    "   pop     {r4-r11, pc}\n"
    "risu_r0:        .word 0\n"
    "risu_ctx_addr:  .word risu_ctx\n");

/* An exception that no block should raise: say which, where, and stop (the transcripts then
 * differ from the first block that trapped, or both say the same and the test fails anyway). */
void risu_exception(uint32_t vector, uint32_t lr, uint32_t spsr) __attribute__((noreturn, used));

__asm__(
    "   .text\n"
    "   .balign 32\n"
    "risu_vectors:\n"
    "   mov     r0, #0\n"
    "   b       1f\n"
    "   b       2f\n"
    "   b       3f\n"
    "   b       4f\n"
    "   b       5f\n"
    "   b       6f\n"
    "   b       7f\n"
    "2: mov     r0, #0x04\n"
    "   b       1f\n"
    "3: mov     r0, #0x08\n"
    "   b       1f\n"
    "4: mov     r0, #0x0c\n"
    "   b       1f\n"
    "5: mov     r0, #0x10\n"
    "   b       1f\n"
    "6: mov     r0, #0x14\n"
    "   b       1f\n"
    "7: mov     r0, #0x18\n"
    "1: mov     r1, lr\n"
    "   mrs     r2, spsr\n"
    "   ldr     sp, =__stack_und\n"      /* the block may have left any value in SP */
    "   b       risu_exception\n"
    "   .ltorg\n");

extern const uint32_t risu_vectors[];

void risu_exception(uint32_t vector, uint32_t lr, uint32_t spsr)
{
    puts("risu: exception vector=");
    put_hex(vector);
    puts(" lr=");
    put_hex(lr);
    puts(" spsr=");
    put_hex(spsr);
    puts("\n");
    power_off();
}

static void fill_window(uint32_t *window, uint32_t seed)
{
    uint32_t x = seed ? seed : 0x9e3779b9u;
    for (uint32_t i = 0; i < WINDOW_WORDS; i++) {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        window[i] = x;
    }
}

static uint32_t hash_window(const uint32_t *window)
{
    uint32_t h = 0x811c9dc5u;
    for (uint32_t i = 0; i < WINDOW_WORDS; i++)
        h = (h ^ window[i]) * 0x01000193u;
    return h;
}

int main(void)
{
    __asm__ volatile("mcr p15, 4, %0, c12, c0, 0\n\tisb" : : "r"(risu_vectors));   /* HVBAR */
    int hyp = &risu_hyp_mode ? risu_hyp_mode != 0 : 0;
    if (!hyp)
        drop_to_svc();
    __asm__ volatile("mcr p15, 0, %0, c12, c0, 0\n\tisb" : : "r"(risu_vectors));   /* VBAR */
    uint32_t count = &risu_block_count ? risu_block_count : 0;
    uint32_t *window = (uint32_t *)__scratch;
    puts("risu: ");
    put_dec((int32_t)count);
    puts(hyp ? " blocks in Hyp mode\n" : " blocks in SVC mode\n");
    for (uint32_t i = 0; i < count; i++) {
        const struct risu_block *b = &risu_blocks[i];
        fill_window(window, b->mem_seed);
        for (int r = 0; r < 15; r++)
            risu_in[r] = b->regs[r];
        risu_in[b->base_reg] = (uint32_t)(window + WINDOW_WORDS / 2);
        risu_in[15] = b->code;
        risu_run(risu_in, risu_out, b->flags);
        putc('b');
        put_hex(i);
        for (int r = 0; r < 16; r++) {
            putc(' ');
            put_hex(risu_out[r]);
        }
        putc(' ');
        put_hex(hash_window(window));
        puts("\n");
    }
    puts("risu: done\n");
    return 0;
}
