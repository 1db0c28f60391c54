/* p2m.c: stage-2 page tables in the LPAE format (ARM ARM B3.6), one set per domain. The IPA
 * space is 32 bits (VTCR.T0SZ = 0) and the walk starts at level 1 (VTCR.SL0 = 1): a 4-entry
 * level-1 table, each entry covering 1 GiB through a level-2 table. RAM is mapped in 2 MiB
 * blocks; single 4 KiB pages (the GIC's virtual CPU interface, shared pages) through level-3
 * tables. Anything not mapped faults to the hypervisor (HSR.EC 0x24), which is how devices get
 * emulated. */
#include "p2m.h"

#define MAX_DOMAINS     P2M_MAX_DOMAINS
#define L2_TABLES       4                       /* per domain: one per GiB of IPA space */
#define L3_TABLES       8                       /* per domain: for 4 KiB pages, one per 2 MiB */

/* Descriptor bits (B3.6.1, B3.6.2). */
#define DESC_VALID      (1ull << 0)
#define DESC_TABLE      (1ull << 1)             /* at level 1: points to a level-2 table */
#define DESC_BLOCK      (0ull << 1)             /* at level 2: a 2 MiB block */
#define DESC_PAGE       (1ull << 1)             /* at level 3: a 4 KiB page */
#define S2_MEMATTR_WB   (0xfull << 2)           /* MemAttr[3:0] 0b1111: Normal, write-back */
#define S2_MEMATTR_DEV  (0x1ull << 2)           /* MemAttr[3:0] 0b0001: Device */
#define XN              (1ull << 54)
#define S2AP_RW         (3ull << 6)             /* stage-2 access: read and write */
#define S2AP_RO         (1ull << 6)             /* read only: a write is a permission fault */
#define SH_INNER        (3ull << 8)
#define AF              (1ull << 10)            /* accessed: no access-flag fault */
#define BLOCK_2M        (2ull << 20)

/* VTCR (B4.1.159): T0SZ 0, SL0 1 (start at level 1), walks inner/outer write-back
 * write-allocate, inner shareable; bit 31 is RES1. */
#define VTCR_VALUE      ((1u << 31) | (3u << 12) | (1u << 10) | (1u << 8) | (1u << 6))

static uint64_t l1_tables[MAX_DOMAINS][4] __attribute__((aligned(32)));
static uint64_t l2_tables[MAX_DOMAINS][L2_TABLES][512] __attribute__((aligned(4096)));
static uint64_t l3_tables[MAX_DOMAINS][L3_TABLES][512] __attribute__((aligned(4096)));
static uint32_t l3_used[MAX_DOMAINS];

bool p2m_init(struct p2m *p2m, uint8_t vmid)
{
    if (vmid == 0 || vmid > MAX_DOMAINS)
        return false;
    uint32_t slot = vmid - 1;
    p2m->vmid = vmid;
    p2m->root = l1_tables[slot];
    l3_used[slot] = 0;
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

/* The level-3 table under the 2 MiB region of 'ipa', made on first use; NULL if the region is
 * a block already or no table is left. */
static uint64_t *l3_table(struct p2m *p2m, uint32_t ipa)
{
    uint64_t *l2 = (uint64_t *)(uintptr_t)(p2m->root[ipa >> 30] & 0xfffff000u);
    uint64_t *entry = &l2[(ipa >> 21) & 511];
    if (*entry & DESC_VALID)
        return (*entry & DESC_TABLE) ? (uint64_t *)(uintptr_t)(*entry & 0xfffff000u) : NULL;
    uint32_t slot = p2m->vmid - 1;
    if (l3_used[slot] == L3_TABLES)
        return NULL;
    uint64_t *l3 = l3_tables[slot][l3_used[slot]++];
    memset(l3, 0, 4096);
    dsb();
    *entry = (uintptr_t)l3 | DESC_TABLE | DESC_VALID;
    return l3;
}

bool p2m_map_page(struct p2m *p2m, uint32_t ipa, uintptr_t pa, enum p2m_type type)
{
    uint64_t *l3 = l3_table(p2m, ipa);
    if (l3 == NULL || ((ipa | pa) & 0xfff))
        return false;
    uint64_t attr = type == P2M_DEVICE ? S2_MEMATTR_DEV | XN : S2_MEMATTR_WB | SH_INNER;
    uint64_t access = type == P2M_RAM_RO ? S2AP_RO : S2AP_RW;
    l3[(ipa >> 12) & 511] = pa | AF | access | attr | DESC_PAGE | DESC_VALID;
    p2m_flush(p2m);
    return true;
}

bool p2m_unmap_page(struct p2m *p2m, uint32_t ipa)
{
    uint64_t *l3 = l3_table(p2m, ipa);
    if (l3 == NULL)
        return false;
    l3[(ipa >> 12) & 511] = 0;
    p2m_flush(p2m);
    return true;
}

bool p2m_lookup(const struct p2m *p2m, uint32_t ipa, uintptr_t *pa)
{
    uint64_t *l2 = (uint64_t *)(uintptr_t)(p2m->root[ipa >> 30] & 0xfffff000u);
    uint64_t e = l2[(ipa >> 21) & 511];
    if (!(e & DESC_VALID))
        return false;
    if (!(e & DESC_TABLE)) {
        *pa = (uintptr_t)(e & 0xffe00000u) | (ipa & 0x1fffff);
        return true;
    }
    e = ((uint64_t *)(uintptr_t)(e & 0xfffff000u))[(ipa >> 12) & 511];
    if (!(e & DESC_VALID))
        return false;
    *pa = (uintptr_t)(e & 0xfffff000u) | (ipa & 0xfff);
    return true;
}

void p2m_flush(const struct p2m *p2m)
{
    /* The walker reads the tables from memory; then no CPU may keep a stale translation of
     * this VMID: TLBIALLNSNHIS removes every non-Hyp entry on all CPUs of the Inner Shareable
     * domain (B4.2.3). Coarser than needed (every VMID), but rare: only when a domain's map
     * changes after it started. */
    (void)p2m;
    dsb();
    __asm__ volatile("mcr p15, 4, %0, c8, c3, 4" :: "r"(0));                    /* TLBIALLNSNHIS */
    dsb();
    isb();
}

void p2m_activate(const struct p2m *p2m)
{
    uint64_t vttbr = (uintptr_t)p2m->root | (uint64_t)p2m->vmid << 48;     /* B4.1.160 */
    __asm__ volatile("mcr p15, 4, %0, c2, c1, 2" :: "r"(VTCR_VALUE));          /* VTCR */
    __asm__ volatile("mcrr p15, 6, %0, %1, c2" :: "r"((uint32_t)vttbr), "r"((uint32_t)(vttbr >> 32)));
    isb();      /* no TLB maintenance: entries are tagged with the VMID, so domains never mix */
}
