/* input.c: the console's input, as Xen shares it (XEN-ABI.md §7, "Press Ctrl-A three times to
 * switch Xen console input"): keystrokes go to the hypervisor or to one domain at a time, and
 * CTRL-a typed three times in a row moves them on to the next domain, and from the last back
 * to the hypervisor. A domain reads them from its emulated UART (vpl011.c). The hypervisor
 * itself understands two keys: 'h' for help and 'd' to list the domains and their vCPUs. */
#include "input.h"
#include "board.h"
#include "console.h"
#include "domain.h"
#include "gic.h"
#include "uart.h"
#include "vpl011.h"

#define CTRL_A      0x01

static uint32_t focus;          /* 0: the hypervisor; else the domain id */
static uint32_t ctrl_a_seen;

static void say_focus(void)
{
    if (focus == 0)
        printk("*** Serial input to the hypervisor (type 'CTRL-a' three times to switch input)\n");
    else
        printk("*** Serial input to DOM%u (type 'CTRL-a' three times to switch input)\n", focus);
}

void input_init(void)
{
    if (uart_irq() == 0)
        return;
    gic_route(uart_irq(), 0);                   /* to CPU0 */
    gic_enable(uart_irq());
    uart_rx_enable();
    say_focus();
}

/* The next domain still alive after the one with the focus, or 0 (the hypervisor). */
static uint32_t next_focus(void)
{
    for (uint32_t id = focus + 1; domain_by_id(id); id++)
        if (!domain_by_id(id)->dead)
            return id;
    return 0;
}

static const char *const state_names[] = { "offline", "runnable", "running", "blocked", "dead" };

static void hypervisor_key(int c)
{
    if (c == 'd') {
        for (uint32_t id = 1; domain_by_id(id); id++) {
            struct domain *d = domain_by_id(id);
            for (uint32_t i = 0; i < d->nr_vcpus; i++) {
                struct vcpu *v = &d->vcpu[i];
                if (v->state == VCPU_RUNNING)
                    printk("d%u vCPU %u: running on CPU%u\n", id, i, v->pcpu);
                else
                    printk("d%u vCPU %u: %s, pc %08x\n", id, i, state_names[v->state], v->regs.pc);
            }
        }
    } else if (c == 'h') {
        printk("'d' lists the domains and their vCPUs; 'CTRL-a' three times switches input\n");
    }
}

void input_interrupt(void)
{
    int c;
    while ((c = uart_getc()) >= 0) {
        if (c == CTRL_A && ++ctrl_a_seen == 3) {
            ctrl_a_seen = 0;
            focus = next_focus();
            say_focus();
            continue;
        }
        if (c != CTRL_A)
            ctrl_a_seen = 0;
        struct domain *d = domain_by_id(focus);
        if (focus == 0 || d == NULL || d->dead)
            hypervisor_key(c);
        else
            vpl011_receive(d, (char)c);
    }
    uart_rx_ack();
}
