/* event_channel.c: event channels, Xen's doorbells (XEN-ABI.md §2.3, §4). A port is one end of
 * a channel: unbound (waiting for a named domain to connect), interdomain (connected to a port
 * of another domain, or of the same one), bound to a virtual IRQ, or a vCPU's IPI. Sending on
 * a port makes the other end pending, and the guest learns it from memory it shares with the
 * hypervisor, the 2-level ABI:
 *
 *   shared_info.evtchn_pending[]     one bit per port: this port has an event     (§3)
 *   shared_info.evtchn_mask[]        one bit per port: the guest wants no upcall
 *   vcpu_info.evtchn_pending_sel     one bit per 64 ports: look in that word
 *   vcpu_info.evtchn_upcall_pending  1: look at evtchn_pending_sel
 *
 * and from one interrupt, PPI 31, raised when upcall_pending goes from 0 to 1. The guest
 * clears the bits as it handles them; the hypervisor only ever sets them.
 *
 * The guest may run with its caches off and the hypervisor always runs with them on, so every
 * access here to the shared words is cleaned or invalidated to the point of coherency, and
 * atomic (the guest may change the same word on the other CPU). */
#include "event_channel.h"
#include "domain.h"
#include "guest.h"
#include "hypercall.h"
#include "memory.h"
#include "mm.h"
#include "sched.h"
#include "vgic.h"

#define EVTCHNOP_bind_interdomain   0
#define EVTCHNOP_bind_virq          1
#define EVTCHNOP_close              3
#define EVTCHNOP_send               4
#define EVTCHNOP_status             5
#define EVTCHNOP_alloc_unbound      6
#define EVTCHNOP_bind_ipi           7
#define EVTCHNOP_bind_vcpu          8
#define EVTCHNOP_unmask             9

/* EVTCHNOP_status answers (public/event_channel.h). */
#define EVTCHNSTAT_closed           0
#define EVTCHNSTAT_unbound          1
#define EVTCHNSTAT_interdomain      2
#define EVTCHNSTAT_virq             4
#define EVTCHNSTAT_ipi              5

/* Where the bits are (XEN-ABI.md §3): shared_info holds vCPU 0's vcpu_info at 0, then the
 * pending and mask bitmaps; in a vcpu_info, upcall_pending is byte 0 and pending_sel the
 * 64-bit word at 8. On ARM the words are 64 bits (xen_ulong_t): port p's selector bit is
 * p / 64. Little-endian, so bit p of a bitmap is bit p % 32 of 32-bit word p / 32. */
#define SHARED_PENDING              48
#define SHARED_MASK                 560
#define VCPU_INFO_SIZE              48
#define VCPU_UPCALL_PENDING         0
#define VCPU_PENDING_SEL            8
#define PORTS_2L                    4096    /* what the 2-level bitmaps can name */

#define VIRQ_TIMER      0
#define VIRQ_DEBUG      1
#define VIRQ_XENOPROF   7
#define VIRQ_XENPMU     13

/* --- the shared bits --------------------------------------------------------------------- */

static uint32_t *shared_word(uintptr_t base, uint32_t bit)
{
    uint32_t *w = (uint32_t *)(base + bit / 32 * 4);
    mm_invalidate_dcache((uintptr_t)w, 4);
    return w;
}

static bool test_and_set(uintptr_t base, uint32_t bit)
{
    uint32_t *w = shared_word(base, bit);
    uint32_t old = __atomic_fetch_or(w, 1u << bit % 32, __ATOMIC_SEQ_CST);
    mm_clean_dcache((uintptr_t)w, 4);
    return old & (1u << bit % 32);
}

static bool test_and_clear(uintptr_t base, uint32_t bit)
{
    uint32_t *w = shared_word(base, bit);
    uint32_t old = __atomic_fetch_and(w, ~(1u << bit % 32), __ATOMIC_SEQ_CST);
    mm_clean_dcache((uintptr_t)w, 4);
    return old & (1u << bit % 32);
}

static bool test(uintptr_t base, uint32_t bit)
{
    return *shared_word(base, bit) & (1u << bit % 32);
}

static uintptr_t shared_info(const struct domain *d)
{
    return xen_page(d, XEN_PAGE_SHARED_INFO);
}

/* vCPU 0 starts with the vcpu_info in shared_info; the others have none (Xen points them at a
 * dummy) until they register one in their own memory (VCPUOP_register_vcpu_info). */
