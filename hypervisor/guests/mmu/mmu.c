/* mmu: a guest turns on its own MMU. Its translation tables map virtual addresses (VAs) to what
 * it takes for physical addresses; under a hypervisor these are intermediate physical addresses
 * (IPAs), and the hypervisor's stage 2 maps them on to machine memory (ARM ARM B3.1, "two stages
 * of translation"). The guest builds its stage 1 twice: in the short-descriptor format (B3.5), then
 * in the long-descriptor (LPAE) format (B3.6). Each time it maps its RAM one to one plus one page
 * a second time at 0xC0000000, checks that the two addresses reach the same memory, and asks the
 * MMU with ATS1CPR (B4.2.6) where a few VAs go. The answer, in PAR, is an IPA: the machine
 * address behind it belongs to stage 2, which only the hypervisor sees. */
#include "../common/print.h"

/* The guest's physical (IPA) memory, 16 MiB of RAM (XEN-ABI.md §5, §6). The tables sit at fixed
 * places above the kernel, so every address this guest prints can be worked out by hand:
 *
 *   40000000 +-----------------------------+
 *            | (unused)                    |
 *   40008000 | the kernel: code, data, bss,| zImage start, entry
 *            | stack                       |
 *   40100000 | short: first level, 16 KiB  | 4096 entries, one per MiB (B3.5.5)
 *   40104000 | short: second level, 1 KiB  | 256 entries, one per 4 KiB, for c0000000
 *   40105000 | long: first level, 32 bytes | 4 entries, one per GiB (T0SZ = 0, B3.6.5)
 *   40106000 | long: second level, 4 KiB   | 512 entries of 2 MiB, for 40000000
 *   40107000 | long: second level, 4 KiB   | for c0000000
 *   40108000 | long: third level, 4 KiB    | 512 entries of 4 KiB, for c0000000
 *   40200000 | page A                      | c0000000 with the short tables
 *   40201000 | page B                      | c0000000 with the long tables
 *   40e00000 | device tree                 | put there by the hypervisor
 *   41000000 +-----------------------------+
 */
#define RAM_BASE        0x40000000u     /* GUEST_RAM0_BASE */
#define RAM_SIZE        0x01000000u     /* this domain's memory (its device tree says so) */
#define SHORT_L1        0x40100000u
#define SHORT_L2        0x40104000u
#define LONG_L1         0x40105000u
#define LONG_L2_RAM     0x40106000u
#define LONG_L2_ALIAS   0x40107000u
#define LONG_L3_ALIAS   0x40108000u
#define PAGE_A          0x40200000u
#define PAGE_B          0x40201000u
#define ALIAS           0xc0000000u     /* the extra VA; nothing of the guest is there */
#define MiB             0x00100000u

/* SCTLR (B4.1.130): M turns stage 1 on. C stays 0 throughout: the data cache is off, so every
 * load and store, and every table walk, goes to memory. The tables are written by plain stores
 * and the walker reads them from memory, so no cache cleaning is needed; TTBR0/TTBCR also say
 * "walks are Non-cacheable" (IRGN, RGN = 0) to match. The descriptors still call RAM Normal
 * write-back memory, which is what it is: with SCTLR.C = 0 data accesses to it are simply not
 * cached, and the same descriptors would serve once the cache is turned on (then the tables
 * would have to be cleaned to memory, or the walks made cacheable, B3.10.1). */
#define SCTLR_M         (1u << 0)
#define SCTLR_C         (1u << 2)

extern char __stack_top[];

static volatile uint32_t *word(uint32_t addr) { return (volatile uint32_t *)addr; }

static void clear(uint32_t addr, uint32_t bytes)
{
    for (uint32_t i = 0; i < bytes; i += 4)
        *word(addr + i) = 0;
}

static uint32_t read_sctlr(void)
{
    uint32_t v;
    __asm__ volatile("mrc p15, 0, %0, c1, c0, 0" : "=r"(v));
    return v;
}

/* An ISB after writing SCTLR: the instructions after it are fetched with the new setting. The
 * code runs at the same address with the MMU on and off (the identity map), so the switch is
 * seamless. */
static void write_sctlr(uint32_t v)
{
    __asm__ volatile("mcr p15, 0, %0, c1, c0, 0\n isb" :: "r"(v) : "memory");
}

