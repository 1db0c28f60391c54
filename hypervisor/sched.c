/* sched.c: the scheduler. Every vCPU of every domain is in one round-robin queue, and each
 * physical CPU takes the next runnable one whenever the one it runs stops (WFI, shutdown,
 * PSCI CPU_OFF) or has used its time slice. The slice is measured by the Hyp timer
 * (CNTHP, ARM ARM B8.1.4), so a guest that never traps (a CPU hog) is still interrupted and
 * the others get their turn. A CPU with nothing to run waits in WFI for an interrupt: a timer
 * of a waiting vCPU, or a kick from the other CPU.
 *
 * Switching vCPUs needs no stack tricks: a guest's registers are in the trap frame at the top
 * of this CPU's stack; switching saves the frame (and the rest of the state, vcpu.c) into the
 * old vCPU and loads the new one's into the frame, and the ERET at the end of the trap enters
 * whichever vCPU the frame now holds. */
#include "sched.h"
#include "board.h"
#include "console.h"
#include "domain.h"
#include "gic.h"
#include "irq.h"
#include "power.h"
#include "spinlock.h"
#include "vgic.h"
#include "vtimer.h"

#define MAX_CPUS        4
#define NEVER           (~0ull)

static spinlock_t lock;
static struct pcpu pcpus[MAX_CPUS];
static uint32_t cursor = ~0u;          /* the vCPU picked last (none yet): the queue goes on after it */
static uint64_t slice;                  /* a time slice in counter ticks: 1 ms */
static bool powering_off;

void hyp_lock(void) { spin_lock(&lock); }
void hyp_unlock(void) { spin_unlock(&lock); }

uint64_t now(void)
{
    uint32_t lo, hi;
    isb();                                          /* not read early (B8.1.2) */
    __asm__ volatile("mrrc p15, 0, %0, %1, c14" : "=r"(lo), "=r"(hi));    /* CNTPCT */
    return (uint64_t)hi << 32 | lo;
}

/* The Hyp timer fires at 'when' (CNTHP_CVAL, CNTHP_CTL.ENABLE; ARM ARM B8.1, the PL2 timer). */
static void program_timer(uint64_t when)
{
    if (when == NEVER) {
        __asm__ volatile("mcr p15, 4, %0, c14, c2, 1" :: "r"(0));          /* CNTHP_CTL: off */
        return;
    }
    __asm__ volatile("mcrr p15, 6, %0, %1, c14" :: "r"((uint32_t)when), "r"((uint32_t)(when >> 32)));
    __asm__ volatile("mcr p15, 4, %0, c14, c2, 1" :: "r"(1));              /* enabled, unmasked */
    isb();
}

void sched_init_cpu(uint32_t cpu)
{
    struct pcpu *p = &pcpus[cpu];
    p->id = cpu;
    __asm__ volatile("mcr p15, 4, %0, c13, c0, 2" :: "r"(p));             /* HTPIDR */
    /* CNTHCTL (ARM ARM B8.1, PL2 controls): guests may read the physical counter (PL1PCTEN) but not touch the
     * physical timer (PL1PCEN = 0): its registers trap and are emulated (vtimer.c), as on Xen. */
    __asm__ volatile("mcr p15, 4, %0, c14, c1, 0" :: "r"(1));
    if (cpu == 0) {
        uint32_t frequency;
        __asm__ volatile("mrc p15, 0, %0, c14, c0, 0" : "=r"(frequency));  /* CNTFRQ */
        slice = frequency / 1000;
    }
    gic_enable(board.maintenance_irq);
    gic_enable(board.timer_irq[3]);                 /* the Hyp timer */
    gic_enable(board.timer_irq[2]);                 /* the virtual timer, forwarded to guests */
    gic_enable(SGI_KICK);
}

/* A vCPU whose registers another CPU still has: made runnable again (a domain reboot) before
 * that CPU, kicked, has saved it. It must not run in two places. */
static bool held_elsewhere(const struct vcpu *v)
{
    for (uint32_t cpu = 0; cpu < MAX_CPUS; cpu++)
        if (cpu != this_cpu()->id && pcpus[cpu].vcpu == v)
            return true;
    return false;
}

/* The next runnable vCPU after the one picked last, or NULL. */
static struct vcpu *pick_next(void)
{
    uint32_t total = 0;
    while (vcpu_at(total))
        total++;
    for (uint32_t n = 1; n <= total; n++) {
        uint32_t i = (cursor + n) % total;          /* ~0 + 1 wraps to 0: d1 first */
        struct vcpu *v = vcpu_at(i);
        if (v->state == VCPU_RUNNABLE && !held_elsewhere(v)) {
            cursor = i;
            return v;
        }
    }
    return NULL;
}