static uintptr_t vcpu_info(struct vcpu *v)
{
    struct evtchn_domain *e = &v->domain->evtchn;
    if (e->vcpu_info[v->id])
        return e->vcpu_info[v->id];
    return v->id == 0 ? shared_info(v->domain) : (uintptr_t)e->dummy_vcpu_info[v->id];
}

/* --- delivery (XEN-ABI.md §4) ------------------------------------------------------------ */

static bool virq_is_global(uint32_t virq)
{
    return virq != VIRQ_TIMER && virq != VIRQ_DEBUG && virq != VIRQ_XENOPROF && virq != VIRQ_XENPMU;
}

/* Step 3: the upcall, only when upcall_pending goes from 0 to 1. */
static void mark_events_pending(struct vcpu *v)
{
    if (!test_and_set(vcpu_info(v) + VCPU_UPCALL_PENDING, 0))
        vgic_inject(v, VIRQ_EVTCHN);
}

/* Steps 1 and 2, and a vCPU waiting in SCHEDOP_poll for this port wakes up. */
static void set_pending(struct domain *d, uint32_t port)
{
    struct vcpu *v = &d->vcpu[d->evtchn.port[port].vcpu];
    if (test_and_set(shared_info(d) + SHARED_PENDING, port))
        return;                             /* pending already: events do not count */
    if (!test(shared_info(d) + SHARED_MASK, port)
        && !test_and_set(vcpu_info(v) + VCPU_PENDING_SEL, port / 64))
        mark_events_pending(v);
    for (uint32_t i = 0; i < d->nr_vcpus; i++) {
        int32_t *polling = &d->evtchn.polling[i];
        if (*polling == -1 || *polling == (int32_t)port) {
            *polling = 0;
            /* Only a vCPU still waiting: one woken meanwhile by something else, and since
             * switched off with PSCI CPU_OFF, must stay off. */
            if (d->vcpu[i].state == VCPU_BLOCKED)
                sched_wake(&d->vcpu[i]);
        }
    }
}

void evtchn_send_virq(struct vcpu *v, uint32_t virq)
{
    if (virq >= NR_VIRQS)
        return;
    uint32_t port = v->domain->evtchn.virq_port[virq_is_global(virq) ? 0 : v->id][virq];
    if (port)
        set_pending(v->domain, port);
}

/* --- ports --------------------------------------------------------------------------------- */

/* The lowest free port, or 0 when all are taken (port 0 itself is never handed out). */
static uint32_t free_port(const struct domain *d)
{
    for (uint32_t p = 1; p < EVTCHN_PORTS; p++)
        if (d->evtchn.port[p].state == ECS_FREE)
            return p;
    return 0;
}

/* Ports Xen knows of: every port below the limit; port 0 is valid but reserved. */
static struct evtchn *port_of(struct domain *d, uint32_t port)
{
    return port < EVTCHN_PORTS ? &d->evtchn.port[port] : NULL;
}

/* The port goes back to free, its pending bit cleared (Xen's evtchn_free). */
static void free_channel(struct domain *d, uint32_t port)
{
    test_and_clear(shared_info(d) + SHARED_PENDING, port);
    d->evtchn.port[port] = (struct evtchn){ .state = ECS_FREE };
}

static int32_t close_port(struct domain *d, uint32_t port)
{
    struct evtchn *c = port_of(d, port);
    if (c == NULL || port == 0 || c->state == ECS_FREE)
        return -EINVAL;
    if (c->state == ECS_VIRQ)
        d->evtchn.virq_port[virq_is_global(c->remote_port) ? 0 : c->vcpu][c->remote_port] = 0;
    if (c->state == ECS_INTERDOMAIN) {
        /* The other end waits again for us to connect, as if just allocated. */
        struct domain *peer = domain_by_id(c->remote_dom);
        struct evtchn *other = &peer->evtchn.port[c->remote_port];
        other->state = ECS_UNBOUND;
        other->remote_dom = (uint16_t)d->id;
        other->remote_port = 0;
    }
    free_channel(d, port);
    return 0;
}

/* --- the operations ------------------------------------------------------------------------ */

