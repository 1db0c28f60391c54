/* vcpu.h: a virtual CPU: everything a guest owns of a physical CPU, saved while it does not run. */
#ifndef VCPU_H
#define VCPU_H

#include "regs.h"
#include "vgic.h"

struct domain;

enum vcpu_state {
    VCPU_OFFLINE,       /* not started yet (PSCI CPU_ON), or switched off (CPU_OFF) */
    VCPU_RUNNABLE,      /* waiting for a physical CPU */
    VCPU_RUNNING,       /* on a physical CPU now */
    VCPU_BLOCKED,       /* in WFI or SCHEDOP_block: waits for an interrupt */
    VCPU_DEAD,          /* its domain is gone */
};

/* The modes' banked registers (ARM ARM B1.3.2): each exception mode has its own SP, LR and
 * SPSR, FIQ also r8-r12. The trap frame has r0-r12 and LR_usr only. */
struct banked_regs {
    uint32_t sp_usr;
    uint32_t sp_svc, lr_svc, spsr_svc;
    uint32_t sp_abt, lr_abt, spsr_abt;
    uint32_t sp_und, lr_und, spsr_und;
    uint32_t sp_irq, lr_irq, spsr_irq;
    uint32_t r8_fiq, r9_fiq, r10_fiq, r11_fiq, r12_fiq, sp_fiq, lr_fiq, spsr_fiq;
};

/* The PL1 system registers a guest's kernel programs (ARM ARM B4.1): its MMU, fault and thread
 * registers, and its timers' controls. */
struct cp15_regs {
    uint32_t sctlr, cpacr, ttbcr, dacr, dfsr, ifsr, adfsr, aifsr, dfar, ifar, prrr, nmrr, amair0, amair1;
    uint32_t vbar, contextidr;
    uint32_t tpidrurw, tpidruro, tpidrprw, csselr, cntkctl;
    uint64_t ttbr0, ttbr1, par;
};

/* The emulated physical timer (CNTP_*): the guest's accesses trap (CNTHCTL.PL1PCEN = 0). */
struct ptimer {
    uint32_t ctl;               /* ENABLE and IMASK as the guest wrote them */
    uint64_t cval;              /* compare value, in physical counter ticks */
    bool fired;                 /* its interrupt was sent for this compare value */
};

/* The GIC's virtual CPU interface as this vCPU left it (GIC architecture 5.3). */
struct vgic_cpu_state {
    uint32_t lr[4], apr, vmcr, hcr;
    uint8_t lr_irq[4];          /* which interrupt each list register holds; 0xff: none */
};

struct vcpu {
    struct domain *domain;
    uint32_t id;                /* within the domain: 0, 1 */
    enum vcpu_state state;
    uint32_t pcpu;              /* the physical CPU it runs on, when RUNNING */
    struct cpu_regs regs;       /* r0-r12, LR_usr, PC and CPSR */
    struct banked_regs banked;
    struct cp15_regs cp15;
    uint32_t cntv_ctl;          /* the virtual timer: the guest's own, in hardware when it runs */
    uint64_t cntv_cval;
    struct ptimer ptimer;
    struct vgic_cpu_state gic;
    struct vgic_irq local[32];  /* its SGIs and PPIs, banked per vCPU in the distributor */
    uint64_t slice_end;         /* physical count when its time slice ends */
    bool fresh;                 /* reset since it last ran: its saved state is the one to load */
    uint32_t last_pcpu;         /* the physical CPU it ran on last (~0: none yet) */
};

/* Per physical CPU: what it runs. HTPIDR (B4.1.74) points at this CPU's own. */
struct pcpu {
    uint32_t id;
    struct vcpu *vcpu;          /* NULL when idle */
    bool resched;               /* pick again before returning to the guest */
    bool idle;                  /* waiting in WFI for a vCPU to run */
};

static inline struct pcpu *this_cpu(void)
{
    struct pcpu *p;
    __asm__ volatile("mrc p15, 4, %0, c13, c0, 2" : "=r"(p));      /* HTPIDR */
    return p;
}

/* Resets the vCPU to Xen's initial guest state (XEN-ABI.md §6) at 'entry'. */
void vcpu_reset(struct vcpu *v, uint32_t entry);
/* Moves the vCPU's state out of this physical CPU / into it (context switch). The trap frame
 * is the running guest's registers in both. */
void vcpu_save(struct vcpu *v, const struct cpu_regs *frame);
void vcpu_restore(struct vcpu *v, struct cpu_regs *frame);

#endif
