/* hyp_s1: Hyp mode's own stage 1 translation (the PL2 translation regime, ARM ARM B3.6).
 *
 * Hyp mode always uses the long-descriptor format: HTCR (T0SZ, here 0, so the walk starts at
 * level 1), HMAIR0/HMAIR1 and HTTBR (written with MCRR) describe it, HSCTLR.M turns it on.
 * Blocks and pages translate; translation, access flag and permission faults (AP[2]: Hyp mode
 * has no PL0, so only read-only vs read/write) are taken at HVBAR+0x10 with HSR EC 0x25 and
 * the address in HDFAR; executing an XN page takes HVBAR+0x0C with EC 0x21 and HIFAR;
 * ATS1HR/ATS1HW report in the 64-bit PAR; TLBIMVAH/TLBIALLH make changed entries visible.
 *
 * Tagged memory as in s1_short: physical address P holds the value P. */
#include "vmsa.h"
#include "mmu.h"

#define PLAY        0x80800000u

/* HMAIR0: index 0 Normal write-back write-allocate, 1 Device. */
#define HMAIR0_VALUE 0x000004ffu
/* Hyp stage 1 AP[2:1] (B3.7): AP[1] should be one, AP[2] = 1 makes it read-only. */
#define HYP_RW      LD_AP(1)
#define HYP_RO      LD_AP(3)
#define NORMAL      (LD_ATTRINDX(0) | LD_SH_INNER | LD_AF | HYP_RW)
#define DEVICE      (LD_ATTRINDX(1) | LD_AF | LD_XN | HYP_RW)
/* HTCR (ARM ARM B4.1, HTCR): T0SZ 0, inner/outer write-back write-allocate walks, inner shareable;
 * bits 31 and 23 are UNK/SBOP. */
#define HTCR_VALUE  ((1u << 31) | (1u << 23) | (3u << 12) | (1u << 10) | (1u << 8))

static uint64_t h_l1[512] __attribute__((aligned(4096)));
static uint64_t h_l2_low[512] __attribute__((aligned(4096)));   /* VA 0x00000000-0x3fffffff */
static uint64_t h_l2_ram[512] __attribute__((aligned(4096)));   /* VA 0x80000000-0xbfffffff */
static uint64_t h_l3[512] __attribute__((aligned(4096)));       /* VA 0x00200000-0x003fffff */

static const uint32_t code_page[1024] __attribute__((aligned(4096))) = { 0xe3a0002a, 0xe12fff1e };

enum { PG_RW, PG_RO, PG_INVALID, PG_NO_AF, PG_CODE, PG_CODE_XN };
#define PAGE_VA(n)  (0x00200000u + ((uint32_t)(n) << 12))

static void tag(uint32_t pa)
{
    *(volatile uint32_t *)pa = pa;
}

static void build_tables(void)
{
    uint32_t code = (uint32_t)code_page;
    h_l1[0] = ld_table(h_l2_low);
    /* h_l1[1], VA 0x40000000: invalid */
    h_l1[2] = ld_table(h_l2_ram);
    h_l1[3] = ld_block(0x80000000u, NORMAL);                /* VA 0xc0000000: 1 GB block */
    for (uint32_t i = 0; i < 8; i++)
        h_l2_ram[i] = ld_block(0x80000000u + (i << 21), NORMAL);
    h_l2_low[0x1c000000 >> 21] = ld_block(0x1c000000, DEVICE);
    h_l2_low[1] = ld_table(h_l3);                           /* VA 0x00200000: pages */
    h_l2_low[2] = ld_block(PLAY, NORMAL);                   /* VA 0x00400000 */
    /* h_l2_low[3], VA 0x00600000: invalid */
    h_l2_low[4] = ld_block(PLAY, NORMAL & ~LD_AF);          /* VA 0x00800000: AF = 0 */
    h_l3[PG_RW] = ld_page(PLAY + 0x101000, NORMAL);
    h_l3[PG_RO] = ld_page(PLAY + 0x100000, (NORMAL & ~HYP_RW) | HYP_RO);
    h_l3[PG_NO_AF] = ld_page(PLAY + 0x100000, NORMAL & ~LD_AF);
    h_l3[PG_CODE] = ld_page(code, NORMAL);
    h_l3[PG_CODE_XN] = ld_page(code, NORMAL | LD_XN);
}

static void tlb_flush_all(void)
{
    dsb();
    cp_write(TLBIALLH, 0);
    dsb();
    isb();
}

/* ---- Accesses in Hyp mode ---------------------------------------------------------------- */
/* The HSR of a Data Abort from Hyp mode, printed without IL and ISS[24:10] (ISV, SAS, SSE,
 * SRT): the instruction syndrome is valid only for stage 2 aborts (B3.13.6), and QEMU 7.2
 * reports it for these stage 1 aborts as well (see QEMU-DIFFERENCES.md). */
#define HSR_DABT_MASK   0xfc0003ffu