struct evtchn_alloc_unbound { uint16_t dom, remote_dom; uint32_t port; };
struct evtchn_bind_interdomain { uint16_t remote_dom; uint32_t remote_port, local_port; };
struct evtchn_bind_virq { uint32_t virq, vcpu, port; };
struct evtchn_bind_ipi { uint32_t vcpu, port; };
struct evtchn_bind_vcpu { uint32_t port, vcpu; };
struct evtchn_status {
    uint16_t dom;
    uint32_t port, status, vcpu;
    uint32_t u[2];          /* unbound: {dom}; interdomain: {dom, port}; virq: {virq} */
};

/* A port for 'remote_dom' to bind to (DOMID_SELF: for ourselves, a loop-back). Only the
 * toolstack may allocate in another domain (XSM_TARGET: -EPERM). */
static int32_t alloc_unbound(struct domain *d, struct evtchn_alloc_unbound *a)
{
    struct domain *target = domain_by_any_id(d, a->dom);
    if (target == NULL)
        return -ESRCH;
    uint32_t port = free_port(target);
    if (port == 0)
        return -ENOSPC;
    if (target != d)
        return -EPERM;
    d->evtchn.port[port] = (struct evtchn){
        .state = ECS_UNBOUND, .remote_dom = a->remote_dom == DOMID_SELF ? (uint16_t)d->id : a->remote_dom,
    };
    a->port = port;
    return 0;
}

/* Connects a new local port to the remote domain's port, which must be unbound and waiting
 * for us; otherwise -EINVAL (how a guest learns its peer is not ready yet). */
static int32_t bind_interdomain(struct domain *d, struct evtchn_bind_interdomain *b)
{
    struct domain *rd = domain_by_any_id(d, b->remote_dom);
    if (rd == NULL)
        return -ESRCH;
    uint32_t lport = free_port(d);
    if (lport == 0)
        return -ENOSPC;
    struct evtchn *r = port_of(rd, b->remote_port);
    if (r == NULL || r->state != ECS_UNBOUND || r->remote_dom != d->id)
        return -EINVAL;
    d->evtchn.port[lport] = (struct evtchn){
        .state = ECS_INTERDOMAIN, .remote_dom = (uint16_t)rd->id, .remote_port = b->remote_port,
    };
    r->state = ECS_INTERDOMAIN;
    r->remote_dom = (uint16_t)d->id;
    r->remote_port = lport;
    /* An event sent while the remote port was unbound was dropped: Xen makes up for it by
     * making the new local port pending at once. */
    set_pending(d, lport);
    b->local_port = lport;
    return 0;
}

static int32_t bind_virq(struct domain *d, struct evtchn_bind_virq *b)
{
    if (b->virq >= NR_VIRQS || (virq_is_global(b->virq) && b->vcpu != 0))
        return -EINVAL;
    if (b->vcpu >= d->nr_vcpus)
        return -ENOENT;
    if (d->evtchn.virq_port[b->vcpu][b->virq])
        return -EEXIST;
    uint32_t port = free_port(d);
    if (port == 0)
        return -ENOSPC;
    d->evtchn.port[port] = (struct evtchn){ .state = ECS_VIRQ, .vcpu = (uint8_t)b->vcpu, .remote_port = b->virq };
    d->evtchn.virq_port[b->vcpu][b->virq] = (uint8_t)port;
    b->port = port;
    return 0;
}

static int32_t bind_ipi(struct domain *d, struct evtchn_bind_ipi *b)
{
    if (b->vcpu >= d->nr_vcpus)
        return -ENOENT;
    uint32_t port = free_port(d);
    if (port == 0)
        return -ENOSPC;
    d->evtchn.port[port] = (struct evtchn){ .state = ECS_IPI, .vcpu = (uint8_t)b->vcpu };
    b->port = port;
    return 0;
}

/* Which vCPU a port's events go to; per-vCPU VIRQs and IPIs stay with their vCPU. */
static int32_t bind_vcpu(struct domain *d, const struct evtchn_bind_vcpu *b)
{
    if (b->vcpu >= d->nr_vcpus)
        return -ENOENT;
    struct evtchn *c = port_of(d, b->port);
    if (c == NULL)
        return -EINVAL;
    if (c->state == ECS_UNBOUND || c->state == ECS_INTERDOMAIN
        || (c->state == ECS_VIRQ && virq_is_global(c->remote_port))) {
        c->vcpu = (uint8_t)b->vcpu;
        return 0;
    }
    return -EINVAL;
}

