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
 * The translation regime (risu_mmu, risu_stage2 in the block file; the first line names it):
 *   - MMU off (VA = PA);
 *   - SVC programs: the PL1&0 stage 1 on (SCTLR.M), short descriptors (TTBCR.EAE = 0: sections,
 *     and small pages for the program's first 2 MB) or long descriptors (EAE = 1: 1 GB and 2 MB
 *     blocks, and 4 KB pages for the first 2 MB), optionally with stage 2 under it (VTCR, VTTBR
 *     with VMID 42, HCR.VM, set up in Hyp mode before the program drops to SVC mode: the blocks
 *     then run as a guest);
 *   - Hyp programs: the Hyp stage 1 on (HSCTLR.M, HTTBR, long descriptors).
 * Everything is identity-mapped (RAM Normal write-back, the rest Device and execute-never) with
 * full access at PL0 and PL1 (AP = 0b011 in client domains, AP[2:1] = 0b01; ARM ARM B3.7), except
 * the window, which straddles the boundary between two 4 KB pages (its middle is the boundary)
 * at VA 0x40100000 and 0x40101000. Under translation those two pages map, through non-global
 * entries (ASID 0x5a), to two scratch pages in the opposite order elsewhere, and under stage 2
 * through an IPA that is neither the VA nor the PA, so VA != IPA != PA and a wrong lookup at
 * either stage moves the data. The C code fills and hashes the window through the identity
 * mapping of those physical pages, not through the window's VA: an emulator that translated
 * the window wrongly would load other values and leave its stores elsewhere, and its hash and
 * registers would differ from QEMU's.
 *
 * With the MMU on, the window is Normal memory, and the blocks also make unaligned word and
 * halfword accesses, some across its middle: the page boundary (SCTLR.A and HSCTLR.A are 0).
 *
 * The program sets SCTLR.SW first, so that SWP and SWPB execute (they are UNDEFINED without it).
 *
 * QEMU and HypLab must print identical lines. Built on its own (by tests/arm/Makefile) it has no
 * blocks and only says so: the test links it with a generated block file instead. */
#include "runtime.h"
#include "../vmsa/mmu.h"

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

/* The translation regime: risu_mmu 0 off, 1 short descriptors, 2 long descriptors (the only
 * format of the Hyp stage 1); risu_stage2 non-zero: stage 2 under the PL1&0 stage 1. */
extern const uint32_t risu_mmu __attribute__((weak));
extern const uint32_t risu_stage2 __attribute__((weak));

#define WINDOW_WORDS 256u
#define BANKED 19

/* ---- Translation tables ------------------------------------------------------------------- */
#define RAM         0x80000000u
#define WIN_VA      0x40100000u     /* the window's two pages: WIN_VA and WIN_VA + 0x1000 */
#define WIN_IPA     0x40202000u     /* stage 2: the IPAs of those pages (in the other order) */
#define ASID        0x5au
#define VMID        42u

/* Short descriptors (B3.5): sections everywhere, but small pages for RAM's first 2 MB (the
 * program, its stacks and the scratch area) and for the window (domain 1; DACR makes both
 * domains clients, so the AP bits are checked). */
static uint32_t sd_l1[4096] __attribute__((aligned(16384)));
static uint32_t sd_l2_ram[512] __attribute__((aligned(1024)));
static uint32_t sd_l2_win[256] __attribute__((aligned(1024)));

/* The level 1 tables of the long-descriptor walks: with T0SZ = 0 a walk starts at level 1 with
 * four 1 GB entries, a table that need only be 32-byte aligned (BADDR[39:5] in TTBR0, HTTBR and
 * VTTBR; B4.1.154, B4.1.159). They sit at 0x20 and 0x40 into a page, on purpose: the walk must
 * start at the register's exact address, not at its page. */
static uint64_t l1_tables[16] __attribute__((aligned(4096)));
#define ld_l1 (&l1_tables[4])
#define s2_l1 (&l1_tables[8])

/* Long descriptors (B3.6), for the PL1&0 stage 1 (TTBCR.EAE = 1) or the Hyp stage 1. */
static uint64_t ld_l2_ram[512] __attribute__((aligned(4096)));
static uint64_t ld_l3_ram[512] __attribute__((aligned(4096)));
static uint64_t ld_l2_win[512] __attribute__((aligned(4096)));
static uint64_t ld_l3_win[512] __attribute__((aligned(4096)));

/* Stage 2 (B3.6.5): 1 GB blocks, and 4 KB pages for the window's IPAs. */
static uint64_t s2_l2_win[512] __attribute__((aligned(4096)));
static uint64_t s2_l3_win[512] __attribute__((aligned(4096)));

