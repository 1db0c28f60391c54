/* event_channel.h: event channels, Xen's virtual interrupts between domains (XEN-ABI.md §2.3,
 * §4), in the 2-level ABI. */
#ifndef EVENT_CHANNEL_H
#define EVENT_CHANNEL_H

#include "types.h"

struct domain;
struct vcpu;
struct cpu_regs;

/* Ports 1 to 63 per domain (port 0 is reserved); Xen gives a dom0less domU up to 1023. */
#define EVTCHN_PORTS    64
#define NR_VIRQS        24
#define EVTCHN_VCPUS    2               /* MAX_VCPUS of domain.h */

enum evtchn_state {
    ECS_FREE,                           /* must be 0: a new domain's ports are all free */
    ECS_UNBOUND,                        /* waiting for remote_dom to bind to it */
    ECS_INTERDOMAIN,                    /* connected to remote_dom's remote_port */
    ECS_VIRQ,                           /* bound to virtual IRQ 'virq' of vCPU 'vcpu' */
    ECS_IPI,                            /* a vCPU's doorbell for the domain's own vCPUs */
};

struct evtchn {
    uint8_t state;
    uint8_t vcpu;                       /* the vCPU its events go to */
    uint16_t remote_dom;
    uint32_t remote_port;               /* or, bound to a VIRQ, its number */
};

struct evtchn_domain {
    struct evtchn port[EVTCHN_PORTS];
    uint8_t virq_port[EVTCHN_VCPUS][NR_VIRQS];  /* the port each VIRQ is bound to, or 0 */
    uintptr_t vcpu_info[EVTCHN_VCPUS];  /* where VCPUOP_register_vcpu_info put it, or 0 */
    int32_t polling[EVTCHN_VCPUS];      /* in SCHEDOP_poll: 0 no, -1 for any port, or the port */
    uint64_t dummy_vcpu_info[EVTCHN_VCPUS][6];  /* vCPU 1's until it registers one (Xen's dummy) */
};

/* event_channel_op(cmd, arg) for the calling domain d. */
int32_t do_event_channel_op(struct domain *d, uint32_t cmd, uint32_t arg);
/* SCHEDOP_poll: returns at once if one of the ports is pending, else blocks the vCPU until an
 * event comes (the timeout is ignored). */
int32_t evtchn_poll(struct vcpu *v, const struct cpu_regs *regs, uint32_t arg);
/* VCPUOP_register_vcpu_info: vCPU v's vcpu_info moves to guest frame gfn, at 'offset'. */
int32_t evtchn_register_vcpu_info(struct vcpu *v, uint64_t gfn, uint32_t offset);
/* Raises VIRQ 'virq' of vCPU v, if the domain bound it (nothing in this hypervisor does yet). */
void evtchn_send_virq(struct vcpu *v, uint32_t virq);
/* The domain goes: every port is closed (a peer's end becomes unbound, as on Xen). */
void evtchn_domain_destroy(struct domain *d);

#endif