/* B3.10.1: the DSB makes the stores to the tables complete before any walk can read them; the
 * TLB may hold entries from before (UNKNOWN out of reset, stale after a change of format), so
 * TLBIALL throws them away, and BPIALL the branch predictor's, which are by VA (B4.2.1); a DSB
 * waits for both, an ISB makes the following instructions see them. Then SCTLR.M. */
static void mmu_on(void)
{
    __asm__ volatile("dsb\n"
                     "mcr p15, 0, %0, c8, c7, 0\n"      /* TLBIALL */
                     "mcr p15, 0, %0, c7, c5, 6\n"      /* BPIALL */
                     "dsb\n"
                     "isb" :: "r"(0) : "memory");
    write_sctlr(read_sctlr() | SCTLR_M);
}

static void mmu_off(void)
{
    write_sctlr(read_sctlr() & ~SCTLR_M);
}

/* ATS1CPR (B4.2.6): translate this VA as a PL1 read would, with stage 1 only, and put the answer
 * in PAR (B4.1.112). The ISB makes the result visible to the PAR read that follows. */
static void ats1cpr(uint32_t va)
{
    __asm__ volatile("mcr p15, 0, %0, c7, c8, 0\n isb" :: "r"(va) : "memory");
}

static uint32_t par32(void)
{
    uint32_t v;
    __asm__ volatile("mrc p15, 0, %0, c7, c4, 0" : "=r"(v));
    return v;
}

static uint64_t par64(void)
{
    uint32_t lo, hi;
    __asm__ volatile("mrrc p15, 0, %0, %1, c7" : "=r"(lo), "=r"(hi));
    return (uint64_t)hi << 32 | lo;
}

/* The PAR bits every implementation fills the same way. The others (memory attributes, NS and
 * IMPLEMENTATION DEFINED bits) a Cortex-A15, QEMU and HypLab fill differently, so this guest
 * prints PAR with them masked off, and its output is the same on all three. */
#define PAR_F           (1u << 0)       /* the translation faulted */
#define PAR_LPAE        (1u << 11)      /* the 64-bit format */
#define PAR_SHORT_OK    0xfffff001u     /* PA[31:12], F */
#define PAR_SHORT_FAULT 0x0000007fu     /* FS[5:0] in bits 6:1 (ExT, FS[4], FS[3:0]), F */
#define PAR_LONG_OK     0xfffff801u     /* PA[31:12], LPAE, F; PA[39:32] in the high word */
#define PAR_LONG_FAULT  0x00000b7fu     /* LPAE, S (stage 2), PTW, FST in bits 6:1, F */

static void line_bits(struct line *l, uint32_t v, int n)
{
    while (n--)
        line_str(l, (v >> n) & 1 ? "1" : "0");
}

/* ---- stage 1 in the short-descriptor format (B3.5) -------------------------------------- */

/* First-level section descriptor (B3.5.1): PA[31:20], then attributes. RAM is Normal memory,
 * outer and inner write-back write-allocate (TEX 001, C 1, B 1; B3.8.2), shareable (S), and
 * read/write at PL1 only (AP[2:0] = 001, B3.7.1), in domain 0. */
#define S_SECTION       (2u << 0)
#define S_PAGE_TABLE    (1u << 0)       /* a pointer to a second-level table */
#define S_B             (1u << 2)
#define S_C             (1u << 3)
#define S_AP_PL1        (1u << 10)      /* AP[1:0] = 01 */
#define S_TEX1          (1u << 12)
#define S_S             (1u << 16)
#define S_RAM_SECTION   (S_S | S_TEX1 | S_AP_PL1 | S_C | S_B | S_SECTION)

/* Second-level small-page descriptor (B3.5.1): PA[31:12], the same attributes in other bits,
 * and XN in bit 0: the alias is data, never code (B3.7.2). */
#define S_XN_PAGE       (1u << 0)
#define S_SMALL_PAGE    (1u << 1)
#define S_B_PAGE        (1u << 2)
#define S_C_PAGE        (1u << 3)
#define S_AP_PL1_PAGE   (1u << 4)
#define S_TEX1_PAGE     (1u << 6)
#define S_S_PAGE        (1u << 10)
#define S_RAM_PAGE      (S_S_PAGE | S_TEX1_PAGE | S_AP_PL1_PAGE | S_C_PAGE | S_B_PAGE | S_SMALL_PAGE | S_XN_PAGE)

