/* vtimer.h: the guest's generic timers (ARM ARM B8). */
#ifndef VTIMER_H
#define VTIMER_H

#include "regs.h"
#include "vcpu.h"

/* Context switch of the virtual timer, which the guest programs directly. */
void vtimer_save(struct vcpu *v);
void vtimer_restore(struct vcpu *v);
/* Back to the timers' reset state (disabled). */
void vtimer_reset_state(struct vcpu *v);
/* The virtual timer's physical interrupt arrived while a guest ran. */
void vtimer_interrupt(void);
/* The physical count at which v's timers next need the hypervisor (~0: never), and what to do
 * when that time has come. */
uint64_t vtimer_deadline(const struct vcpu *v);
void vtimer_expire(struct vcpu *v, uint64_t now);
/* A trapped MRC/MCR (EC 0x03) or MRRC/MCRR (EC 0x04) of the physical timer; false if the
 * access is to some other register. */
bool vtimer_cp15(struct cpu_regs *regs, uint32_t hsr);

#endif
