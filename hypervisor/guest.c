/* guest.c: guest memory as the hypervisor sees it. The hardware does the translation: ATS12NSOPR
 * asks the MMU to walk the guest's stage 1 and then stage 2, as a PL1 read would, and PAR holds
 * the machine address or the fault (ARM ARM B4.2.6). Hyp mode maps RAM one to one (mm.c), so
 * that address can be read directly. */
#include "guest.h"
#include "board.h"
#include "mm.h"

#define PAR_F       (1u << 0)           /* the walk faulted */
#define PAR_LPAE    (1u << 11)          /* 64-bit format: PA[39:12] in bits [39:12] */

static bool guest_va_to_pa(uint32_t va, uintptr_t *pa, bool write)
{
    uint32_t lo, hi, saved_lo, saved_hi;
    /* PAR is the guest's own register (a guest uses ATS too): keep its value. */
    __asm__ volatile("mrrc p15, 0, %0, %1, c7" : "=r"(saved_lo), "=r"(saved_hi));
    if (write)
        __asm__ volatile("mcr p15, 0, %0, c7, c8, 5" :: "r"(va));   /* ATS12NSOPW */
    else
        __asm__ volatile("mcr p15, 0, %0, c7, c8, 4" :: "r"(va));   /* ATS12NSOPR */
    isb();
    __asm__ volatile("mrrc p15, 0, %0, %1, c7" : "=r"(lo), "=r"(hi)); /* PAR, 64 bits */
    __asm__ volatile("mcrr p15, 0, %0, %1, c7" :: "r"(saved_lo), "r"(saved_hi));
    if (lo & PAR_F)
        return false;
    if ((lo & PAR_LPAE) && (hi & 0xff) != 0)
        return false;                   /* PA[39:32]: above 4 GiB, outside Hyp's map */
    *pa = (lo & 0xfffff000u) | (va & 0xfffu);
    return true;
}

/* A guest may hand the hypervisor the address of a page that stage 2 maps to a device (the
 * GIC's virtual CPU interface): reading or writing it there would program the hardware (reading
 * GICV_IAR acknowledges an interrupt). Only RAM is copied: the guest's own, or a page the
 * hypervisor shares with it. */
static bool is_ram(uintptr_t pa)
{
    return pa >= board.ram_base && pa - board.ram_base < board.ram_size;
}

bool copy_from_guest(void *dst, uint32_t va, uint32_t n)
{
    uint8_t *d = dst;
    while (n) {
        uintptr_t pa;
        if (!guest_va_to_pa(va, &pa, false) || !is_ram(pa))
            return false;
        uint32_t chunk = 0x1000 - (va & 0xfff);     /* up to the end of this page */
        if (chunk > n)
            chunk = n;
        memcpy(d, (const void *)pa, chunk);
        d += chunk;
        va += chunk;
        n -= chunk;
    }
    return true;
}

bool copy_to_guest(uint32_t va, const void *src, uint32_t n)
{
    const uint8_t *s = src;
    while (n) {
        uintptr_t pa;
        if (!guest_va_to_pa(va, &pa, true) || !is_ram(pa))
            return false;
        uint32_t chunk = 0x1000 - (va & 0xfff);
        if (chunk > n)
            chunk = n;
        memcpy((void *)pa, s, chunk);
        mm_clean_dcache(pa, chunk);     /* a guest with its caches off reads memory, not cache */
        s += chunk;
        va += chunk;
        n -= chunk;
    }
    return true;
}
