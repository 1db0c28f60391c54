/* guest.c: guest memory as the hypervisor sees it. The hardware does the translation: ATS12NSOPR
 * asks the MMU to walk the guest's stage 1 and then stage 2, as a PL1 read would, and PAR holds
 * the machine address or the fault (ARM ARM B4.2.6). Hyp mode maps RAM one to one (mm.c), so
 * that address can be read directly. */
#include "guest.h"

#define PAR_F       (1u << 0)           /* the walk faulted */
#define PAR_LPAE    (1u << 11)          /* 64-bit format: PA[39:12] in bits [39:12] */

static bool guest_va_to_pa(uint32_t va, uintptr_t *pa)
{
    uint32_t lo, hi;
    __asm__ volatile("mcr p15, 0, %0, c7, c8, 4" :: "r"(va));       /* ATS12NSOPR */
    isb();
    __asm__ volatile("mrrc p15, 0, %0, %1, c7" : "=r"(lo), "=r"(hi)); /* PAR, 64 bits */
    if (lo & PAR_F)
        return false;
    if ((lo & PAR_LPAE) && (hi & 0xff) != 0)
        return false;                   /* PA[39:32]: above 4 GiB, outside Hyp's map */
    *pa = (lo & 0xfffff000u) | (va & 0xfffu);
    return true;
}

bool copy_from_guest(void *dst, uint32_t va, uint32_t n)
{
    uint8_t *d = dst;
    while (n) {
        uintptr_t pa;
        if (!guest_va_to_pa(va, &pa))
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
