/* s1_lpae: stage 1 translation with the long-descriptor format at PL1 (TTBCR.EAE=1, ARM ARM
 * B3.6).
 *
 * From SVC mode: MAIR0/MAIR1 attributes; a level 1 block (1 GB), level 2 blocks (2 MB) and
 * level 3 pages (4 KB); T0SZ/T1SZ splitting the address space between TTBR0 and TTBR1; the
 * AP[2:1] permissions at PL1 and (LDRT/STRT) PL0; XN and PXN; access flag faults and
 * translation faults at each level, reported in the long-descriptor DFSR/IFSR format (bit 9
 * set); the 64-bit PAR (MRRC) after ATS1C**; TTBR0 written and read as 64 bits (MCRR/MRRC)
 * with an ASID; non-global entries kept apart by ASID, TLBIASID and TLBIMVA.
 *
 * As in s1_short, physical address P of the tagged memory holds the value P, so a read shows
 * which physical address a translation reached. */
#include "vmsa.h"
#include "mmu.h"

#define PLAY        0x80800000u             /* 8 MB of RAM the program does not otherwise use */

/* MAIR0: index 0 Normal write-back write-allocate, 1 Device, 2 Normal non-cacheable,
 * 3 Strongly-ordered; MAIR1: index 4 Normal write-through (ARM ARM B4.1, MAIR0 and MAIR1). */
#define MAIR0_VALUE 0x004404ffu
#define MAIR1_VALUE 0x000000aau
#define NORMAL      (LD_ATTRINDX(0) | LD_SH_INNER | LD_AF)
#define DEVICE      (LD_ATTRINDX(1) | LD_AF | LD_XN | LD_PXN)

/* TTBCR (B4.1, TTBCR): EAE, T0SZ = 1 (TTBR0 below 2 GB), T1SZ = 1 (TTBR1 from 2 GB up). */
#define TTBCR_EAE       (1u << 31)
#define TTBCR_SPLIT     (TTBCR_EAE | (1u << 16) | 1u)

static uint64_t t0_l1[512] __attribute__((aligned(4096)));
static uint64_t t0_l2[512] __attribute__((aligned(4096)));     /* VA 0x00000000-0x3fffffff */
static uint64_t t0_l3[512] __attribute__((aligned(4096)));     /* VA 0x00200000-0x003fffff */
static uint64_t t1_l1[512] __attribute__((aligned(4096)));
static uint64_t t1_l2[512] __attribute__((aligned(4096)));     /* VA 0x80000000-0xbfffffff */

static const uint32_t code_page[1024] __attribute__((aligned(4096))) = { 0xe3a0002a, 0xe12fff1e };

/* The level 3 pages at 0x00200000 + 4 KB * n. */
enum {
    PG_PL1_RW, PG_RW, PG_PL1_RO, PG_RO,     /* AP[2:1] = 0..3 */
    PG_INVALID, PG_NO_AF, PG_CODE, PG_CODE_XN, PG_CODE_PXN, PG_NOT_GLOBAL, PG_RESERVED,
};
#define PAGE_VA(n)  (0x00200000u + ((uint32_t)(n) << 12))

static void tag(uint32_t pa)
{
    *(volatile uint32_t *)pa = pa;
}

static void tlb_flush_all(void)
{
    dsb();
    cp_write(TLBIALL, 0);
    dsb();
    isb();
}

static void set_ttbr0(uint32_t asid)
{
    cp_write64(TTBR0_64, (uint64_t)(uint32_t)t0_l1 | ((uint64_t)asid << 48));
    isb();
}

/* ---- Accesses ------------------------------------------------------------------------------ */
static void try(const char *what, enum access kind, uint32_t va)
{
    clear_traps();
    uint32_t value = do_access(kind, va, 0x5ca1ab1e);
    puts(what);
    puts(": ");
    puts(access_name[kind]);
    puts(" ");
    put_hex(va);
    puts(" ->");
    if (pl1_seen.count) {
        puts(" abort");
        put_field("dfsr", pl1_seen.dfsr);
        put_field("dfar", pl1_seen.dfar);
    } else if (kind == READ || kind == UREAD) {
        put_field("value", value);
    } else {
        puts(" ok");
    }
    puts("\n");
}

