/* p2m.c: stage-2 page tables in the LPAE format (ARM ARM B3.6), one set per domain. The IPA
 * space is 32 bits (VTCR.T0SZ = 0) and the walk starts at level 1 (VTCR.SL0 = 1): a 4-entry
 * level-1 table, each entry covering 1 GiB through a level-2 table of 2 MiB blocks. Anything
 * not mapped faults to the hypervisor (HSR.EC 0x24), which is how devices get emulated. */
#include "p2m.h"

#define MAX_DOMAINS     4
#define L2_TABLES       4                       /* per domain: one per GiB of IPA space */

/* Descriptor bits (B3.6.1, B3.6.2). */
#define DESC_VALID      (1ull << 0)
#define DESC_TABLE      (1ull << 1)             /* at level 1: points to a level-2 table */
#define DESC_BLOCK      (0ull << 1)             /* at level 2: a 2 MiB block */
#define S2_MEMATTR_WB   (0xfull << 2)           /* MemAttr[3:0] 0b1111: Normal, write-back */
#define S2AP_RW         (3ull << 6)             /* stage-2 access: read and write */
#define SH_INNER        (3ull << 8)
#define AF              (1ull << 10)            /* accessed: no access-flag fault */
#define BLOCK_2M        (2ull << 20)

/* VTCR (B4.1.159): T0SZ 0, SL0 1 (start at level 1), walks inner/outer write-back
 * write-allocate, inner shareable; bit 31 is RES1. */
#define VTCR_VALUE      ((1u << 31) | (3u << 12) | (1u << 10) | (1u << 8) | (1u << 6))

static uint64_t l1_tables[MAX_DOMAINS][4] __attribute__((aligned(32)));
static uint64_t l2_tables[MAX_DOMAINS][L2_TABLES][512] __attribute__((aligned(4096)));

bool p2m_init(struct p2m *p2m, uint8_t vmid)
{
    if (vmid == 0 || vmid > MAX_DOMAINS)
        return false;
    uint32_t slot = vmid - 1;
    p2m->vmid = vmid;
    p2m->root = l1_tables[slot];
    for (uint32_t g = 0; g < 4; g++) {
        memset(l2_tables[slot][g], 0, sizeof(l2_tables[slot][g]));
        p2m->root[g] = (uintptr_t)l2_tables[slot][g] | DESC_TABLE | DESC_VALID;
    }
    dsb();
    return true;
}

bool p2m_map_ram(struct p2m *p2m, uint64_t ipa, uint64_t pa, uint64_t size)
{
    if ((ipa | pa | size) & (BLOCK_2M - 1) || ipa + size > (1ull << 32))
        return false;
    for (uint64_t off = 0; off < size; off += BLOCK_2M) {
        uint64_t a = ipa + off;
        uint64_t *l2 = (uint64_t *)(uintptr_t)(p2m->root[a >> 30] & 0xfffff000u);
        l2[(a >> 21) & 511] = (pa + off) | AF | SH_INNER | S2AP_RW | S2_MEMATTR_WB | DESC_BLOCK | DESC_VALID;
    }
    dsb();                      /* the walker reads the tables from memory */
    return true;
}

void p2m_activate(const struct p2m *p2m)
{
    uint64_t vttbr = (uintptr_t)p2m->root | (uint64_t)p2m->vmid << 48;     /* B4.1.160 */
    __asm__ volatile("mcr p15, 4, %0, c2, c1, 2" :: "r"(VTCR_VALUE));          /* VTCR */
    __asm__ volatile("mcrr p15, 6, %0, %1, c2" :: "r"((uint32_t)vttbr), "r"((uint32_t)(vttbr >> 32)));
    isb();
    __asm__ volatile("mcr p15, 4, %0, c8, c7, 4" :: "r"(0));                    /* TLBIALLNSNH */
    dsb();
    isb();
}
