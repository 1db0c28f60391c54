/* irq.h: physical interrupts, taken by the hypervisor. */
#ifndef IRQ_H
#define IRQ_H

#include "regs.h"

/* The SGI one CPU sends another to make it look at its vCPUs again. */
#define SGI_KICK    1

/* Acknowledges and handles every interrupt pending at this CPU's interface. */
void handle_irqs(void);
/* A physical interrupt arrived while a guest ran (entry.S, the Hyp IRQ vector). */
void guest_irq(struct cpu_regs *regs);

#endif
