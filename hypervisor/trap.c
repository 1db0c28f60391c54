/* trap.c: what the hypervisor does with an exception taken to Hyp mode. With no guests yet,
 * every one is unexpected: report the syndrome (HSR, ARM ARM B3.13.6) and where it happened
 * (ELR_hyp), then stop. */
#include "trap.h"
#include "console.h"

extern char hyp_vectors[];

void trap_init(void)
{
    __asm__ volatile("mcr p15, 4, %0, c12, c0, 0" :: "r"(hyp_vectors));   /* HVBAR */
    isb();
}

static const char *vector_name(uint32_t vector)
{
    switch (vector) {
    case 0x04: return "undefined instruction";
    case 0x08: return "hypervisor call";
    case 0x0c: return "prefetch abort";
    case 0x10: return "data abort";
    case 0x14: return "hyp trap";
    case 0x18: return "IRQ";
    case 0x1c: return "FIQ";
    default:   return "exception";
    }
}

void hyp_trap(uint32_t vector, const uint32_t *regs)
{
    uint32_t hsr, elr, hdfar;
    __asm__ volatile("mrc p15, 4, %0, c5, c2, 0" : "=r"(hsr));     /* HSR */
    __asm__ volatile("mrs %0, elr_hyp" : "=r"(elr));
    __asm__ volatile("mrc p15, 4, %0, c6, c0, 0" : "=r"(hdfar));   /* HDFAR */
    panic("unexpected %s in Hyp mode at %08x: HSR %08x (EC %02x), HDFAR %08x, r0 %08x lr %08x\n",
          vector_name(vector), elr, hsr, hsr >> 26, hdfar, regs[0], regs[13]);
}