static void try_exec(const char *what, uint32_t va)
{
    clear_traps();
    uint32_t result = call_at(va);
    puts(what);
    puts(": execute ");
    put_hex(va);
    puts(" ->");
    if (pl1_seen.count) {
        puts(" prefetch abort");
        put_field("ifsr", pl1_seen.ifsr);
        put_field("ifar", pl1_seen.ifar);
    } else {
        put_field("returned", result);
    }
    puts("\n");
}

/* The 64-bit PAR (B4.1, PAR) after an ATS1C** with TTBCR.EAE=1: LPAE (bit 11) set; success:
 * PA[39:12] and ATTR[63:56] (the MAIR attribute); fault: F and FST[6:1]. Printed: those
 * fields; SH and NS are left out (NS is UNKNOWN in Non-secure state). */
static void put_par64(uint64_t par)
{
    uint32_t lo = (uint32_t)par, hi = (uint32_t)(par >> 32);
    if (lo & 1) {
        hi = 0;
        lo &= 0xb7f;                        /* LPAE, FSTAGE, S2WLK, FST, F */
    } else {
        hi &= 0xff0000ffu;                  /* ATTR, PA[39:32] */
        lo &= 0xfffff801u;                  /* PA[31:12], LPAE, F */
    }
    puts(" par=");
    put_hex(hi);
    put_hex(lo);
}

static void ats(const char *what, uint32_t va)
{
    puts("ats ");
    put_hex(va);
    puts(" ");
    puts(what);
    puts(":");
    cp_write(ATS1CPR, va);
    isb();
    puts(" cpr");
    put_par64(cp_read64(PAR_64));
    cp_write(ATS1CPW, va);
    isb();
    puts(" cpw");
    put_par64(cp_read64(PAR_64));
    cp_write(ATS1CUR, va);
    isb();
    puts(" cur");
    put_par64(cp_read64(PAR_64));
    puts("\n");
}

/* ---- The tables ----------------------------------------------------------------------------- */
static void build_tables(void)
{
    uint32_t code = (uint32_t)code_page;

    /* TTBR1 (VA from 0x80000000): level 1 entry 0 -> 2 MB identity blocks over the program and
     * the tagged memory; entry 1 (VA 0xc0000000) a 1 GB block onto 0x80000000. */
    t1_l1[0] = ld_table(t1_l2);
    for (uint32_t i = 0; i < 8; i++)
        t1_l2[i] = ld_block(0x80000000u + (i << 21), NORMAL);
    t1_l1[1] = ld_block(0x80000000u, NORMAL);

    /* TTBR0 (VA below 0x80000000): level 1 entry 0 -> level 2; entry 1 (VA 0x40000000)
     * invalid. Entries 2 and 3 are only used when T0SZ = 0: 2 maps the program as TTBR1 does,
     * 3 (VA 0xc0000000) is invalid. */
    t0_l1[0] = ld_table(t0_l2);
    t0_l1[2] = ld_table(t1_l2);
    t0_l2[0x1c000000 >> 21] = ld_block(0x1c000000, DEVICE);
    t0_l2[1] = ld_table(t0_l3);                             /* VA 0x00200000: pages */
    t0_l2[2] = ld_block(PLAY, NORMAL);                      /* VA 0x00400000: a 2 MB block */
    /* t0_l2[3], VA 0x00600000: invalid */
    t0_l2[4] = ld_block(PLAY, NORMAL & ~LD_AF);             /* VA 0x00800000: AF = 0 */

    for (uint32_t ap = 0; ap < 4; ap++)
        t0_l3[PG_PL1_RW + ap] = ld_page(PLAY + 0x100000, NORMAL | LD_AP(ap));
    t0_l3[PG_PL1_RW] = ld_page(PLAY + 0x101000, NORMAL);
    t0_l3[PG_NO_AF] = ld_page(PLAY + 0x100000, NORMAL & ~LD_AF);
    t0_l3[PG_CODE] = ld_page(code, NORMAL);
    t0_l3[PG_CODE_XN] = ld_page(code, NORMAL | LD_XN);
    t0_l3[PG_CODE_PXN] = ld_page(code, NORMAL | LD_PXN);
    t0_l3[PG_NOT_GLOBAL] = ld_page(PLAY + 0x101000, NORMAL | LD_NG);
    t0_l3[PG_RESERVED] = ld_block(PLAY + 0x100000, NORMAL);  /* type 01 at level 3: reserved */
}

