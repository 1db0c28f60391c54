/* trap.c: what the hypervisor does with an exception taken to Hyp mode. A guest's trap is
 * dispatched on its syndrome's exception class (HSR.EC, ARM ARM B3.13.6), as Xen's
 * do_trap_guest_sync does (XEN-ABI.md §8.2); an exception in the hypervisor itself is a bug,
 * reported with its syndrome and address, and this CPU stops. */
#include "trap.h"
#include "console.h"
#include "domain.h"
#include "hypercall.h"
#include "inject.h"
#include "mmio.h"
#include "psci.h"
#include "sched.h"
#include "vtimer.h"

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

/* Exception classes (HSR.EC, B3.13.6) a guest can cause. */
#define EC_WFI_WFE      0x01
#define EC_CP15_32      0x03
#define EC_CP15_64      0x04
#define EC_HVC          0x12
#define EC_SMC          0x13
#define EC_IABT_GUEST   0x20
#define EC_DABT_GUEST   0x24
#define XEN_HYPERCALL_TAG   0xea1

#define ISS_CV          (1u << 24)          /* the COND field is valid */
#define ISS_COND(h)     (((h) >> 20) & 15)
#define ISS_WFE         (1u << 0)
#define HSR_IL          (1u << 25)

static uint32_t read_hsr(void)
{
    uint32_t hsr;
    __asm__ volatile("mrc p15, 4, %0, c5, c2, 0" : "=r"(hsr));
    return hsr;
}

/* A conditional instruction may trap even when its condition fails; the hypervisor must then
 * do nothing but skip it (B3.13.6, "conditional execution"; the flags are in the guest's CPSR). */
static bool condition_passed(uint32_t hsr, uint32_t cpsr)
{
    if (!(hsr & ISS_CV))
        return true;                        /* unconditional, or the CPU checked already */
    bool n = cpsr >> 31 & 1, z = cpsr >> 30 & 1, c = cpsr >> 29 & 1, v = cpsr >> 28 & 1;
    bool result;
    switch (ISS_COND(hsr) >> 1) {
    case 0: result = z; break;                      /* EQ */
    case 1: result = c; break;                      /* CS */
    case 2: result = n; break;                      /* MI */
    case 3: result = v; break;                      /* VS */
    case 4: result = c && !z; break;                /* HI */
    case 5: result = n == v; break;                 /* GE */
    case 6: result = n == v && !z; break;           /* GT */
    default: return true;                           /* AL */
    }
    return (ISS_COND(hsr) & 1) ? !result : result;
}

static void skip_instruction(struct cpu_regs *regs, uint32_t hsr)
{
    regs->pc += hsr & HSR_IL ? 4 : 2;
}

/* ACTLR (MRC/MCR p15, 0, Rt, c1, c0, 1) trapped by HCR.TAC: the guest reads the CPU's value;
 * a write is ignored (B3.13.6 ISS fields: Opc2 [19:17], Opc1 [16:14], CRn [13:10], Rt [8:5],
 * CRm [4:1], direction [0] = read). */
static bool cp15_actlr(struct cpu_regs *regs, uint32_t hsr)
{
    if ((hsr >> 26) != EC_CP15_32 || ((hsr >> 17) & 7) != 1 || ((hsr >> 14) & 7) != 0
        || ((hsr >> 10) & 15) != 1 || ((hsr >> 1) & 15) != 0)
        return false;
    if (hsr & 1) {
        uint32_t actlr;
        __asm__ volatile("mrc p15, 0, %0, c1, c0, 1" : "=r"(actlr));
        set_guest_reg(regs, (hsr >> 5) & 15, actlr);
    }
    return true;
}

void guest_trap(struct cpu_regs *regs)
{
    hyp_lock();
    struct vcpu *v = current_vcpu;
    uint32_t hsr = read_hsr();
    uint32_t ec = hsr >> 26;
    switch (ec) {
    case EC_WFI_WFE:
        /* A vCPU waiting for an interrupt gives its CPU away (Xen: WFI blocks, WFE yields). */
        if (condition_passed(hsr, regs->cpsr)) {
            if (hsr & ISS_WFE)
                sched_yield(v);
            else
                sched_block(v);
        }
        skip_instruction(regs, hsr);
        break;
    case EC_CP15_32:
    case EC_CP15_64:
        if (!condition_passed(hsr, regs->cpsr) || vtimer_cp15(regs, hsr) || cp15_actlr(regs, hsr)) {
            skip_instruction(regs, hsr);
        } else {
            /* Some other system register that traps: UNDEFINED for the guest, as on Xen
             * (vcpreg.c). ELR_hyp is the trapped instruction itself. */
            if (guest_fault_log())
                printk("d%u: CP15 access at %08x (HSR %08x) is not emulated: undefined instruction injected\n",
                       current->id, regs->pc, hsr);
            inject_undefined(regs);
        }
        break;
    case EC_HVC:
        /* ELR_hyp already points past the HVC (B1.8.3: the preferred return address). */
        if ((hsr & 0xffff) == XEN_HYPERCALL_TAG)
            do_hypercall(regs);
        else if ((hsr & 0xffff) == 0)
            do_psci(regs);              /* SMCCC: PSCI through HVC #0 (XEN-ABI.md §9) */
        else {
            /* Neither: an undefined instruction for the guest, as on Xen (XEN-ABI.md §1).
             * Stepping back to the HVC gives LR_und = the HVC + 4 (+ 2 in Thumb state), as if
             * the HVC itself were undefined (Xen 4.17 does not step back: its LR_und is the
             * HVC + 8). */
            if (guest_fault_log())
                printk("d%u: HVC #0x%x at %08x is not a hypercall: undefined instruction injected\n",
                       current->id, hsr & 0xffff, regs->pc - 4);
            regs->pc -= 4;              /* HVC is 4 bytes in ARM and Thumb state */
            inject_undefined(regs);
        }
        break;
    case EC_SMC:
        /* HCR.TSC: SMC traps before it executes, so ELR_hyp is the SMC itself (B1.8.3). */
        if (condition_passed(hsr, regs->cpsr))
            do_psci(regs);
        skip_instruction(regs, hsr);
        break;
    case EC_DABT_GUEST:
        do_data_abort(regs, hsr);       /* an emulated device, or nothing there */
        break;
    case EC_IABT_GUEST:
        do_instruction_abort(regs);     /* executing where there is nothing (inject.c) */
        break;
    default:
        /* Anything else the guest did that trapped: UNDEFINED, as Xen's "Unknown Guest Trap". */
        if (guest_fault_log())
            printk("d%u: unknown trap at %08x: HSR %08x (EC %02x): undefined instruction injected\n",
                   current->id, regs->pc, hsr, ec);
        inject_undefined(regs);
    }
    leave_hypervisor(regs);             /* maybe another vCPU's registers in 'regs' now */
}