static void build_short_tables(void)
{
    clear(SHORT_L1, 16 * 1024);         /* 0: a translation fault, for every MiB not mapped */
    clear(SHORT_L2, 1024);
    /* The first level is indexed by VA[31:20]: one entry per MiB. */
    for (uint32_t mb = RAM_BASE; mb < RAM_BASE + RAM_SIZE; mb += MiB)
        *word(SHORT_L1 + (mb >> 20) * 4) = mb | S_RAM_SECTION;
    /* c0000000 goes through a second-level table (1 KiB aligned), domain 0; its entries are
     * indexed by VA[19:12]: entry 0 is page A, the other 255 are faults. */
    *word(SHORT_L1 + (ALIAS >> 20) * 4) = SHORT_L2 | S_PAGE_TABLE;
    *word(SHORT_L2 + ((ALIAS >> 12) & 0xff) * 4) = PAGE_A | S_RAM_PAGE;
}

static void short_mmu_on(void)
{
    /* DACR (B4.1.43): domain 0 is a client, so the AP bits are checked (B3.7.3). */
    __asm__ volatile("mcr p15, 0, %0, c3, c0, 0" :: "r"(1u));
    /* TTBCR (B4.1.153) = 0: short descriptors (EAE 0), N = 0, so TTBR0 translates every VA. */
    __asm__ volatile("mcr p15, 0, %0, c2, c0, 2" :: "r"(0u));
    /* TTBR0 (B4.1.154): the first-level table, 16 KiB aligned; IRGN, RGN, S = 0: walks are
     * Non-cacheable, like every other access while SCTLR.C = 0. */
    __asm__ volatile("mcr p15, 0, %0, c2, c0, 0" :: "r"(SHORT_L1));
    mmu_on();
}

/* What a fault status says, for the few this guest can meet: a translation fault is "no valid
 * descriptor here", and the level is where the walk stopped. */
static void line_fault(struct line *l, int translation, uint32_t level)
{
    if (translation) {
        line_str(l, "translation fault, level ");
        line_dec(l, level);
    } else {
        line_str(l, "another fault");
    }
}

static void ask_short(uint32_t va, const char *what)
{
    struct line l = { .len = 0 };
    ats1cpr(va);
    uint32_t par = par32();
    line_str(&l, "  ATS1CPR ");
    line_hex(&l, va);
    line_str(&l, ": PAR ");
    if (!(par & PAR_F)) {
        line_hex(&l, par & PAR_SHORT_OK);
        line_str(&l, ", IPA ");
        line_hex(&l, (par & 0xfffff000u) | (va & 0xfffu));
    } else {
        /* FS as the DFSR would give it (short-descriptor FSR encodings, B3.13): 00101 is a
         * translation fault at the first level (a section), 00111 at the second (a page). */
        uint32_t fs = (par >> 1) & 0x1f;
        line_hex(&l, par & PAR_SHORT_FAULT);
        line_str(&l, ", FS ");
        line_bits(&l, fs, 5);
        line_str(&l, ": ");
        line_fault(&l, fs == 0x05 || fs == 0x07, fs == 0x05 ? 1 : 2);
    }
    line_str(&l, " (");
    line_str(&l, what);
    line_str(&l, ")");
    line_print(&l);
}

/* ---- stage 1 in the long-descriptor format (B3.6) --------------------------------------- */

/* Long descriptors are 64 bits (B3.6.1). Bits 1:0: 11 = a table (levels 1, 2) or a page (level
 * 3); 01 = a block (levels 1, 2). Lower attributes: AttrIndx[2:0] in bits 4:2 picks an attribute
 * from MAIR0/1; AP[2:1] = 00, read/write at PL1 only (B3.7.1); SH = 11, inner shareable; AF must
 * be 1, or the first access takes an Access flag fault (B3.7.4). Upper: XN is bit 54. */
#define L_TABLE         3u
#define L_BLOCK         1u
#define L_PAGE          3u
#define L_ATTR_NORMAL   (0u << 2)       /* MAIR attribute 0 */
#define L_SH_INNER      (3u << 8)
#define L_AF            (1u << 10)
#define L_RAM           (L_AF | L_SH_INNER | L_ATTR_NORMAL)
#define L_XN_HI         (1u << (54 - 32))

