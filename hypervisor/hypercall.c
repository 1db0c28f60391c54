/* hypercall.c: Xen's hypercalls, by number (XEN-ABI.md §1.1). A guest gets what Xen would
 * give it; anything not implemented answers -ENOSYS, as Xen does for hypercalls it lacks. */
#include "hypercall.h"
#include "console.h"
#include "domain.h"
#include "guest.h"
#include "sched.h"

#define __HYPERVISOR_console_io     18
#define __HYPERVISOR_sched_op       29

#define CONSOLEIO_write             0
#define CONSOLEIO_read              1
#define SCHEDOP_yield               0
#define SCHEDOP_block               1
#define SCHEDOP_shutdown            2

#define ENOSYS      38
#define EFAULT      14
#define EINVAL      22

static const char *const shutdown_reasons[] = { "poweroff", "reboot", "suspend", "crash", "watchdog", "soft_reset" };

/* console_io write: the bytes go to the domain's console (domain_console_putc). */
static int32_t console_write(struct domain *d, uint32_t count, uint32_t buffer)
{
    for (uint32_t i = 0; i < count; i++) {
        char c;
        if (!copy_from_guest(&c, buffer + i, 1))
            return -EFAULT;
        domain_console_putc(d, c);
    }
    return 0;
}

static int32_t sched_op(struct domain *d, struct cpu_regs *regs)
{
    uint32_t cmd = regs->r[0], arg = regs->r[1];
    if (cmd == SCHEDOP_yield) {
        sched_yield(current_vcpu);
        return 0;
    }
    if (cmd == SCHEDOP_block) {
        /* "Enable events" on ARM: unmask IRQs in the guest's CPSR (XEN-ABI.md §2.2), so the
         * interrupt that wakes it is also taken. */
        regs->cpsr &= ~(1u << 7);
        sched_block(current_vcpu);
        return 0;
    }
    if (cmd != SCHEDOP_shutdown)
        return -ENOSYS;
    uint32_t reason;
    if (!copy_from_guest(&reason, arg, sizeof(reason)))
        return -EFAULT;
    char why[40] = "shut down (";
    const char *r = reason < 6 ? shutdown_reasons[reason] : "unknown reason";
    size_t n = strlen(why);
    for (; *r && n < sizeof(why) - 2; r++)
        why[n++] = *r;
    why[n++] = ')';
    why[n] = 0;
    domain_kill(d, why);
    return 0;
}

void do_hypercall(struct cpu_regs *regs)
{
    int32_t result;
    switch (regs->r[12]) {
    case __HYPERVISOR_console_io:
        if (regs->r[0] == CONSOLEIO_write)
            result = console_write(current, regs->r[1], regs->r[2]);
        else if (regs->r[0] == CONSOLEIO_read)
            result = 0;                 /* no console input is switched to domains yet */
        else
            result = -ENOSYS;
        break;
    case __HYPERVISOR_sched_op:
        result = sched_op(current, regs);
        break;
    default:
        result = -ENOSYS;
    }
    regs->r[0] = (uint32_t)result;
}