/* MAIR0/HMAIR0 (B4.1.104): index 0 Normal write-back write-allocate, index 1 Device. */
#define MAIR0_VALUE     0x000004ffu
#define LD_NORMAL       (LD_ATTRINDX(0) | LD_AP(1) | LD_SH_INNER | LD_AF)
#define LD_DEVICE       (LD_ATTRINDX(1) | LD_AP(1) | LD_AF | LD_XN)
#define S2_RAM          (S2_NORMAL | S2_READ | S2_WRITE | LD_SH_INNER | LD_AF)
#define S2_DEV          (S2_DEVICE | S2_READ | S2_WRITE | LD_AF | LD_XN)
/* TTBCR with EAE, HTCR and VTCR: T0SZ 0, walks inner shareable write-back write-allocate
 * (SH0 = 3, ORGN0 = IRGN0 = 1); HTCR and VTCR bit 31 (and HTCR bit 23) are UNK/SBOP; VTCR.SL0 = 1
 * starts stage 2 at level 1 (B4.1.153, B4.1.73, B4.1.159). */
#define TTBCR_LONG      0x80003500u
#define HTCR_VALUE      0x80803500u
#define VTCR_VALUE      0x80003540u

#define MCR(op1, crn, crm, op2, v) \
        __asm__ volatile("mcr p15, " #op1 ", %0, " #crn ", " #crm ", " #op2 : : "r"((uint32_t)(v)) : "memory")
#define MCRR(op1, crm, v) \
        __asm__ volatile("mcrr p15, " #op1 ", %Q0, %R0, " #crm : : "r"((uint64_t)(v)) : "memory")
#define MRC(op1, crn, crm, op2) ({ uint32_t v_; \
        __asm__ volatile("mrc p15, " #op1 ", %0, " #crn ", " #crm ", " #op2 : "=r"(v_) : : "memory"); v_; })
#define BARRIERS() __asm__ volatile("dsb\n\tisb" : : : "memory")

/* The window's middle (its VA), and its two halves through the identity mapping of the
 * physical pages they map to, for fill_window and hash_window. */
static uint32_t window_middle;
static uint32_t *window_low, *window_high;

static void build_short(uint32_t pa_low, uint32_t pa_high)
{
    for (uint32_t i = 0; i < 4096; i++)
        sd_l1[i] = i < (RAM >> 20) ? sd_section(i << 20, 0, 3, SD_DEVICE_SECTION | SD_XN_SECTION)
                                   : sd_section(i << 20, 0, 3, SD_NORMAL_SECTION);
    for (uint32_t i = 0; i < 512; i++)
        sd_l2_ram[i] = sd_small_page(RAM + (i << 12), 3, SD_NORMAL_SMALL);
    sd_l1[RAM >> 20] = sd_page_table(sd_l2_ram, 0);
    sd_l1[(RAM >> 20) + 1] = sd_page_table(sd_l2_ram + 256, 0);
    sd_l2_win[0] = sd_small_page(pa_low, 3, SD_NORMAL_SMALL | SD_NG_PAGE);
    sd_l2_win[1] = sd_small_page(pa_high, 3, SD_NORMAL_SMALL | SD_NG_PAGE);
    sd_l1[WIN_VA >> 20] = sd_page_table(sd_l2_win, 1);
}

/* nG is for the PL1&0 regime; the Hyp regime has no ASIDs (its descriptors' nG is ignored). */
static void build_long(uint32_t out_low, uint32_t out_high, uint64_t ng)
{
    ld_l1[0] = ld_block(0, LD_DEVICE);
    ld_l1[1] = ld_table(ld_l2_win);
    ld_l1[2] = ld_table(ld_l2_ram);
    ld_l1[3] = ld_block(0xc0000000u, LD_NORMAL);
    ld_l2_ram[0] = ld_table(ld_l3_ram);
    for (uint32_t i = 1; i < 512; i++)
        ld_l2_ram[i] = ld_block(RAM + (i << 21), LD_NORMAL);
    for (uint32_t i = 0; i < 512; i++)
        ld_l3_ram[i] = ld_page(RAM + (i << 12), LD_NORMAL);
    ld_l2_win[(WIN_VA >> 21) & 0x1ff] = ld_table(ld_l3_win);
    ld_l3_win[(WIN_VA >> 12) & 0x1ff] = ld_page(out_low, LD_NORMAL | ng);
    ld_l3_win[((WIN_VA >> 12) & 0x1ff) + 1] = ld_page(out_high, LD_NORMAL | ng);
}

/* Stage 2: IPA = PA but for the window's two IPA pages, which map to pa_low (for WIN_IPA +
 * 0x1000, the low half's IPA) and pa_high (for WIN_IPA). */
static void build_stage2(uint32_t pa_low, uint32_t pa_high)
{
    s2_l1[0] = ld_block(0, S2_DEV);
    s2_l1[1] = ld_table(s2_l2_win);
    s2_l1[2] = ld_block(RAM, S2_RAM);
    s2_l1[3] = ld_block(0xc0000000u, S2_RAM);
    s2_l2_win[(WIN_IPA >> 21) & 0x1ff] = ld_table(s2_l3_win);
    s2_l3_win[(WIN_IPA >> 12) & 0x1ff] = ld_page(pa_high, S2_RAM);
    s2_l3_win[((WIN_IPA >> 12) & 0x1ff) + 1] = ld_page(pa_low, S2_RAM);
}

/* Sets up the regime's tables and the registers that must be written in Hyp mode (stage 2, the
 * Hyp stage 1); enable_pl1_stage1() does the rest once the program is in SVC mode. Physical
 * pages, all in the scratch area: MMU off 0 and 1 (the window is where it seems); PL1&0 stage 1
 * 5 and 2; stages 1+2 3 and 7; Hyp stage 1 6 and 4 (low half's page first). */
static void setup_translation(int hyp, uint32_t mmu, int stage2)
{
    uint32_t s = (uint32_t)__scratch;
    uint32_t pa_low = s, pa_high = s + 0x1000;
    window_middle = s + 0x1000;
    if (hyp && mmu) {
        pa_low = s + 0x6000;
        pa_high = s + 0x4000;
        build_long(pa_low, pa_high, 0);
        MCR(4, c10, c2, 0, MAIR0_VALUE);    /* HMAIR0 */
        MCR(4, c10, c2, 1, 0);              /* HMAIR1 */
        MCR(4, c2, c0, 2, HTCR_VALUE);      /* HTCR */
        MCRR(4, c2, (uint32_t)ld_l1);       /* HTTBR */
        BARRIERS();
        MCR(4, c8, c7, 0, 0);               /* TLBIALLH */
        BARRIERS();
        MCR(4, c1, c0, 0, (MRC(4, c1, c0, 0) & ~2u) | 1);   /* HSCTLR.M on, A off (unaligned) */
        BARRIERS();
        window_middle = WIN_VA + 0x1000;
    } else if (mmu) {
        if (stage2) {
            pa_low = s + 0x3000;
            pa_high = s + 0x7000;
            build_stage2(pa_low, pa_high);
            MCR(4, c2, c1, 2, VTCR_VALUE);  /* VTCR */
            MCRR(6, c2, (uint32_t)s2_l1 | (uint64_t)VMID << 48);   /* VTTBR */
            BARRIERS();
            MCR(4, c8, c7, 4, 0);           /* TLBIALLNSNH */
            BARRIERS();
            MCR(4, c1, c1, 0, 1);           /* HCR.VM */
            BARRIERS();
        } else {
            pa_low = s + 0x5000;
            pa_high = s + 0x2000;
        }
        /* Stage 1's output for the window: the IPAs under stage 2, else the PAs. */
        uint32_t out_low = stage2 ? WIN_IPA + 0x1000 : pa_low, out_high = stage2 ? WIN_IPA : pa_high;
        if (mmu == 1)
            build_short(out_low, out_high);
        else
            build_long(out_low, out_high, LD_NG);
        window_middle = WIN_VA + 0x1000;
    }
    window_low = (uint32_t *)(pa_low + 0x1000) - WINDOW_WORDS / 2;
    window_high = (uint32_t *)pa_high;
}

/* The PL1&0 stage 1, from SVC mode (B3.2, B4.1.130 SCTLR). */
static void enable_pl1_stage1(uint32_t mmu)
{
    MCR(0, c3, c0, 0, 0x5);                 /* DACR: domains 0 and 1 clients */
    if (mmu == 1) {
        MCR(0, c2, c0, 2, 0);               /* TTBCR: short descriptors, N = 0 */
        MCR(0, c2, c0, 0, (uint32_t)sd_l1); /* TTBR0 */
        MCR(0, c13, c0, 1, ASID);           /* CONTEXTIDR: the ASID of the nG pages */
    } else {
        MCR(0, c10, c2, 0, MAIR0_VALUE);    /* MAIR0 */
        MCR(0, c10, c2, 1, 0);              /* MAIR1 */
        MCR(0, c2, c0, 2, TTBCR_LONG);      /* TTBCR: EAE, T0SZ 0 */
        MCRR(0, c2, (uint32_t)ld_l1 | (uint64_t)ASID << 48);   /* TTBR0 with the ASID */
    }
    BARRIERS();
    MCR(0, c8, c7, 0, 0);                   /* TLBIALL */
    BARRIERS();
    MCR(0, c1, c0, 0, MRC(0, c1, c0, 0) | 1);   /* SCTLR.M */
    BARRIERS();
}

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
    uint32_t cpsr;
    __asm__ volatile("mrs %0, cpsr" : "=r"(cpsr));
    if ((cpsr & 0x1f) == 0x1a) {   /* taken to Hyp mode: LR is LR_usr, the syndrome says more */
        uint32_t elr;
        __asm__ volatile("mrs %0, elr_hyp" : "=r"(elr));
        puts(" elr_hyp=");
        put_hex(elr);
        puts(" hsr=");
        put_hex(MRC(4, c5, c2, 0));
        puts(" hdfar=");
        put_hex(MRC(4, c6, c0, 0));
        puts(" hifar=");
        put_hex(MRC(4, c6, c0, 2));
        puts(" hpfar=");
        put_hex(MRC(4, c6, c0, 4));
    } else {
        puts(" dfsr=");
        put_hex(MRC(0, c5, c0, 0));
        puts(" dfar=");
        put_hex(MRC(0, c6, c0, 0));
        puts(" ifsr=");
        put_hex(MRC(0, c5, c0, 1));
        puts(" ifar=");
        put_hex(MRC(0, c6, c0, 2));
    }
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

/* Word i of the window, through the identity mapping of its physical page. */
static volatile uint32_t *window_word(uint32_t i)
{
    return i < WINDOW_WORDS / 2 ? &window_low[i] : &window_high[i - WINDOW_WORDS / 2];
}

static void fill_window(uint32_t seed)
{
    uint32_t x = seed ? seed : 0x9e3779b9u;
    for (uint32_t i = 0; i < WINDOW_WORDS; i++)
        *window_word(i) = x = xorshift(x);
}

static uint32_t hash_window(void)
{
    uint32_t h = 0x811c9dc5u;
    for (uint32_t i = 0; i < WINDOW_WORDS; i++)
        h = (h ^ *window_word(i)) * 0x01000193u;
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
    /* SCTLR.SW: SWP on; SCTLR.A off: with the MMU on, blocks make unaligned word and halfword
     * accesses to the (Normal) window, which A3.2.1 allows only without alignment checking. */
    __asm__ volatile("mcr p15, 0, %0, c1, c0, 0\n\tisb" : : "r"((sctlr | (1u << 10)) & ~(1u << 1)));
    int hyp = &risu_hyp_mode ? risu_hyp_mode != 0 : 0;
    uint32_t mmu = &risu_mmu ? risu_mmu : 0;
    int stage2 = !hyp && mmu && &risu_stage2 && risu_stage2 != 0;
    setup_translation(hyp, mmu, stage2);
    if (!hyp)
        drop_to_svc();
    if (!hyp && mmu)
        enable_pl1_stage1(mmu);
    __asm__ volatile("mcr p15, 0, %0, c12, c0, 0\n\tisb" : : "r"(risu_vectors));   /* VBAR */
    uint32_t count = &risu_block_count ? risu_block_count : 0;
    uint32_t banked[BANKED];
    puts("risu: ");
    put_dec((int32_t)count);
    puts(hyp ? " blocks in Hyp mode, " : " blocks from SVC mode, ");
    puts(!mmu ? "MMU off\n"
         : hyp ? "Hyp stage 1 (long descriptors)\n"
         : mmu == 1 ? (stage2 ? "stage 1 short descriptors + stage 2\n" : "stage 1 short descriptors\n")
         : (stage2 ? "stage 1 long descriptors + stage 2\n" : "stage 1 long descriptors\n"));
    for (uint32_t i = 0; i < count; i++) {
        const struct risu_block *b = &risu_blocks[i];
        fill_window(b->mem_seed);
        uint32_t x = b->mem_seed ^ 0x2545f491u;
        for (int r = 0; r < 5; r++)
            risu_in[16 + r] = x = xorshift(x);
        if (!hyp)
            set_banked(b->mem_seed);
        for (int r = 0; r < 15; r++)
            risu_in[r] = b->regs[r];
        risu_in[b->base_reg] = window_middle;
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
        put_hex(hash_window());
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
