/* mm.c: Hyp mode's stage-1 translation, always in the LPAE format (ARM ARM B3.6). The map is
 * the identity, built from 1 GiB blocks at level 1 (HTCR.T0SZ = 0: a 32-bit address space,
 * four level-1 entries): a block that holds RAM is Normal write-back memory, every other block
 * Device memory and never executable. The identity keeps every address the hypervisor already
 * holds (the device tree's, the boot modules', its own) valid after the MMU is on. */
#include "mm.h"
#include "board.h"

/* HMAIR0 (B4.1.104): attribute 0 Normal, inner and outer write-back read/write-allocate;
 * attribute 1 Device. */
#define ATTR_NORMAL     0
#define ATTR_DEVICE     1
#define HMAIR0_VALUE    (0xffu | 0x04u << 8)

/* Level-1 block descriptor fields (B3.6.2). In Hyp mode AP[1] is should-be-one and AP[2] = 0
 * allows writes. */
#define DESC_BLOCK      1ull                    /* valid, bit 1 = 0: a block */
#define ATTR_INDEX(i)   ((uint64_t)(i) << 2)
#define AP_HYP_RW       (1ull << 6)
#define SH_INNER        (3ull << 8)
#define AF              (1ull << 10)
#define XN              (1ull << 54)

/* HTCR (B4.1.76): T0SZ 0, walks inner/outer write-back write-allocate, inner shareable;
 * bits 31 and 23 are should-be-one. */
#define HTCR_VALUE      ((1u << 31) | (1u << 23) | (3u << 12) | (1u << 10) | (1u << 8))

/* HSCTLR (B4.1.67): M (MMU), C (data cache), I (instruction cache). */
#define HSCTLR_M        (1u << 0)
#define HSCTLR_C        (1u << 2)
#define HSCTLR_I        (1u << 12)

#define CACHE_LINE      64                      /* Cortex-A15 (DDI 0438, 6.1) */

static uint64_t hyp_l1[4] __attribute__((aligned(32)));

void mm_init(void)
{
    uint64_t ram_start = board.ram_base, ram_end = board.ram_base + board.ram_size;
    for (uint64_t g = 0; g < 4; g++) {
        uint64_t start = g << 30, end = start + (1ull << 30);
        bool ram = start < ram_end && ram_start < end;
        hyp_l1[g] = start | AF | AP_HYP_RW | DESC_BLOCK
                  | (ram ? ATTR_INDEX(ATTR_NORMAL) | SH_INNER : ATTR_INDEX(ATTR_DEVICE) | XN);
    }
    dsb();
    mm_enable();
}

void mm_enable(void)
{
    uint64_t httbr = (uintptr_t)hyp_l1;
    __asm__ volatile("mcr p15, 4, %0, c10, c2, 0" :: "r"(HMAIR0_VALUE));     /* HMAIR0 */
    __asm__ volatile("mcr p15, 4, %0, c2, c0, 2" :: "r"(HTCR_VALUE));        /* HTCR */
    __asm__ volatile("mcrr p15, 4, %0, %1, c2" :: "r"((uint32_t)httbr), "r"((uint32_t)(httbr >> 32)));
    isb();
    __asm__ volatile("mcr p15, 4, %0, c8, c7, 0" :: "r"(0));                 /* TLBIALLH */
    __asm__ volatile("mcr p15, 0, %0, c7, c5, 0" :: "r"(0));                 /* ICIALLU */
    dsb();
    isb();
    uint32_t hsctlr;
    __asm__ volatile("mrc p15, 4, %0, c1, c0, 0" : "=r"(hsctlr));
    hsctlr |= HSCTLR_M | HSCTLR_C | HSCTLR_I;
    __asm__ volatile("mcr p15, 4, %0, c1, c0, 0" :: "r"(hsctlr));
    isb();
}

void mm_clean_dcache(uintptr_t addr, uint32_t size)
{
    for (uintptr_t a = addr & ~(uintptr_t)(CACHE_LINE - 1); a < addr + size; a += CACHE_LINE)
        __asm__ volatile("mcr p15, 0, %0, c7, c10, 1" :: "r"(a));             /* DCCMVAC */
    dsb();
}

void mm_invalidate_dcache(uintptr_t addr, uint32_t size)
{
    /* Clean as well: a line the hypervisor wrote and not yet cleaned must not be lost. */
    dsb();
    for (uintptr_t a = addr & ~(uintptr_t)(CACHE_LINE - 1); a < addr + size; a += CACHE_LINE)
        __asm__ volatile("mcr p15, 0, %0, c7, c14, 1" :: "r"(a));             /* DCCIMVAC */
    dsb();
}