static void try(const char *what, int write, uint32_t va)
{
    uint32_t value = 0xdeadbeef, at;
    clear_traps();
    if (write)
        __asm__ volatile("adr %0, 1f\n1:\tstr %1, [%2]" : "=&r"(at) : "r"(value), "r"(va) : "memory");
    else
        __asm__ volatile("adr %0, 1f\n1:\tldr %1, [%2]" : "=&r"(at), "+r"(value) : "r"(va) : "memory");
    puts(what);
    puts(write ? ": write " : ": read ");
    put_hex(va);
    puts(" ->");
    if (hyp_seen.count) {
        put_field("vector", hyp_seen.vector);
        put_field("hsr", hyp_seen.hsr & HSR_DABT_MASK);
        put_field("hdfar", hyp_seen.hdfar);
        put_offset("elr", hyp_seen.pc, at);
    } else if (!write) {
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
    if (hyp_seen.count) {
        put_field("vector", hyp_seen.vector);
        put_field("hsr", hyp_seen.hsr);
        put_field("hifar", hyp_seen.hifar);
        put_offset("elr", hyp_seen.pc, va);
    } else {
        put_field("returned", result);
    }
    puts("\n");
}

/* ATS1HR/ATS1HW (ARM ARM, "Address translation operations"): the result is always in the 64-bit PAR format. Printed as in
 * s1_lpae: PA, ATTR, LPAE and F, or the fault fields. */
static void put_par64(uint64_t par)
{
    uint32_t lo = (uint32_t)par, hi = (uint32_t)(par >> 32);
    if (lo & 1) {
        hi = 0;
        lo &= 0xb7f;
    } else {
        hi &= 0xff0000ffu;
        lo &= 0xfffff801u;
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
    cp_write(ATS1HR, va);
    isb();
    puts(" hr");
    put_par64(cp_read64(PAR_64));
    cp_write(ATS1HW, va);
    isb();
    puts(" hw");
    put_par64(cp_read64(PAR_64));
    puts("\n");
}

int main(void)
{
    puts("hyp_s1\n");
    cp_write(HVBAR, (uint32_t)hyp_vectors);
    tag(PLAY + 0x10);
    tag(PLAY + 0x1ffffc);
    tag(PLAY + 0x100008);
    tag(PLAY + 0x101008);
    tag(PLAY + 0x102008);
    tag(PLAY + 0x400010);
    build_tables();

    cp_write(HMAIR0, HMAIR0_VALUE);
    cp_write(HMAIR1, 0);
    cp_write(HTCR, HTCR_VALUE);
    cp_write64(HTTBR, (uint32_t)h_l1);
    tlb_flush_all();
    uint32_t hsctlr = cp_read(HSCTLR);
    cp_write(HSCTLR, hsctlr | 1);               /* M */
    isb();
    put_line("hsctlr.m", cp_read(HSCTLR) & 1);
    put_line("hmair0", cp_read(HMAIR0));
    put_line("httbr", (uint32_t)cp_read64(HTTBR) - (uint32_t)h_l1);

    try("level 1 block", 0, 0xc0800010);
    try("level 2 block", 0, 0x00400010);
    try("level 2 block", 0, 0x005ffffc);
    try("level 3 page", 0, PAGE_VA(PG_RW) + 8);
    try("level 3 page", 1, PAGE_VA(PG_RW) + 12);
    try("level 3 page read-only", 0, PAGE_VA(PG_RO) + 8);
    try("level 3 page read-only", 1, PAGE_VA(PG_RO) + 8);
    try("level 1 translation fault", 0, 0x40000000);
    try("level 2 translation fault", 1, 0x00600004);
    try("level 3 translation fault", 0, PAGE_VA(PG_INVALID) + 0x10);
    try("level 2 access flag fault", 0, 0x00800010);
    try("level 3 access flag fault", 1, PAGE_VA(PG_NO_AF));

    try_exec("page", PAGE_VA(PG_CODE));
    try_exec("xn page", PAGE_VA(PG_CODE_XN));
    try_exec("level 3 translation fault", PAGE_VA(PG_INVALID));

    ats("page", PAGE_VA(PG_RW) + 0x123);
    ats("read-only page", PAGE_VA(PG_RO) + 0x456);
    ats("level 1 block", 0xc0812345);
    ats("device block", 0x1c090000);
    ats("level 2 fault", 0x00600000);
    ats("access flag fault", PAGE_VA(PG_NO_AF));

    /* TLB maintenance for the Hyp regime (B3.10): what is read between changing an entry and
     * invalidating it is not printed. */
    try("before the change", 0, PAGE_VA(PG_RW) + 8);
    h_l3[PG_RW] = ld_page(PLAY + 0x102000, NORMAL);
    dsb();
    cp_write(TLBIMVAH, PAGE_VA(PG_RW));
    dsb();
    isb();
    try("after tlbimvah", 0, PAGE_VA(PG_RW) + 8);
    h_l2_low[2] = ld_block(PLAY + 0x400000, NORMAL);
    tlb_flush_all();
    try("after tlbiallh", 0, 0x00400010);

    cp_write(HSCTLR, hsctlr);
    isb();
    put_line("hsctlr.m", cp_read(HSCTLR) & 1);
    return 0;
}
