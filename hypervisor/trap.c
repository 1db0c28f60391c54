/* trap.c: what the hypervisor does with an exception taken to Hyp mode. A guest's trap is
 * dispatched on its syndrome's exception class (HSR.EC, ARM ARM B3.13.6), as Xen's
 * do_trap_guest_sync does (XEN-ABI.md §8.2); an exception in the hypervisor itself is a bug,
 * reported with its syndrome and address, and this CPU stops. */
#include "trap.h"
#include "console.h"
#include "domain.h"
#include "hypercall.h"
#include "mmio.h"

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

#define EC_HVC          0x12
#define EC_DABT_GUEST   0x24
#define XEN_HYPERCALL_TAG   0xea1

static uint32_t read_hsr(void)
{
    uint32_t hsr;
    __asm__ volatile("mrc p15, 4, %0, c5, c2, 0" : "=r"(hsr));
    return hsr;
}

void guest_trap(struct cpu_regs *regs)
{
    uint32_t hsr = read_hsr();
    uint32_t ec = hsr >> 26;
    if (ec == EC_HVC && (hsr & 0xffff) == XEN_HYPERCALL_TAG) {
        do_hypercall(regs);             /* ELR_hyp already points past the HVC */
    } else if (ec == EC_DABT_GUEST) {
        do_data_abort(regs, hsr);       /* an emulated device, or nothing there */
    } else {
        /* TODO(issue 6): WFI/WFE, PSCI, trapped CP15, undefined HVC immediates. */
        printk("d%u: unhandled trap at %08x: HSR %08x (EC %02x)\n", current->id, regs->pc, hsr, ec);
        domain_kill(current, "crashed");
    }
    if (current->dead)
        schedule();                     /* never comes back here */
}