/* An interdomain port makes the other end pending; an IPI its own port; an unbound port
 * drops the event and says nothing (0); anything else is -EINVAL. */
static int32_t send(struct domain *d, uint32_t port)
{
    struct evtchn *c = port_of(d, port);
    if (c == NULL)
        return -EINVAL;
    switch (c->state) {
    case ECS_INTERDOMAIN:
        set_pending(domain_by_id(c->remote_dom), c->remote_port);
        return 0;
    case ECS_IPI:
        set_pending(d, port);
        return 0;
    case ECS_UNBOUND:
        return 0;
    default:
        return -EINVAL;
    }
}

/* The guest unmasks a port: if an event came while it was masked, the upcall it missed now. */
static int32_t unmask(struct domain *d, uint32_t port)
{
    struct evtchn *c = port_of(d, port);
    if (c == NULL)
        return -EINVAL;
    struct vcpu *v = &d->vcpu[c->vcpu];
    if (test_and_clear(shared_info(d) + SHARED_MASK, port) && test(shared_info(d) + SHARED_PENDING, port)
        && !test_and_set(vcpu_info(v) + VCPU_PENDING_SEL, port / 64))
        mark_events_pending(v);
    return 0;
}

/* A port's state, in our domain (another's only for the toolstack). */
static int32_t status(struct domain *d, struct evtchn_status *s)
{
    struct domain *target = domain_by_any_id(d, s->dom);
    if (target == NULL)
        return -ESRCH;
    struct evtchn *c = port_of(target, s->port);
    if (c == NULL)
        return -EINVAL;
    if (target != d)
        return -EPERM;
    s->u[0] = s->u[1] = 0;
    switch (c->state) {
    case ECS_UNBOUND:
        s->status = EVTCHNSTAT_unbound;
        s->u[0] = c->remote_dom;
        break;
    case ECS_INTERDOMAIN:
        s->status = EVTCHNSTAT_interdomain;
        s->u[0] = c->remote_dom;
        s->u[1] = c->remote_port;
        break;
    case ECS_VIRQ:
        s->status = EVTCHNSTAT_virq;
        s->u[0] = c->remote_port;
        break;
    case ECS_IPI:
        s->status = EVTCHNSTAT_ipi;
        break;
    default:
        s->status = EVTCHNSTAT_closed;      /* free, or the reserved port 0 */
    }
    s->vcpu = c->vcpu;
    return 0;
}

_Static_assert(sizeof(struct evtchn_bind_interdomain) == 12 && sizeof(struct evtchn_status) == 24,
               "arm32 layouts (event_channel.h)");

int32_t do_event_channel_op(struct domain *d, uint32_t cmd, uint32_t arg)
{
    /* Every argument is a small struct, copied in, handled, copied back if it answers. */
    union {
        struct evtchn_alloc_unbound alloc;
        struct evtchn_bind_interdomain interdomain;
        struct evtchn_bind_virq virq;
        struct evtchn_bind_ipi ipi;
        struct evtchn_bind_vcpu vcpu;
        struct evtchn_status status;
        uint32_t port;
    } op;
    static const uint8_t sizes[] = {
        [EVTCHNOP_bind_interdomain] = sizeof(op.interdomain), [EVTCHNOP_bind_virq] = sizeof(op.virq),
        [EVTCHNOP_close] = 4, [EVTCHNOP_send] = 4, [EVTCHNOP_status] = sizeof(op.status),
        [EVTCHNOP_alloc_unbound] = sizeof(op.alloc), [EVTCHNOP_bind_ipi] = sizeof(op.ipi),
        [EVTCHNOP_bind_vcpu] = sizeof(op.vcpu), [EVTCHNOP_unmask] = 4,
    };
    uint32_t size = cmd < sizeof(sizes) ? sizes[cmd] : 0;
    if (size == 0)
        return -ENOSYS;                     /* reset, the FIFO ABI, priorities: not offered */
    if (!copy_from_guest(&op, arg, size))
        return -EFAULT;
    int32_t rc;
    bool answers = true;
    switch (cmd) {
    case EVTCHNOP_bind_interdomain: rc = bind_interdomain(d, &op.interdomain); break;
    case EVTCHNOP_bind_virq:        rc = bind_virq(d, &op.virq); break;
    case EVTCHNOP_status:           rc = status(d, &op.status); break;
    case EVTCHNOP_alloc_unbound:    rc = alloc_unbound(d, &op.alloc); break;
    case EVTCHNOP_bind_ipi:         rc = bind_ipi(d, &op.ipi); break;
    default:
        answers = false;
        rc = cmd == EVTCHNOP_close ? close_port(d, op.port)
           : cmd == EVTCHNOP_send ? send(d, op.port)
           : cmd == EVTCHNOP_unmask ? unmask(d, op.port)
           : bind_vcpu(d, &op.vcpu);
    }
    if (rc == 0 && answers && !copy_to_guest(arg, &op, size))
        return -EFAULT;
    return rc;
}

