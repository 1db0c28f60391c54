/* vcpu.c: a virtual CPU's state, and moving it on and off a physical CPU. What a guest owns is
 * exactly what it can see or change from PL1 and PL0: its general-purpose registers in every
 * mode, its PL1 system registers (MMU, faults, thread IDs, vectors), its timers, and its view
 * of the GIC. Xen switches the same set (XEN-ABI.md §8.6). The hypervisor's own registers (HCR,
 * VTTBR and the other Hyp registers) are set from the domain on the way in. */
#include "vcpu.h"
#include "domain.h"
#include "vgic.h"
#include "vtimer.h"

/* Xen's initial guest state (XEN-ABI.md §6): SVC mode with IRQ, FIQ and asynchronous aborts
 * masked (PSR_GUEST32_INIT), MMU and caches off (SCTLR_GUEST_INIT). */
#define PSR_GUEST_INIT      0x400001d3u
#define SCTLR_GUEST_INIT    0x00c50078u

/* HCR (B4.1.65), as Xen sets it for a guest (XEN-ABI.md §8.1): VM (stage 2 on), SWIO (set/way
 * invalidate becomes clean+invalidate), FMO/IMO/AMO (physical interrupts and aborts to Hyp
 * mode, virtual ones to the guest), FB and BSU (a guest's TLB, cache and branch predictor
 * maintenance and its barriers reach every CPU of the Inner Shareable domain: its vCPUs move
 * between physical CPUs), TWI/TWE (WFI and WFE trap: a waiting vCPU gives its
 * physical CPU away), TSC (SMC traps: PSCI works through it too), TAC (ACTLR traps: it is the
 * CPU's, not the guest's; trap.c lets the guest read it and ignores writes, as Xen does). */
#define HCR_VM      (1u << 0)
#define HCR_SWIO    (1u << 1)
#define HCR_FMO     (1u << 3)
#define HCR_IMO     (1u << 4)
#define HCR_AMO     (1u << 5)
#define HCR_FB      (1u << 9)
#define HCR_BSU_IS  (1u << 10)
#define HCR_TWI     (1u << 13)
#define HCR_TWE     (1u << 14)
#define HCR_TSC     (1u << 19)
#define HCR_TAC     (1u << 21)
#define HCR_GUEST   (HCR_VM | HCR_SWIO | HCR_FMO | HCR_IMO | HCR_AMO | HCR_FB | HCR_BSU_IS | HCR_TWI | HCR_TWE \
                     | HCR_TSC | HCR_TAC)

void vcpu_reset(struct vcpu *v, uint32_t entry)
{
    memset(&v->regs, 0, sizeof(v->regs));
    memset(&v->banked, 0, sizeof(v->banked));
    memset(&v->cp15, 0, sizeof(v->cp15));
    v->regs.pc = entry & ~1u;
    v->regs.cpsr = PSR_GUEST_INIT | (entry & 1u) << 5;     /* bit 0 of the entry: Thumb */
    v->cp15.sctlr = SCTLR_GUEST_INIT;
    vtimer_reset_state(v);
    vgic_vcpu_reset(v);
    v->fresh = true;
    v->last_pcpu = ~0u;
}

#define MRC(crn, op1, crm, op2, v)  __asm__ volatile("mrc p15, " #op1 ", %0, " #crn ", " #crm ", " #op2 : "=r"(v))
#define MCR(crn, op1, crm, op2, v)  __asm__ volatile("mcr p15, " #op1 ", %0, " #crn ", " #crm ", " #op2 :: "r"(v))
#define MRRC(op1, crm, v)   do { uint32_t lo_, hi_; \
        __asm__ volatile("mrrc p15, " #op1 ", %0, %1, " #crm : "=r"(lo_), "=r"(hi_)); \
        (v) = (uint64_t)hi_ << 32 | lo_; } while (0)
#define MCRR(op1, crm, v)   __asm__ volatile("mcrr p15, " #op1 ", %0, %1, " #crm \
        :: "r"((uint32_t)(v)), "r"((uint32_t)((uint64_t)(v) >> 32)))
#define MRS(reg, v)     __asm__ volatile("mrs %0, " reg : "=r"(v))
#define MSR(reg, v)     __asm__ volatile("msr " reg ", %0" :: "r"(v))

static void save_banked(struct banked_regs *b)
{
    MRS("sp_usr", b->sp_usr);
    MRS("sp_svc", b->sp_svc); MRS("lr_svc", b->lr_svc); MRS("spsr_svc", b->spsr_svc);
    MRS("sp_abt", b->sp_abt); MRS("lr_abt", b->lr_abt); MRS("spsr_abt", b->spsr_abt);
    MRS("sp_und", b->sp_und); MRS("lr_und", b->lr_und); MRS("spsr_und", b->spsr_und);
    MRS("sp_irq", b->sp_irq); MRS("lr_irq", b->lr_irq); MRS("spsr_irq", b->spsr_irq);
    MRS("r8_fiq", b->r8_fiq); MRS("r9_fiq", b->r9_fiq); MRS("r10_fiq", b->r10_fiq);
    MRS("r11_fiq", b->r11_fiq); MRS("r12_fiq", b->r12_fiq);
    MRS("sp_fiq", b->sp_fiq); MRS("lr_fiq", b->lr_fiq); MRS("spsr_fiq", b->spsr_fiq);
}

