/* risu: the ARM side of the random-instruction-sequence conformance harness (RandomSequenceIT).
 *
 * The Java generator (tests/java/org/hyplab/conformance/RandomA32.java) writes an assembly file
 * of blocks of random A32 instructions (.inst words), each ending in "b risu_done", and a table
 * of block records (struct risu_block). This program runs every block once. A program runs its
 * blocks from SVC mode, each block in its own mode (USR, FIQ, IRQ, SVC, ABT, UND or SYS), or,
 * when the block file sets risu_hyp_mode, all of them in Hyp mode, where the program starts:
 *
 *   1. fill a 1 KiB scratch window with a pattern seeded by the block's mem_seed, and (SVC
 *      programs) the banked registers of the other modes with values seeded by it too;
 *   2. load User r8-r12, switch to the block's mode, set the APSR flags (NZCVQ and GE), load
 *      r0-r14 from the record (the block's base register pointing at the window's middle) and
 *      jump to the block;
 *   3. on "b risu_done": save r0-r14, the CPSR and the SPSR (if the mode has one), return to
 *      the C code's mode (SVC: with SVC #0, which works from every mode) and print one line
 *        b<index> <r0> ... <r14> <cpsr> <spsr> <window hash> <User r8-r12> <banked registers>
 *      where the banked registers (SVC programs) are SP_usr LR_usr R8_fiq-LR_fiq SP/LR of IRQ,
 *      ABT and UND, and SPSR of FIQ, IRQ, ABT and UND.
 *
 * The program sets SCTLR.SW first, so that SWP and SWPB execute (they are UNDEFINED without it).
 *
 * QEMU and HypLab must print identical lines. Built on its own (by tests/arm/Makefile) it has no
 * blocks and only says so: the test links it with a generated block file instead. */
#include "runtime.h"

struct risu_block {
    uint32_t regs[15];
    uint32_t code;      /* the block's first instruction */
    uint32_t flags;     /* written with MSR APSR_nzcvqg */
    uint32_t mem_seed;  /* seeds the window's pattern and the banked registers */
    uint32_t base_reg;  /* the register that holds the window's middle */
    uint32_t mode;      /* CPSR.M of the block (0x1a in Hyp programs) */
};

extern const struct risu_block risu_blocks[] __attribute__((weak));
extern const uint32_t risu_block_count __attribute__((weak));
/* Non-zero: run the blocks in Hyp mode, where the program starts, rather than from SVC mode. */
extern const uint32_t risu_hyp_mode __attribute__((weak));

#define WINDOW_WORDS 256u
#define BANKED 19

/* risu_in: r0-r14, the block's address, User r8-r12 (risu_run loads them).
 * risu_out: r0-r14, CPSR, SPSR (risu_done), User r8-r12 after the block (risu_resume). */
static uint32_t risu_in[21];
uint32_t risu_out[22];
/* risu_run's saved SP and out pointer, for risu_done and risu_resume. */
uint32_t risu_ctx[2];

void risu_run(const uint32_t *in, uint32_t *out, uint32_t flags, uint32_t cpsr_c);

/* Saves the callee-saved registers, loads User r8-r12 (the current ones: the C code runs in SVC
 * or Hyp mode, which share them with User mode), switches to the block's mode with MSR CPSR_c,
 * sets the flags, and loads r0-r14 and the PC from in[0..15]. The block returns with "b
 * risu_done": r0 is parked in a word beside the code (a PC-relative store needs no free
 * register), the rest stored with STMIB; then SVC #0 (the SVC vector is risu_resume) or, in
 * Hyp mode, a plain fall-through returns to risu_resume, which keeps User r8-r12 and restores
 * the C state. */
