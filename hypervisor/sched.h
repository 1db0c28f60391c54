/* sched.h: sharing the physical CPUs among the vCPUs. */
#ifndef SCHED_H
#define SCHED_H

#include "regs.h"
#include "vcpu.h"

/* One lock for everything the two CPUs share (domains, vCPUs, virtual GICs), taken on every
 * entry from a guest and dropped just before the return. Xen uses many fine-grained locks;
 * one makes every handler read as if only one CPU existed, and two CPUs hardly contend. */
void hyp_lock(void);
void hyp_unlock(void);

/* This CPU's part of the scheduler: its pcpu record and timer; CPU0 also the run queue. */
void sched_init_cpu(uint32_t cpu);
/* This CPU starts running vCPUs, and never comes back. */
void sched_start(void) __attribute__((noreturn));

/* Last thing before every return to a guest (the lock held): switch vCPUs if this one
 * stopped or its time is up, put pending interrupts into the list registers, drop the lock. */
void leave_hypervisor(struct cpu_regs *frame);

/* The vCPU becomes runnable (it was offline or blocked). */
void sched_wake(struct vcpu *v);
/* The running vCPU waits for an interrupt (WFI, SCHEDOP_block), unless one is pending. */
void sched_block(struct vcpu *v);
/* The running vCPU gives the rest of its time slice away (WFE, SCHEDOP_yield). */
void sched_yield(struct vcpu *v);
/* Something changed for v (an interrupt for it): wake it if it waits, and if it runs on the
 * other CPU, interrupt that CPU so it refills v's list registers. */
void sched_notify(struct vcpu *v);

/* The Hyp timer fired: guests' timers that are due, and the end of a time slice. */
void sched_tick(void);

/* Interrupts physical CPU 'cpu' (an SGI), so that it looks at its vCPU again. */
void sched_notify_cpu(uint32_t cpu);

/* The physical counter (CNTPCT, ARM ARM B8.1.1), as the hypervisor's clock. */
uint64_t now(void);

#endif
