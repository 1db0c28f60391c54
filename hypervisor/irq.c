/* irq.c: physical interrupts. While a guest runs, HCR.IMO routes every physical IRQ to Hyp
 * mode (ARM ARM B1.8.5); in Hyp mode the hypervisor keeps IRQs masked and takes them only
 * where it chooses (here, and in the scheduler's idle loop). Each is acknowledged at the GIC
 * CPU interface (GICC_IAR), handled, and ended (GICC_EOIR; GIC architecture 4.4). None of
 * them belongs to a guest directly: the virtual timer's is turned into a virtual interrupt for
 * the vCPU that owns the timer, the rest are the hypervisor's own. */
#include "irq.h"
#include "board.h"
#include "input.h"
#include "sched.h"
#include "uart.h"
#include "trap.h"
#include "vgic.h"
#include "vtimer.h"

#define GICC_IAR        0x00c
#define GICC_EOIR       0x010
#define SPURIOUS        1020            /* IDs 1020-1023: nothing (more) to acknowledge */

void handle_irqs(void)
{
    for (;;) {
        uint32_t iar = mmio_read(board.gicc + GICC_IAR);
        uint32_t id = iar & 0x3ff;
        if (id >= SPURIOUS)
            return;
        if (id == board.timer_irq[3])
            sched_tick();                       /* Hyp timer: slices and guests' timers */
        else if (id == board.timer_irq[2])
            vtimer_interrupt();                 /* the running guest's virtual timer */
        else if (id == board.maintenance_irq)
            vgic_maintenance();                 /* list registers ran low */
        else if (id == uart_irq())
            input_interrupt();                  /* a keystroke on the console */
        /* SGI_KICK needs nothing more: the return to the guest looks at everything. */
        mmio_write(board.gicc + GICC_EOIR, iar);
    }
}

void guest_irq(struct cpu_regs *regs)
{
    hyp_lock();
    handle_irqs();
    leave_hypervisor(regs);
}
