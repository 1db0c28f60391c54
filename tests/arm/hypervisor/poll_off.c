/* poll_off: a vCPU that was polling an event channel, woken by something else, and then
 * switched off (PSCI CPU_OFF) must stay off when the event finally comes. vCPU 0 makes a
 * loop-back channel (alloc_unbound for itself, then bind_interdomain to that port), starts
 * vCPU 1, which polls the first port (the bound one starts pending, Xen's bind does that, so it
 * would not wait); vCPU 0 wakes it with an SGI instead, vCPU 1 switches itself off, and only
 * then does vCPU 0 send on the bound port, which makes the polled one pending. Run with two vCPUs. Not a teaching
 * guest: a test of hypervisor/event_channel.c. */
#include "print.h"

#define GICD            0x03001000u
#define GICD_SGIR       0xf00

static volatile uint32_t polling, bound_port;
uint8_t stack1[2048] __attribute__((aligned(8)));

__asm__(
    "    .text\n"
    "secondary_entry:\n"
    "    ldr     sp, =stack1 + 2048\n"
    "    bl      secondary_main\n"
    "    b       .\n");
extern char secondary_entry[];

void secondary_main(void)
{
    uint32_t port = bound_port;
    polling = 1;
    sched_poll_one(&port);              /* woken by vCPU 0's SGI, not by the port */
    polling = 2;
    psci(PSCI_CPU_OFF, 0, 0, 0);
    print("poll_off: vCPU 1 still here after CPU_OFF: woken by the event it once polled\n");
    for (;;)
        __asm__ volatile("wfi");
}

int main(void)
{
    struct evtchn_alloc_unbound a = { DOMID_SELF, DOMID_SELF, 0 };
    evtchn_op(EVTCHNOP_alloc_unbound, &a);
    struct evtchn_bind_interdomain b = { DOMID_SELF, a.port, 0 };
    evtchn_op(EVTCHNOP_bind_interdomain, &b);
    bound_port = a.port;                /* the port vCPU 1 polls: not pending yet */
    psci(PSCI_CPU_ON, 1, (uint32_t)secondary_entry, 0);
    while (polling != 1)
        sched_yield();
    for (volatile uint32_t spins = 0; spins < 20000; spins++)
        ;
    *(volatile uint32_t *)(GICD + GICD_SGIR) = (1u << 1) << 16 | 7;     /* SGI 7 to vCPU 1 */
    while (psci(PSCI_AFFINITY_INFO, 1, 0, 0) != 1)
        sched_yield();
    struct evtchn_port_op send = { b.local_port };
    evtchn_op(EVTCHNOP_send, &send);        /* a.port, vCPU 1's old poll, becomes pending */
    for (uint32_t i = 0; i < 20; i++)
        sched_yield();
    print(psci(PSCI_AFFINITY_INFO, 1, 0, 0) == 1 ? "poll_off: vCPU 1 stayed off after the event\n"
                                                 : "poll_off: vCPU 1 came back on\n");
    shutdown(SHUTDOWN_poweroff);
    return 0;
}