static void tag_memory(void)
{
    tag(PLAY + 0x10);
    tag(PLAY + 0x1ffffc);
    tag(PLAY + 0x100008);
    tag(PLAY + 0x100ffc);
    tag(PLAY + 0x101008);
    tag(PLAY + 0x102008);
}

/* ---- Tests ----------------------------------------------------------------------------------- */
static void mappings(void)
{
    try("level 1 block", READ, 0xc0800010);
    try("level 2 block", READ, 0x00400010);
    try("level 2 block", READ, 0x005ffffc);
    try("level 3 page", READ, PAGE_VA(PG_PL1_RW) + 8);
    try("level 3 page", READ, PAGE_VA(PG_RW) + 0xffc);
    try("level 1 translation fault", READ, 0x40000000);
    try("level 2 translation fault", READ, 0x00600000);
    try("level 3 translation fault", WRITE, PAGE_VA(PG_INVALID) + 4);
    try("level 3 reserved type 01", READ, PAGE_VA(PG_RESERVED));
    try("level 2 access flag fault", READ, 0x00800010);
    try("level 3 access flag fault", WRITE, PAGE_VA(PG_NO_AF) + 8);
}

/* AP[2:1] (B3.7): 0 PL1 RW, 1 RW, 2 PL1 RO, 3 RO. */
static void permissions(void)
{
    for (uint32_t ap = 0; ap < 4; ap++) {
        uint32_t va = PAGE_VA(PG_PL1_RW + ap) + 8;
        puts("ap[2:1]=");
        put_dec((int32_t)ap);
        for (int kind = READ; kind <= UWRITE; kind++) {
            clear_traps();
            do_access(kind, va, ap == 0 ? PLAY + 0x101008 : PLAY + 0x100008);
            puts(kind == READ ? " pl1r " : kind == WRITE ? " pl1w " : kind == UREAD ? " pl0r " : " pl0w ");
            if (!pl1_seen.count)
                puts("ok");
            else if (pl1_seen.dfar != va)
                put_hex(0xbad0dfa0);
            else
                put_hex(pl1_seen.dfsr);
        }
        puts("\n");
    }
}

static void execute_never(void)
{
    try_exec("page", PAGE_VA(PG_CODE));
    try_exec("xn page", PAGE_VA(PG_CODE_XN));
    try_exec("pxn page", PAGE_VA(PG_CODE_PXN));
    try_exec("level 3 translation fault", PAGE_VA(PG_INVALID));
}

static void translation_ops(void)
{
    ats("level 3 page", PAGE_VA(PG_PL1_RW) + 0x123);
    ats("level 3 page pl1 ro", PAGE_VA(PG_PL1_RO));
    ats("level 3 page rw", PAGE_VA(PG_RW) + 0xabc);
    ats("level 2 block", 0x00512345);
    ats("level 1 block", 0xc0812345);
    ats("device block", 0x1c090000);
    ats("level 1 fault", 0x40000000);
    ats("level 3 access flag fault", PAGE_VA(PG_NO_AF));
}

/* Which TTBR translates an address (B3.6): with T0SZ = 0 and T1SZ = 0 TTBR0 covers it all;
 * with T0SZ = 0 and T1SZ = N TTBR1 covers the top 2^(32-N) bytes and TTBR0 the rest; with
 * T0SZ >= 2 the walk from TTBR0 starts at level 2 (so TTBR0 points at t0_l2 then). The
 * program and the UART stay translated throughout. */
