/* vtimer.c: the guest's two generic timers, handled as Xen handles them (XEN-ABI.md §8.5).
 *
 * The virtual timer (CNTV_*) belongs to the guest: it programs the real registers without
 * trapping, and they count the virtual count, the physical count less CNTVOFF (ARM ARM B8.1.3),
 * which is set per domain so that its virtual time starts at 0. When it fires while the guest
 * runs, the interrupt comes to the hypervisor like every physical one; the hypervisor masks
 * the timer (CNTV_CTL.IMASK, or the interrupt would fire again at once) and hands the guest
 * virtual interrupt 27. The guest's handler writes CNTV_CTL, which clears the mask. While the
 * vCPU is switched out, its timer is saved, the hardware one disabled, and the scheduler keeps
 * its deadline, so that a vCPU sleeping in WFI wakes when its timer is due.
 *
 * The physical timer (CNTP_*) is emulated: CNTHCTL.PL1PCEN = 0 makes every guest access trap
 * (ARM ARM B8.1, the Generic Timer's PL2 controls), the hypervisor keeps CTL and CVAL, and when the compare value passes it sends
 * virtual interrupt 30. */
#include "vtimer.h"
#include "domain.h"
#include "sched.h"
#include "vgic.h"

#define CTL_ENABLE      (1u << 0)
#define CTL_IMASK       (1u << 1)
#define CTL_ISTATUS     (1u << 2)
#define NEVER           (~0ull)

void vtimer_save(struct vcpu *v)
{
    uint32_t lo, hi;
    __asm__ volatile("mrc p15, 0, %0, c14, c3, 1" : "=r"(v->cntv_ctl));          /* CNTV_CTL */
    __asm__ volatile("mrrc p15, 3, %0, %1, c14" : "=r"(lo), "=r"(hi));           /* CNTV_CVAL */
    v->cntv_cval = (uint64_t)hi << 32 | lo;
    __asm__ volatile("mcr p15, 0, %0, c14, c3, 1" :: "r"(0));   /* off: not for the next vCPU */
    isb();
}

void vtimer_restore(struct vcpu *v)
{
    uint64_t off = v->domain->cntvoff;
    __asm__ volatile("mcrr p15, 4, %0, %1, c14" :: "r"((uint32_t)off), "r"((uint32_t)(off >> 32)));  /* CNTVOFF */
    __asm__ volatile("mcrr p15, 3, %0, %1, c14" :: "r"((uint32_t)v->cntv_cval), "r"((uint32_t)(v->cntv_cval >> 32)));
    __asm__ volatile("mcr p15, 0, %0, c14, c3, 1" :: "r"(v->cntv_ctl & (CTL_ENABLE | CTL_IMASK)));
    isb();
}

void vtimer_reset_state(struct vcpu *v)
{
    v->cntv_ctl = 0;
    v->cntv_cval = 0;
    v->ptimer.ctl = 0;
    v->ptimer.cval = 0;
    v->ptimer.fired = false;
}

void vtimer_interrupt(void)
{
    struct vcpu *v = current_vcpu;
    uint32_t ctl;
    __asm__ volatile("mrc p15, 0, %0, c14, c3, 1" : "=r"(ctl));
    if (v == NULL) {
        __asm__ volatile("mcr p15, 0, %0, c14, c3, 1" :: "r"(0));
        return;
    }
    if ((ctl & (CTL_ENABLE | CTL_IMASK | CTL_ISTATUS)) == (CTL_ENABLE | CTL_ISTATUS)) {
        __asm__ volatile("mcr p15, 0, %0, c14, c3, 1" :: "r"(ctl | CTL_IMASK));
        isb();
        vgic_inject(v, VIRQ_TIMER_VIRT);
    }
}

static uint64_t vtimer_due(const struct vcpu *v)
{
    /* Only a switched-out vCPU's: a running one's virtual timer is in the hardware. */
    if (v->state == VCPU_RUNNING || v->state == VCPU_DEAD || v->state == VCPU_OFFLINE
        || (v->cntv_ctl & (CTL_ENABLE | CTL_IMASK)) != CTL_ENABLE)
        return NEVER;
    uint64_t off = v->domain->cntvoff;
    if (v->cntv_cval > NEVER - off)
        return NEVER;                               /* beyond the physical count's range */
    return v->cntv_cval + off;                      /* in physical counter ticks */
}