/* --- waiting and vcpu_info --------------------------------------------------------------- */

/* struct sched_poll: a handle to the ports (8 bytes), how many, and a timeout. */
struct sched_poll {
    uint64_t ports;
    uint32_t nr_ports;
    uint64_t timeout;
};

_Static_assert(sizeof(struct sched_poll) == 24, "arm32 layout (sched.h)");

int32_t evtchn_poll(struct vcpu *v, const struct cpu_regs *regs, uint32_t arg)
{
    struct domain *d = v->domain;
    struct sched_poll poll;
    if (!copy_from_guest(&poll, arg, sizeof(poll)))
        return -EFAULT;
    if (poll.nr_ports > 128)
        return -EINVAL;
    /* Xen returns at once if an interrupt would be taken now (local_events_need_delivery):
     * one is pending and the guest has IRQs unmasked (CPSR.I, ARM ARM B1.3.3). */
    vgic_sync(v);
    if (!(regs->cpsr & (1u << 7)) && vgic_has_pending(v))
        return 0;
    uint32_t port = 0;
    for (uint32_t i = 0; i < poll.nr_ports; i++) {
        if (!copy_from_guest(&port, (uint32_t)poll.ports + 4 * i, 4))
            return -EFAULT;
        if (port >= PORTS_2L)
            return -EINVAL;
        if (test(shared_info(d) + SHARED_PENDING, port))
            return 0;
    }
    /* Blocked until set_pending wakes it for one of the ports, or any interrupt for it does
     * (then the guest finds nothing pending and polls again). No timer: the timeout is
     * ignored. The hypercall's result, 0, is in r0 when the vCPU runs again. */
    d->evtchn.polling[v->id] = poll.nr_ports == 1 ? (int32_t)port : -1;
    v->state = VCPU_BLOCKED;
    return 0;
}

int32_t evtchn_register_vcpu_info(struct vcpu *v, uint64_t gfn, uint32_t offset)
{
    struct domain *d = v->domain;
    /* Inside the page, 8-byte aligned (a vcpu_info holds 64-bit words): else -ENXIO. */
    if (offset > 0x1000 - VCPU_INFO_SIZE || offset % 8)
        return -ENXIO;
    if (d->evtchn.vcpu_info[v->id])
        return -EINVAL;                     /* once only */
    if (v != current_vcpu && v->state != VCPU_OFFLINE)
        return -EINVAL;                     /* ourselves, or a vCPU not started yet */
    uint64_t ipa = gfn << 12;
    if (gfn >= (1u << 20) || ipa < GUEST_RAM_BASE || ipa - GUEST_RAM_BASE >= d->ram_size)
        return -EINVAL;                     /* only in its own RAM */
    uintptr_t new = d->ram_pa + (uintptr_t)(ipa - GUEST_RAM_BASE) + offset;
    uintptr_t old = vcpu_info(v);
    mm_invalidate_dcache(old, VCPU_INFO_SIZE);
    if (v->id == 0)
        memcpy((void *)new, (const void *)old, VCPU_INFO_SIZE);
    else
        memset((void *)new, 0, VCPU_INFO_SIZE);
    mm_clean_dcache(new, VCPU_INFO_SIZE);
    d->evtchn.vcpu_info[v->id] = new;
    /* Xen marks everything pending so that nothing is lost in the move: a spurious upcall. */
    for (uint32_t bit = 0; bit < 64; bit++)
        test_and_set(new + VCPU_PENDING_SEL, bit);
    mark_events_pending(v);
    return 0;
}

void evtchn_domain_destroy(struct domain *d)
{
    for (uint32_t p = 1; p < EVTCHN_PORTS; p++)
        if (d->evtchn.port[p].state != ECS_FREE)
            close_port(d, p);
    memset(&d->evtchn, 0, sizeof(d->evtchn));
}