/* MAIR0 (B4.1.104), attribute 0: 0xff, Normal memory, outer and inner write-back non-transient,
 * read- and write-allocate. No other attribute is used. */
#define MAIR0_VALUE     0x000000ffu

static void set64(uint32_t addr, uint32_t hi, uint32_t lo)
{
    *word(addr) = lo;                   /* little endian: the low word first */
    *word(addr + 4) = hi;
}

static void build_long_tables(void)
{
    clear(LONG_L1, 32);
    clear(LONG_L2_RAM, 4096);
    clear(LONG_L2_ALIAS, 4096);
    clear(LONG_L3_ALIAS, 4096);
    /* First level, indexed by VA[31:30]: GiB 1 (40000000) and GiB 3 (c0000000) have tables. */
    set64(LONG_L1 + (RAM_BASE >> 30) * 8, 0, LONG_L2_RAM | L_TABLE);
    set64(LONG_L1 + (ALIAS >> 30) * 8, 0, LONG_L2_ALIAS | L_TABLE);
    /* Second level, indexed by VA[29:21]: eight 2 MiB blocks are the RAM, one to one. */
    for (uint32_t b = RAM_BASE; b < RAM_BASE + RAM_SIZE; b += 2 * MiB)
        set64(LONG_L2_RAM + ((b >> 21) & 0x1ff) * 8, 0, b | L_RAM | L_BLOCK);
    /* c0000000: second level entry 0 points to a third-level table, indexed by VA[20:12],
     * whose entry 0 is page B (not A: these tables, not the old ones, are in use). */
    set64(LONG_L2_ALIAS + ((ALIAS >> 21) & 0x1ff) * 8, 0, LONG_L3_ALIAS | L_TABLE);
    set64(LONG_L3_ALIAS + ((ALIAS >> 12) & 0x1ff) * 8, L_XN_HI, PAGE_B | L_RAM | L_PAGE);
}

static void long_mmu_on(void)
{
    __asm__ volatile("mcr p15, 0, %0, c10, c2, 0" :: "r"(MAIR0_VALUE));   /* MAIR0 */
    __asm__ volatile("mcr p15, 0, %0, c10, c2, 1" :: "r"(0u));            /* MAIR1 */
    /* TTBCR (B4.1.153): EAE = 1, long descriptors; T0SZ = 0, so TTBR0 covers all 4 GiB and the
     * walk starts at level 1 (B3.6.5); IRGN0, ORGN0, SH0 = 0: Non-cacheable walks, as above. */
    __asm__ volatile("mcr p15, 0, %0, c2, c0, 2" :: "r"(1u << 31));
    /* TTBR0, now 64 bits (B4.1.154): the table address, ASID 0 in bits 55:48. */
    __asm__ volatile("mcrr p15, 0, %0, %1, c2" :: "r"(LONG_L1), "r"(0u));
    mmu_on();
}

static void ask_long(uint32_t va, const char *what)
{
    struct line l = { .len = 0 };
    ats1cpr(va);
    uint64_t par = par64();
    uint32_t lo = (uint32_t)par, hi = (uint32_t)(par >> 32);
    line_str(&l, "  ATS1CPR ");
    line_hex(&l, va);
    line_str(&l, ": PAR ");
    if (!(lo & PAR_F)) {
        line_hex(&l, hi & 0xff);        /* PA[39:32] */
        line_hex(&l, lo & PAR_LONG_OK);
        line_str(&l, ", IPA ");
        line_hex(&l, (lo & 0xfffff000u) | (va & 0xfffu));
    } else {
        /* FST (long-descriptor FSR encodings, B3.13): 0001LL is a translation fault at level LL.
         * S (bit 9) stays 0: from PL1, ATS1CPR reports stage 1 faults only; a stage 2 fault on
         * the walk would go to the hypervisor instead. */
        uint32_t fst = (lo >> 1) & 0x3f;
        line_hex(&l, 0);
        line_hex(&l, lo & PAR_LONG_FAULT);
        line_str(&l, ", FST ");
        line_bits(&l, fst, 6);
        line_str(&l, ": ");
        line_fault(&l, (fst & 0x3c) == 0x04, fst & 3);
    }
    line_str(&l, " (");
    line_str(&l, what);
    line_str(&l, ")");
    line_print(&l);
}