static uint64_t ptimer_due(const struct vcpu *v)
{
    if (v->state == VCPU_DEAD || v->state == VCPU_OFFLINE || v->ptimer.fired
        || (v->ptimer.ctl & (CTL_ENABLE | CTL_IMASK)) != CTL_ENABLE)
        return NEVER;
    return v->ptimer.cval;
}

uint64_t vtimer_deadline(const struct vcpu *v)
{
    uint64_t a = vtimer_due(v), b = ptimer_due(v);
    return a < b ? a : b;
}

void vtimer_expire(struct vcpu *v, uint64_t now)
{
    if (vtimer_due(v) <= now) {
        v->cntv_ctl |= CTL_IMASK;                   /* as the running case does */
        vgic_inject(v, VIRQ_TIMER_VIRT);
    }
    if (ptimer_due(v) <= now) {
        v->ptimer.fired = true;
        vgic_inject(v, VIRQ_TIMER_PHYS);
    }
}

/* CNTP_CTL as the guest reads it: ISTATUS says whether the compare value has passed. */
static uint32_t ptimer_ctl(const struct vcpu *v)
{
    uint32_t ctl = v->ptimer.ctl;
    if ((ctl & CTL_ENABLE) && now() >= v->ptimer.cval)
        ctl |= CTL_ISTATUS;
    return ctl;
}

/* The fields of a trapped coprocessor access (B3.13.6, ISS for EC 0x03 and 0x04). */
#define ISS_READ(h)     ((h) & 1)
#define ISS_CRM(h)      (((h) >> 1) & 15)
#define ISS_RT(h)       (((h) >> 5) & 15)
#define ISS_CRN(h)      (((h) >> 10) & 15)
#define ISS_RT2(h)      (((h) >> 10) & 15)
#define ISS_OPC1(h)     (((h) >> 14) & 7)
#define ISS_OPC1_64(h)  (((h) >> 16) & 15)
#define ISS_OPC2(h)     (((h) >> 17) & 7)
#define EC_CP15_32      0x03

bool vtimer_cp15(struct cpu_regs *regs, uint32_t hsr)
{
    struct vcpu *v = current_vcpu;
    uint32_t rt = ISS_RT(hsr);
    if ((hsr >> 26) == EC_CP15_32) {
        /* CNTP_TVAL is c14, c2, 0 and CNTP_CTL c14, c2, 1, both with opc1 0 (B8.2). */
        if (ISS_CRN(hsr) != 14 || ISS_CRM(hsr) != 2 || ISS_OPC1(hsr) != 0 || ISS_OPC2(hsr) > 1)
            return false;
        bool ctl = ISS_OPC2(hsr) == 1;
        if (ISS_READ(hsr)) {
            set_guest_reg(regs, rt, ctl ? ptimer_ctl(v) : (uint32_t)(v->ptimer.cval - now()));
        } else if (ctl) {
            v->ptimer.ctl = guest_reg(regs, rt) & (CTL_ENABLE | CTL_IMASK);
            v->ptimer.fired = false;
        } else {
            v->ptimer.cval = now() + (uint64_t)(int64_t)(int32_t)guest_reg(regs, rt);   /* TVAL is signed */
            v->ptimer.fired = false;
        }
        return true;
    }
    /* CNTP_CVAL is MRRC/MCRR p15, 2, Rt, Rt2, c14. */
    if (ISS_CRM(hsr) != 14 || ISS_OPC1_64(hsr) != 2)
        return false;
    if (ISS_READ(hsr)) {
        set_guest_reg(regs, rt, (uint32_t)v->ptimer.cval);
        set_guest_reg(regs, ISS_RT2(hsr), (uint32_t)(v->ptimer.cval >> 32));
    } else {
        v->ptimer.cval = (uint64_t)guest_reg(regs, ISS_RT2(hsr)) << 32 | guest_reg(regs, rt);
        v->ptimer.fired = false;
    }
    return true;
}
