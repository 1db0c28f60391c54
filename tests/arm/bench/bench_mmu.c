/* bench_mmu: the bench workload with the memory system in the way, as a guest of a hypervisor
 * runs: stage 2 on (HCR.VM, LPAE tables set up in Hyp mode), then in SVC mode stage 1 on
 * (short-descriptor sections). Identity mappings everywhere, so the workload computes exactly
 * what bench.elf computes; ./hyplab bench compares the two speeds (the MMU-on slowdown). */
#include "runtime.h"

/* Stage 2, level 1: four 1 GiB blocks for a 32-bit IPA space (VTCR.T0SZ = 0, SL0 = 1). */
static uint64_t stage2[4] __attribute__((aligned(32)));
/* Stage 1, short descriptors: 4096 sections of 1 MiB. */
static uint32_t stage1[4096] __attribute__((aligned(16384)));

#define S2_BLOCK(pa, memattr) ((uint64_t)(pa) | 1u << 10 | 3u << 8 | 3u << 6 | (memattr) << 2 | 1u)

static void enable_stage2(void)
{
    stage2[0] = S2_BLOCK(0x00000000u, 0x1u);   /* devices (UART0, system registers): Device */
    stage2[1] = S2_BLOCK(0x40000000u, 0x1u);
    stage2[2] = S2_BLOCK(0x80000000u, 0xFu);   /* RAM: Normal, write-back */
    stage2[3] = S2_BLOCK(0xC0000000u, 0xFu);
    uint64_t vttbr = (uint64_t)(uintptr_t)stage2 | (uint64_t)1 << 48;   /* VMID 1 */
    __asm__ volatile("mcrr p15, 6, %Q0, %R0, c2" :: "r"(vttbr));
    __asm__ volatile("mcr p15, 4, %0, c2, c1, 2" :: "r"(0x80003540u));  /* VTCR: T0SZ 0, SL0 1, WBWA, IS */
    __asm__ volatile("mcr p15, 4, %0, c1, c1, 0" :: "r"(1u));           /* HCR.VM */
    __asm__ volatile("isb");
}

static void enable_stage1(void)
{
    for (uint32_t i = 0; i < 4096; i++) {
        uint32_t memory = i >= 0x800 ? 0xCu : 0x4u;   /* RAM: C = B = 1 (write-back); else Device */
        stage1[i] = i << 20 | 3u << 10 | memory | 2u;  /* AP = 0b011, domain 0, section */
    }
    __asm__ volatile("mcr p15, 0, %0, c3, c0, 0" :: "r"(1u));            /* DACR: domain 0 client */
    __asm__ volatile("mcr p15, 0, %0, c2, c0, 2" :: "r"(0u));            /* TTBCR: N = 0, short format */
    __asm__ volatile("mcr p15, 0, %0, c2, c0, 0" :: "r"((uint32_t)(uintptr_t)stage1));
    __asm__ volatile("mcr p15, 0, %0, c8, c7, 0" :: "r"(0u));            /* TLBIALL */
    uint32_t sctlr;
    __asm__ volatile("mrc p15, 0, %0, c1, c0, 0" : "=r"(sctlr));
    __asm__ volatile("mcr p15, 0, %0, c1, c0, 0" :: "r"(sctlr | 1u));    /* SCTLR.M */
    __asm__ volatile("isb");
}

#define BENCH_SETUP() do { enable_stage2(); drop_to_svc(); enable_stage1(); } while (0)
#include "bench.c"