static void restore_banked(const struct banked_regs *b)
{
    MSR("sp_usr", b->sp_usr);
    MSR("sp_svc", b->sp_svc); MSR("lr_svc", b->lr_svc); MSR("spsr_svc", b->spsr_svc);
    MSR("sp_abt", b->sp_abt); MSR("lr_abt", b->lr_abt); MSR("spsr_abt", b->spsr_abt);
    MSR("sp_und", b->sp_und); MSR("lr_und", b->lr_und); MSR("spsr_und", b->spsr_und);
    MSR("sp_irq", b->sp_irq); MSR("lr_irq", b->lr_irq); MSR("spsr_irq", b->spsr_irq);
    MSR("r8_fiq", b->r8_fiq); MSR("r9_fiq", b->r9_fiq); MSR("r10_fiq", b->r10_fiq);
    MSR("r11_fiq", b->r11_fiq); MSR("r12_fiq", b->r12_fiq);
    MSR("sp_fiq", b->sp_fiq); MSR("lr_fiq", b->lr_fiq); MSR("spsr_fiq", b->spsr_fiq);
}

static void save_cp15(struct cp15_regs *c)
{
    MRC(c1, 0, c0, 0, c->sctlr);
    MRC(c1, 0, c0, 2, c->cpacr);
    MRRC(0, c2, c->ttbr0);
    MRRC(1, c2, c->ttbr1);
    MRC(c2, 0, c0, 2, c->ttbcr);
    MRC(c3, 0, c0, 0, c->dacr);
    MRC(c5, 0, c0, 0, c->dfsr);
    MRC(c5, 0, c0, 1, c->ifsr);
    MRC(c5, 0, c1, 0, c->adfsr);
    MRC(c5, 0, c1, 1, c->aifsr);
    MRC(c6, 0, c0, 0, c->dfar);
    MRC(c6, 0, c0, 2, c->ifar);
    MRRC(0, c7, c->par);
    MRC(c10, 0, c2, 0, c->prrr);
    MRC(c10, 0, c2, 1, c->nmrr);
    MRC(c10, 0, c3, 0, c->amair0);
    MRC(c10, 0, c3, 1, c->amair1);
    MRC(c12, 0, c0, 0, c->vbar);
    MRC(c13, 0, c0, 1, c->contextidr);
    MRC(c13, 0, c0, 2, c->tpidrurw);
    MRC(c13, 0, c0, 3, c->tpidruro);
    MRC(c13, 0, c0, 4, c->tpidrprw);
    MRC(c0, 2, c0, 0, c->csselr);
    MRC(c14, 0, c1, 0, c->cntkctl);
}

static void restore_cp15(const struct cp15_regs *c)
{
    /* The translation registers before SCTLR, so the MMU never runs on another guest's tables. */
    MCR(c3, 0, c0, 0, c->dacr);
    MCR(c2, 0, c0, 2, c->ttbcr);
    MCRR(0, c2, c->ttbr0);
    MCRR(1, c2, c->ttbr1);
    MCR(c10, 0, c2, 0, c->prrr);
    MCR(c10, 0, c2, 1, c->nmrr);
    MCR(c10, 0, c3, 0, c->amair0);
    MCR(c10, 0, c3, 1, c->amair1);
    MCR(c5, 0, c0, 0, c->dfsr);
    MCR(c5, 0, c0, 1, c->ifsr);
    MCR(c5, 0, c1, 0, c->adfsr);
    MCR(c5, 0, c1, 1, c->aifsr);
    MCR(c6, 0, c0, 0, c->dfar);
    MCR(c6, 0, c0, 2, c->ifar);
    MCRR(0, c7, c->par);
    MCR(c12, 0, c0, 0, c->vbar);
    MCR(c13, 0, c0, 1, c->contextidr);
    MCR(c13, 0, c0, 2, c->tpidrurw);
    MCR(c13, 0, c0, 3, c->tpidruro);
    MCR(c13, 0, c0, 4, c->tpidrprw);
    MCR(c0, 2, c0, 0, c->csselr);
    MCR(c14, 0, c1, 0, c->cntkctl);
    MCR(c1, 0, c0, 2, c->cpacr);
    MCR(c1, 0, c0, 0, c->sctlr);
}

void vcpu_save(struct vcpu *v, const struct cpu_regs *frame)
{
    if (v->fresh) {
        /* Reset while it ran (PSCI SYSTEM_RESET): keep the reset state, just leave the CPU's
         * timer and list registers clean for the next vCPU. */
        vtimer_save(v);
        vgic_save(v);
        vtimer_reset_state(v);
        vgic_vcpu_reset(v);
        return;
    }
    v->regs = *frame;
    save_banked(&v->banked);
    save_cp15(&v->cp15);
    vtimer_save(v);
    vgic_save(v);
}

void vcpu_restore(struct vcpu *v, struct cpu_regs *frame)
{
    struct domain *d = v->domain;
    p2m_activate(&d->p2m);
    if (v->last_pcpu != this_cpu()->id) {
        /* It ran elsewhere last: this CPU's TLB may hold translations of this VMID the guest
         * has since invalidated there. TLBIALL in Hyp mode removes the current VMID's PL1&0
         * entries on this CPU (ARM ARM B4.2.2), as Xen does when a vCPU migrates. */
        __asm__ volatile("mcr p15, 0, %0, c8, c7, 0\n dsb\n isb" :: "r"(0) : "memory");
        v->last_pcpu = this_cpu()->id;
    }
    /* VMPIDR: what the guest reads as MPIDR: bit 31 (the multiprocessor format) and its vCPU
     * number as Aff0, as Xen gives it (XEN-ABI.md §6, vcpuid_to_vaffinity). */
    MCR(c0, 4, c0, 5, 0x80000000u | v->id);
    MCR(c1, 4, c1, 0, HCR_GUEST);
    restore_cp15(&v->cp15);
    restore_banked(&v->banked);
    vtimer_restore(v);
    vgic_restore(v);
    isb();
    *frame = v->regs;
    v->fresh = false;
}