/* When this CPU must next look at the time: the running vCPU's slice ends, or some vCPU's
 * timer is due (vtimer.c knows which). */
static uint64_t next_deadline(const struct vcpu *running)
{
    uint64_t when = running ? running->slice_end : NEVER;
    for (uint32_t i = 0; vcpu_at(i); i++) {
        uint64_t due = vtimer_deadline(vcpu_at(i));
        if (due < when)
            when = due;
    }
    return when;
}

void sched_tick(void)
{
    /* The timer's interrupt is a level: it stays asserted until the timer is reprogrammed,
     * which the way out of the hypervisor does. Until then, off. */
    program_timer(NEVER);
    uint64_t t = now();
    for (uint32_t i = 0; vcpu_at(i); i++)
        vtimer_expire(vcpu_at(i), t);
    struct vcpu *v = current_vcpu;
    if (v && t >= v->slice_end) {
        bool others = false;
        for (uint32_t i = 0; vcpu_at(i); i++)
            others |= vcpu_at(i)->state == VCPU_RUNNABLE;
        if (others)
            this_cpu()->resched = true;             /* round robin: someone else's turn */
        else
            v->slice_end = t + slice;
    }
}

/* Nothing to run: wait for an interrupt with the lock dropped, handle it, look again. IRQs
 * stay masked in Hyp mode; WFI still wakes on one (B1.8.13), and irq.c takes it by hand. */
static struct vcpu *idle(void)
{
    if (domains_alive() == 0) {
        if (!powering_off) {
            powering_off = true;
            printk("No domains left: powering off\n");
        }
        power_off();
    }
    struct pcpu *p = this_cpu();
    p->idle = true;
    program_timer(next_deadline(NULL));
    hyp_unlock();
    __asm__ volatile("dsb\n wfi" ::: "memory");
    hyp_lock();
    p->idle = false;
    handle_irqs();
    return pick_next();
}

static void reschedule(struct cpu_regs *frame)
{
    struct pcpu *p = this_cpu();
    struct vcpu *prev = p->vcpu;
    p->resched = false;
    if (prev && prev->state == VCPU_RUNNING)
        prev->state = VCPU_RUNNABLE;                /* back in the queue, behind the others */
    struct vcpu *next = pick_next();
    /* A switch: prev's state leaves the CPU. Also when prev runs on but was reset meanwhile
     * (PSCI SYSTEM_RESET): its saved reset state, not the trap frame, is what must run. */
    if (next == NULL || next != prev || next->fresh) {
        if (prev)
            vcpu_save(prev, frame);
        p->vcpu = NULL;
        while (next == NULL)
            next = idle();
        vcpu_restore(next, frame);
    }
    next->state = VCPU_RUNNING;
    next->pcpu = p->id;
    next->slice_end = now() + slice;
    p->vcpu = next;
}

void leave_hypervisor(struct cpu_regs *frame)
{
    struct pcpu *p = this_cpu();
    if (p->resched || p->vcpu == NULL || p->vcpu->state != VCPU_RUNNING)
        reschedule(frame);
    vgic_flush(p->vcpu);
    program_timer(next_deadline(p->vcpu));
    hyp_unlock();
}

void sched_start(void)
{
    struct cpu_regs frame;
    hyp_lock();
    this_cpu()->vcpu = NULL;
    leave_hypervisor(&frame);
    return_to_guest(&frame);
}

/* A CPU waiting in idle() gets an SGI so that it looks at the queue again. */
static void kick_idle_cpu(void)
{
    for (uint32_t cpu = 0; cpu < MAX_CPUS; cpu++)
        if (pcpus[cpu].idle && cpu != this_cpu()->id) {
            gic_send_sgi(1u << cpu, SGI_KICK);
            return;
        }
}

void sched_wake(struct vcpu *v)
{
    if (v->state != VCPU_OFFLINE && v->state != VCPU_BLOCKED)
        return;
    v->state = VCPU_RUNNABLE;
    kick_idle_cpu();
}

void sched_block(struct vcpu *v)
{
    vgic_sync(v);
    if (!vgic_has_pending(v))
        v->state = VCPU_BLOCKED;
}

void sched_yield(struct vcpu *v)
{
    (void)v;
    this_cpu()->resched = true;
}

void sched_notify_cpu(uint32_t cpu)
{
    gic_send_sgi(1u << cpu, SGI_KICK);
}

void sched_notify(struct vcpu *v)
{
    if (v->state == VCPU_BLOCKED)
        sched_wake(v);
    else if (v->state == VCPU_RUNNING && v->pcpu != this_cpu()->id)
        gic_send_sgi(1u << v->pcpu, SGI_KICK);
}
