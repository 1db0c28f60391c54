/* mmu.h: translation table descriptors, built by small functions named after the ARM ARM's
 * descriptor kinds, for the short-descriptor format (B3.5), the long-descriptor format used by
 * PL1 with TTBCR.EAE=1 and by Hyp mode (B3.6), and stage 2 (B3.6). */
#ifndef MMU_H
#define MMU_H

#include <stdint.h>

/* ---- Short-descriptor format (ARM ARM B3.5) ------------------------------------------------ */
/* Access permissions as the 3-bit value AP[2]:AP[1:0] (B3.7, SCTLR.AFE=0):
 * 0 no access, 1 PL1 RW, 2 PL1 RW / PL0 RO, 3 RW for all, 5 PL1 RO, 7 RO for all. */
#define SD_XN_SECTION   (1u << 4)
#define SD_XN_SMALL     (1u << 0)
#define SD_XN_LARGE     (1u << 15)
#define SD_NG_SECTION   (1u << 17)
#define SD_NG_PAGE      (1u << 11)

/* Memory types (TEX, C, B; B3.8): Normal write-back write-allocate, and shareable Device. */
#define SD_NORMAL_SECTION   ((1u << 12) | (1u << 3) | (1u << 2))
#define SD_DEVICE_SECTION   (1u << 2)
#define SD_NORMAL_SMALL     ((1u << 6) | (1u << 3) | (1u << 2))
#define SD_NORMAL_LARGE     ((1u << 12) | (1u << 3) | (1u << 2))

static inline uint32_t sd_ap_section(uint32_t ap)
{
    return ((ap & 3) << 10) | ((ap >> 2) << 15);
}

static inline uint32_t sd_ap_page(uint32_t ap)
{
    return ((ap & 3) << 4) | ((ap >> 2) << 9);
}

/* First level: a 1 MB section. */
static inline uint32_t sd_section(uint32_t pa, uint32_t domain, uint32_t ap, uint32_t attrs)
{
    return (pa & 0xfff00000u) | sd_ap_section(ap) | (domain << 5) | attrs | 2;
}

/* First level: a 16 MB supersection (bit 18); it must be repeated in 16 consecutive entries.
 * Supersections have no domain field: they are in domain 0. */
static inline uint32_t sd_supersection(uint32_t pa, uint32_t ap, uint32_t attrs)
{
    return (pa & 0xff000000u) | (1u << 18) | sd_ap_section(ap) | attrs | 2;
}

/* First level: a pointer to a second-level table of 256 entries (1 KB aligned). */
static inline uint32_t sd_page_table(const uint32_t *table, uint32_t domain)
{
    return ((uint32_t)table & 0xfffffc00u) | (domain << 5) | 1;
}

/* Second level: a 4 KB small page. */
static inline uint32_t sd_small_page(uint32_t pa, uint32_t ap, uint32_t attrs)
{
    return (pa & 0xfffff000u) | sd_ap_page(ap) | attrs | 2;
}

/* Second level: a 64 KB large page; it must be repeated in 16 consecutive entries. */
static inline uint32_t sd_large_page(uint32_t pa, uint32_t ap, uint32_t attrs)
{
    return (pa & 0xffff0000u) | sd_ap_page(ap) | attrs | 1;
}

/* ---- Long-descriptor format (ARM ARM B3.6) ------------------------------------------ */
#define LD_TABLE        3ull            /* levels 1 and 2 */
#define LD_BLOCK        1ull            /* levels 1 (1 GB) and 2 (2 MB) */
#define LD_PAGE         3ull            /* level 3 (4 KB) */
#define LD_ATTRINDX(i)  ((uint64_t)(i) << 2)
#define LD_AP(ap)       ((uint64_t)(ap) << 6)   /* AP[2:1]: 0 PL1 RW, 1 RW, 2 PL1 RO, 3 RO */
#define LD_SH_INNER     (3ull << 8)
#define LD_AF           (1ull << 10)
#define LD_NG           (1ull << 11)
#define LD_PXN          (1ull << 53)
#define LD_XN           (1ull << 54)

/* Stage 2 (B3.6): MemAttr[3:0], HAP (S2AP) read b6 / write b7, no AP[1], no nG, no PXN. */
#define S2_MEMATTR(m)   ((uint64_t)(m) << 2)
#define S2_NORMAL       S2_MEMATTR(0xf)         /* Normal, outer and inner write-back */
#define S2_DEVICE       S2_MEMATTR(0x1)         /* Device */
#define S2_READ         (1ull << 6)
#define S2_WRITE        (1ull << 7)

static inline uint64_t ld_table(const uint64_t *next)
{
    return (uint64_t)(uint32_t)next | LD_TABLE;
}

static inline uint64_t ld_block(uint64_t pa, uint64_t attrs)
{
    return pa | attrs | LD_BLOCK;
}

static inline uint64_t ld_page(uint64_t pa, uint64_t attrs)
{
    return pa | attrs | LD_PAGE;
}

#endif