__asm__(
    "   .text\n"
    "   .global risu_run\n"
    "risu_run:\n"
    "   push    {r4-r11, lr}\n"
    "   ldr     r12, =risu_ctx\n"
    "   str     sp, [r12]\n"
    "   str     r1, [r12, #4]\n"
    "   add     r12, r0, #64\n"
    "   ldm     r12, {r8-r12}\n"
    "   msr     CPSR_c, r3\n"
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
    "   and     r2, r1, #0x1f\n"
    "   cmp     r2, #0x10\n"
    "   cmpne   r2, #0x1f\n"
    "   mrsne   r3, spsr\n"             /* the modes that have an SPSR */
    "   moveq   r3, #0\n"
    "   str     r3, [r0, #64]\n"
    "   ldr     r1, risu_r0\n"
    "   str     r1, [r0]\n"
    "   cmp     r2, #0x1a\n"
    "   svcne   #0\n"                   /* to SVC mode and risu_resume, from any mode */
    "   .global risu_resume\n"
    "risu_resume:\n"
    "   ldr     r0, risu_ctx_addr\n"
    "   ldr     r1, [r0, #4]\n"
    "   add     r1, r1, #68\n"
    "   stm     r1, {r8-r12}\n"
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
    "   b       2f\n"
    "   b       risu_resume\n"          /* SVC: the way back from a block */
    "   b       3f\n"
    "   b       4f\n"
    "   b       5f\n"
    "   b       6f\n"
    "   b       7f\n"
    "2: mov     r0, #0x04\n"
    "   b       1f\n"
    "3: mov     r0, #0x0c\n"
    "   b       1f\n"
    "4: mov     r0, #0x10\n"
    "   b       1f\n"
    "5: mov     r0, #0x14\n"
    "   b       1f\n"
    "6: mov     r0, #0x18\n"
    "   b       1f\n"
    "7: mov     r0, #0x1c\n"
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

static uint32_t xorshift(uint32_t x)
{
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    return x;
}

static void fill_window(uint32_t *window, uint32_t seed)
{
    uint32_t x = seed ? seed : 0x9e3779b9u;
    for (uint32_t i = 0; i < WINDOW_WORDS; i++)
        window[i] = x = xorshift(x);
}

static uint32_t hash_window(const uint32_t *window)
{
    uint32_t h = 0x811c9dc5u;
    for (uint32_t i = 0; i < WINDOW_WORDS; i++)
        h = (h ^ window[i]) * 0x01000193u;
    return h;
}

/* The other modes' banked registers, through MRS/MSR (banked register) from SVC mode. An SPSR
 * gets a value with the reserved bits 23:20 clear and a valid mode. */
#define BANKED_LIST(X) \
    X(sp_usr) X(lr_usr) X(r8_fiq) X(r9_fiq) X(r10_fiq) X(r11_fiq) X(r12_fiq) X(sp_fiq) X(lr_fiq) \
    X(sp_irq) X(lr_irq) X(sp_abt) X(lr_abt) X(sp_und) X(lr_und) \
    X(spsr_fiq) X(spsr_irq) X(spsr_abt) X(spsr_und)

static void set_banked(uint32_t seed)
{
    uint32_t v[BANKED];
    uint32_t x = seed ^ 0x5bd1e995u;
    for (int i = 0; i < BANKED; i++)
        v[i] = x = xorshift(x);
    for (int i = BANKED - 4; i < BANKED; i++)
        v[i] = (v[i] & 0xff0fffe0u & ~0x20u) | 0x13u;   /* ARM state, SVC mode */
    int i = 0;
#define SET(reg) __asm__ volatile("msr " #reg ", %0" : : "r"(v[i++]));
    BANKED_LIST(SET)
#undef SET
}

static void get_banked(uint32_t *v)
{
    int i = 0;
#define GET(reg) __asm__ volatile("mrs %0, " #reg : "=r"(v[i++]));
    BANKED_LIST(GET)
#undef GET
}

int main(void)
{
    __asm__ volatile("mcr p15, 4, %0, c12, c0, 0\n\tisb" : : "r"(risu_vectors));   /* HVBAR */
    uint32_t sctlr;
    __asm__ volatile("mrc p15, 0, %0, c1, c0, 0" : "=r"(sctlr));
    __asm__ volatile("mcr p15, 0, %0, c1, c0, 0\n\tisb" : : "r"(sctlr | (1u << 10)));   /* SCTLR.SW: SWP on */
    int hyp = &risu_hyp_mode ? risu_hyp_mode != 0 : 0;
    if (!hyp)
        drop_to_svc();
    __asm__ volatile("mcr p15, 0, %0, c12, c0, 0\n\tisb" : : "r"(risu_vectors));   /* VBAR */
    uint32_t count = &risu_block_count ? risu_block_count : 0;
    uint32_t *window = (uint32_t *)__scratch;
    uint32_t banked[BANKED];
    puts("risu: ");
    put_dec((int32_t)count);
    puts(hyp ? " blocks in Hyp mode\n" : " blocks from SVC mode\n");
    for (uint32_t i = 0; i < count; i++) {
        const struct risu_block *b = &risu_blocks[i];
        fill_window(window, b->mem_seed);
        uint32_t x = b->mem_seed ^ 0x2545f491u;
        for (int r = 0; r < 5; r++)
            risu_in[16 + r] = x = xorshift(x);
        if (!hyp)
            set_banked(b->mem_seed);
        for (int r = 0; r < 15; r++)
            risu_in[r] = b->regs[r];
        risu_in[b->base_reg] = (uint32_t)(window + WINDOW_WORDS / 2);
        risu_in[15] = b->code;
        risu_run(risu_in, risu_out, b->flags, 0xc0 | b->mode);   /* I and F stay masked */
        if (!hyp)
            get_banked(banked);
        putc('b');
        put_hex(i);
        for (int r = 0; r < 17; r++) {
            putc(' ');
            put_hex(risu_out[r]);
        }
        putc(' ');
        put_hex(hash_window(window));
        for (int r = 17; r < 22; r++) {
            putc(' ');
            put_hex(risu_out[r]);
        }
        for (int r = 0; !hyp && r < BANKED; r++) {
            putc(' ');
            put_hex(banked[r]);
        }
        puts("\n");
    }
    puts("risu: done\n");
    return 0;
}