static void set_ttbcr(uint32_t t0sz, uint32_t t1sz)
{
    cp_write(TTBCR, TTBCR_EAE | (t1sz << 16) | t0sz);
    tlb_flush_all();
    puts("t0sz=");
    put_dec((int32_t)t0sz);
    puts(" t1sz=");
    put_dec((int32_t)t1sz);
    puts("\n");
}

static void region_split(void)
{
    set_ttbcr(0, 0);
    try("ttbr0 level 1 entry 3", READ, 0xc0800010);
    try("ttbr0 level 1 entry 2", READ, 0x80800010);
    set_ttbcr(0, 1);
    try("ttbr1", READ, 0xc0800010);
    try("ttbr0", READ, 0x00400010);
    cp_write64(TTBR0_64, (uint32_t)t0_l2);
    set_ttbcr(2, 1);
    try("ttbr0 from level 2", READ, 0x00400010);
    try("ttbr0 from level 2", READ, PAGE_VA(PG_PL1_RW) + 8);
    set_ttbr0(0);               /* nothing touches TTBR0's half until TTBCR matches again */
    set_ttbcr(1, 1);
}

/* TTBR0 holds the ASID in bits [55:48] (TTBCR.A1 = 0). A non-global entry cached for one ASID
 * is not used for another (B3.9), so after the entry changes a walk under a new ASID sees
 * the new mapping. What the old ASID sees before TLBIASID is not printed. */
static void asids(void)
{
    uint32_t va = PAGE_VA(PG_NOT_GLOBAL) + 8;
    set_ttbr0(5);
    uint64_t ttbr0 = cp_read64(TTBR0_64);
    put_line("ttbr0 asid", (uint32_t)(ttbr0 >> 48));
    put_line("ttbr0 base", (uint32_t)ttbr0 - (uint32_t)t0_l1);
    try("asid 5 ng page", READ, va);
    t0_l3[PG_NOT_GLOBAL] = ld_page(PLAY + 0x102000, NORMAL | LD_NG);
    dsb();
    set_ttbr0(6);
    try("asid 6 after the entry changed", READ, va);
    set_ttbr0(5);
    do_access(READ, va, 0);                 /* ASID 5: stale or not, not printed */
    dsb();
    cp_write(TLBIASID, 5);
    dsb();
    isb();
    try("asid 5 after tlbiasid", READ, va);
    t0_l3[PG_NOT_GLOBAL] = ld_page(PLAY + 0x101000, NORMAL | LD_NG);
    dsb();
    cp_write(TLBIMVA, (va & 0xfffff000u) | 5);
    dsb();
    isb();
    try("asid 5 after tlbimva", READ, va);
    set_ttbr0(0);
}

int main(void)
{
    puts("s1_lpae\n");
    drop_to_svc();
    cp_write(VBAR, (uint32_t)pl1_vectors);
    tag_memory();
    build_tables();

    cp_write(MAIR0, MAIR0_VALUE);
    cp_write(MAIR1, MAIR1_VALUE);
    cp_write(TTBCR, TTBCR_SPLIT);
    set_ttbr0(0);
    cp_write64(TTBR1_64, (uint32_t)t1_l1);
    tlb_flush_all();
    cp_write(SCTLR, cp_read(SCTLR) | 1);
    isb();
    put_line("sctlr.m", cp_read(SCTLR) & 1);
    put_line("ttbcr", cp_read(TTBCR));
    put_line("mair0", cp_read(MAIR0));
    put_line("mair1", cp_read(MAIR1));

    mappings();
    permissions();
    execute_never();
    translation_ops();
    region_split();
    asids();

    cp_write(SCTLR, cp_read(SCTLR) & ~1u);
    isb();
    put_line("sctlr.m", cp_read(SCTLR) & 1);
    return 0;
}