/* ---- the lesson ----------------------------------------------------------------------- */

/* Write through the alias, read through the identity map: one page, two addresses. */
static void alias_check(uint32_t page, uint32_t value)
{
    struct line l = { .len = 0 };
    *word(ALIAS + 0x10) = value;
    uint32_t seen = *word(page + 0x10);
    line_str(&l, "  wrote ");
    line_hex(&l, value);
    line_str(&l, " at ");
    line_hex(&l, ALIAS + 0x10);
    line_str(&l, ", read ");
    line_hex(&l, seen);
    line_str(&l, " at ");
    line_hex(&l, page + 0x10);
    line_str(&l, seen == value ? ": one page, two addresses" : ": not the same memory!");
    line_print(&l);
}

/* The hypervisor copies a hypercall's buffer from the guest's VA: it asks the MMU to walk this
 * guest's stage 1 and its own stage 2 (ATS12NSOPR, Hyp only), as Xen does. */
static void print_from_alias(void)
{
    static const char text[] =
        "  This line is at c0000100: the hypervisor found it through my tables, then its own.\n";
    char *at = (char *)(ALIAS + 0x100);
    for (uint32_t i = 0; i < sizeof(text) - 1; i++)
        at[i] = text[i];
    console_write(at, sizeof(text) - 1);
}

int main(void)
{
    if ((uint32_t)__stack_top > SHORT_L1) {
        print("MMU: my kernel overlaps my translation tables; stopping.\n");
        shutdown(SHUTDOWN_poweroff);
        return 0;
    }
    print("MMU: I turn on my own stage 1, VA -> IPA. Stage 2, IPA -> machine, is the hypervisor's.\n");

    print("Short descriptors (TTBCR.EAE = 0): first level at 40100000, second level at 40104000\n");
    print("  40000000-40ffffff: 16 sections onto themselves; c0000000: a small page onto 40200000\n");
    build_short_tables();
    short_mmu_on();
    print((read_sctlr() & (SCTLR_M | SCTLR_C)) == SCTLR_M ? "  MMU on (SCTLR.M = 1), data cache off (SCTLR.C = 0)\n"
                                                          : "  SCTLR is not what I wrote!\n");
    alias_check(PAGE_A, 0x5ec7104e);
    ask_short(0x40008000, "my code, in a section");
    ask_short(ALIAS + 0x10, "the alias, a small page");
    ask_short(RAM_BASE + RAM_SIZE, "past my RAM");
    ask_short(ALIAS + 0x1000, "next to the alias");
    print_from_alias();

    mmu_off();
    print("MMU off. Long descriptors (TTBCR.EAE = 1): first level at 40105000, 4 entries of 1 GiB\n");
    print("  40000000-40ffffff: 8 blocks of 2 MiB onto themselves (second level at 40106000)\n");
    print("  c0000000: a 4 KiB page onto 40201000 (second level at 40107000, third at 40108000)\n");
    build_long_tables();
    long_mmu_on();
    /* With TTBCR.EAE = 1, ATS writes PAR in its 64-bit format, and says so in PAR.LPAE. */
    ats1cpr(RAM_BASE);
    if ((read_sctlr() & (SCTLR_M | SCTLR_C)) != SCTLR_M)
        print("  SCTLR is not what I wrote!\n");
    else
        print(par64() & PAR_LPAE ? "  MMU on again; ATS now answers with PAR.LPAE = 1, the 64-bit format\n"
                                 : "  MMU on again, but PAR is still in its 32-bit format!\n");
    alias_check(PAGE_B, 0x1bae0064);
    ask_long(0x40008000, "my code, in a 2 MiB block");
    ask_long(ALIAS + 0x10, "the alias, a 4 KiB page");
    ask_long(0x80000000, "nothing in GiB 2");
    ask_long(RAM_BASE + RAM_SIZE, "past my RAM");
    ask_long(ALIAS + 0x1000, "next to the alias");
    print("Every address PAR gave me is an IPA: where my RAM lies in the machine, only stage 2 knows.\n");
    shutdown(SHUTDOWN_poweroff);
    return 0;
}
