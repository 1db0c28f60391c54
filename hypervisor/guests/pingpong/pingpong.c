/* pingpong: two domains talk through Xen's PV interfaces. One image runs twice; its bootargs
 * say which part it plays ("role=ping peer=2", "role=pong peer=1").
 *
 *   ping                                      pong
 *   maps shared_info and its grant table
 *   grants a page of its RAM to pong (ref 8)
 *   allocates port 1, unbound, for pong       binds to ping's port 1 (retrying until it exists)
 *   waits until port 1 is connected           maps grant 8 into its own physical memory
 *   sends; sleeps in WFI until the upcall     sleeps in SCHEDOP_poll until its port is pending
 *   ... they take turns, each adding one to a counter in the shared page ...
 *                                             unmaps the grant, closes its port, shuts down
 *   sees port 1 unbound again, closes it
 *
 * Ping takes events the way a kernel does: PPI 31, the event-channel upcall, through its
 * virtual GIC, then the 2-level bits in shared_info (XEN-ABI.md §3, §4). Pong waits for them
 * in the hypervisor instead (SCHEDOP_poll). Every line either prints is the same on Xen 4.17
 * with both as dom0less domUs with xen,enhanced = "no-xenstore" (and Xen booted with
 * xsm=dummy: its default policy on ARM, SILO, forbids channels between two domUs): the two
 * take turns, so their lines come in one order, and each prints only what Xen's interface
 * makes certain. */
#include <stdbool.h>
#include <stddef.h>
#include "../common/print.h"

#define GICD                0x03001000u     /* the guest's GIC (XEN-ABI.md §5) */
#define GICD_CTLR           0x000
#define GICD_ISENABLER0     0x100
#define GICD_IPRIORITYR     0x400
#define GICC                0x03002000u
#define GICC_CTLR           0x000
#define GICC_PMR            0x004
#define GICC_IAR            0x00c
#define GICC_EOIR           0x010
#define IRQ_EVTCHN          31

#define GRANT_REF           GNTTAB_NR_RESERVED_ENTRIES  /* the first one not the toolstack's */
#define TURNS               3                           /* each side adds one this often */
#define DONE                (2 * TURNS + 1)             /* ping's last word */

/* The page ping grants: a message, and the counter the two take turns on. */
struct shared_page {
    char message[64];
    volatile uint32_t counter;
};
static struct shared_page page __attribute__((aligned(4096)));

static volatile uint32_t *reg(uint32_t addr) { return (volatile uint32_t *)addr; }

/* --- the device tree: our bootargs and the hypervisor node's window -------------------- */

static uint32_t be32(const void *p)
{
    const uint8_t *b = p;
    return (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3];
}

static bool same(const char *a, const char *b)
{
    while (*a && *a == *b)
        a++, b++;
    return *a == *b;
}

/* The value of property 'prop' of the top-level node 'node' (devicetree specification 5.4:
 * tokens BEGIN_NODE 1, END_NODE 2, PROP 3, NOP 4, END 9), or NULL. */
static const uint8_t *dt_prop(const uint8_t *dtb, const char *node, const char *prop)
{
    const uint8_t *p = dtb + be32(dtb + 8);
    const char *strings = (const char *)dtb + be32(dtb + 12);
    int depth = 0;
    bool inside = false;
    for (;;) {
        uint32_t token = be32(p);
        p += 4;
        if (token == 1) {
            const char *name = (const char *)p;
            depth++;
            inside = depth == 2 && same(name, node);
            p += (str_length(name) + 4) & ~3u;
        } else if (token == 2) {
            depth--;
            inside = false;
        } else if (token == 3) {
            uint32_t len = be32(p), nameoff = be32(p + 4);
            if (inside && same(strings + nameoff, prop))
                return p + 8;
            p += 8 + ((len + 3) & ~3u);
        } else if (token != 4) {
            return NULL;
        }
    }
}

static bool starts_with(const char *s, const char *prefix)
{
    while (*prefix && *s == *prefix)
        s++, prefix++;
    return *prefix == 0;
}

/* The word after "key=" in the bootargs, into 'word'; returns it read as a number. */
static uint32_t bootarg(const char *args, const char *key, char *word, uint32_t size)
{
    uint32_t klen = str_length(key);
    for (const char *a = args; a && *a; a++) {
        if ((a == args || a[-1] == ' ') && starts_with(a, key) && a[klen] == '=') {
            uint32_t n = 0, i = 0;
            for (a += klen + 1; *a && *a != ' '; a++) {
                if (i < size - 1)
                    word[i++] = *a;
                n = n * 10 + (uint32_t)(*a - '0');
            }
            word[i] = 0;
            return n;
        }
    }
    word[0] = 0;
    return 0;
}

/* --- small helpers -------------------------------------------------------------------- */

static void line_rc(struct line *l, long rc)
{
    if (rc < 0) {
        line_str(l, "-");
        line_dec(l, (uint32_t)-rc);
    } else {
        line_dec(l, (uint32_t)rc);
    }
}

static long map_xen_page(uint32_t space, uint32_t idx, uint32_t addr)
{
    struct xen_add_to_physmap xatp = { .domid = DOMID_SELF, .space = space, .idx = idx, .gpfn = addr >> 12 };
    return hypercall_op(__HYPERVISOR_memory_op, XENMEM_add_to_physmap, &xatp);
}

static uint32_t port_status(uint32_t port, struct evtchn_status *s)
{
    *s = (struct evtchn_status){ .dom = DOMID_SELF, .port = port };
    evtchn_op(EVTCHNOP_status, s);
    return s->status;
}

static long send(uint32_t port)
{
    struct evtchn_port_op op = { port };
    return evtchn_op(EVTCHNOP_send, &op);
}

static long close(uint32_t port)
{
    struct evtchn_port_op op = { port };
    return evtchn_op(EVTCHNOP_close, &op);
}

static uint32_t cntfrq(void)
{
    uint32_t v;
    __asm__ volatile("mrc p15, 0, %0, c14, c0, 0" : "=r"(v));
    return v;
}

static uint64_t cntvct(void)
{
    uint32_t lo, hi;
    __asm__ volatile("isb\n mrrc p15, 1, %0, %1, c14" : "=r"(lo), "=r"(hi));
    return (uint64_t)hi << 32 | lo;
}

/* --- ping: events through the upcall interrupt -------------------------------------------- */

static volatile struct shared_info *shared;
static volatile uint32_t upcalls, events, last_irq;

__asm__(
    "    .text\n"
    "    .balign 32\n"
    "vectors:\n"
    "    .rept 6\n"
    "    b       .\n"
    "    .endr\n"
    "    b       irq_entry\n"
    "    b       .\n"
    "irq_entry:\n"
    "    sub     lr, lr, #4\n"
    "    push    {r0-r3, r12, lr}\n"
    "    bl      irq_handler\n"
    "    ldm     sp!, {r0-r3, r12, pc}^\n");

extern char vectors[];
static uint8_t irq_stack[1024] __attribute__((aligned(8)));

/* The usual 2-level loop (XEN-ABI.md §4, step 6): acknowledge IRQ 31, clear upcall_pending,
 * take the selector, then each pending and unmasked port, clearing its bit; end the IRQ. */
void irq_handler(void)
{
    uint32_t iar = *reg(GICC + GICC_IAR);
    last_irq = iar & 0x3ff;
    upcalls++;
    volatile struct vcpu_info *vi = &shared->vcpu_info[0];
    vi->evtchn_upcall_pending = 0;
    uint64_t sel = __atomic_exchange_n(&vi->evtchn_pending_sel, 0, __ATOMIC_SEQ_CST);
    for (uint32_t w = 0; w < 64; w++) {
        if (!(sel & (1ull << w)))
            continue;
        uint64_t ready = shared->evtchn_pending[w] & ~shared->evtchn_mask[w];
        __atomic_fetch_and(&shared->evtchn_pending[w], ~ready, __ATOMIC_SEQ_CST);
        for (uint32_t b = 0; b < 64; b++)
            events += (ready >> b) & 1;
    }
    *reg(GICC + GICC_EOIR) = iar;
}

/* Sleeps until 'ok' holds. IRQs masked while it looks, so that an upcall coming between the
 * look and the WFI still ends the WFI (a pending interrupt wakes it, ARM ARM B1.8.13). */
static void wait_until(bool (*ok)(void))
{
    for (;;) {
        __asm__ volatile("cpsid i" ::: "memory");
        if (ok()) {
            __asm__ volatile("cpsie i" ::: "memory");
            return;
        }
        __asm__ volatile("wfi\n cpsie i" ::: "memory");
    }
}

/* Ping waits for pong's event, not for the counter: pong writes the counter before it sends,
 * so a ping looking at the counter could go on before the event arrives, and how many upcalls
 * it had seen would depend on timing. One event per turn: pong sends only after ping's send. */
static uint32_t expected;
static bool event_arrived(void) { return events >= expected; }

static void ping(uint32_t peer, uint32_t window)
{
    struct line l = { .len = 0 };
    uint32_t grants = window, shared_at = window + 0x1000;

    struct xen_feature_info fi = { 0, 0 };
    long version = hypercall_op(__HYPERVISOR_xen_version, XENVER_version, 0);
    hypercall_op(__HYPERVISOR_xen_version, XENVER_get_features, &fi);
    line_str(&l, "ping: Xen ");
    line_dec(&l, (uint32_t)version >> 16);
    line_str(&l, ".");
    line_dec(&l, (uint32_t)version & 0xffff);
    line_str(&l, ", features ");
    line_hex(&l, fi.submap);
    line_print(&l);

    line_str(&l, "ping: shared_info at ");
    line_hex(&l, shared_at);
    line_str(&l, ": ");
    line_rc(&l, map_xen_page(XENMAPSPACE_shared_info, 0, shared_at));
    line_str(&l, "; again elsewhere: ");
    line_rc(&l, map_xen_page(XENMAPSPACE_shared_info, 0, shared_at + 0x1000));
    line_print(&l);
    shared = (volatile struct shared_info *)shared_at;

    line_str(&l, "ping: grant table frame 0 at ");
    line_hex(&l, grants);
    line_str(&l, ": ");
    line_rc(&l, map_xen_page(XENMAPSPACE_grant_table, 0, grants));
    line_print(&l);

    /* The page, then the grant: frame and domain first, the flag that makes it valid last. */
    const char *hello = "Hello from ping, through grant 8.";     /* it does not know its own domid */
    for (uint32_t i = 0; hello[i]; i++)
        page.message[i] = hello[i];
    page.counter = 0;
    volatile struct grant_entry_v1 *gnttab = (volatile struct grant_entry_v1 *)grants;
    gnttab[GRANT_REF].frame = (uint32_t)&page >> 12;
    gnttab[GRANT_REF].domid = (uint16_t)peer;
    __asm__ volatile("dmb" ::: "memory");
    gnttab[GRANT_REF].flags = GTF_permit_access;
    line_str(&l, "ping: grant ");
    line_dec(&l, GRANT_REF);
    line_str(&l, " lets d");
    line_dec(&l, peer);
    line_str(&l, " use my frame ");
    line_hex(&l, (uint32_t)&page >> 12);
    line_print(&l);

    /* The upcall: PPI 31 enabled in the distributor, the CPU interface on, IRQs taken. */
    __asm__ volatile("mcr p15, 0, %0, c12, c0, 0" :: "r"(vectors));     /* VBAR */
    __asm__ volatile("cps #0x12\n mov sp, %0\n cps #0x13" :: "r"(irq_stack + sizeof(irq_stack)) : "memory");
    *(volatile uint8_t *)(GICD + GICD_IPRIORITYR + IRQ_EVTCHN) = 0xa0;
    *reg(GICD + GICD_ISENABLER0) = 1u << IRQ_EVTCHN;
    *reg(GICD + GICD_CTLR) = 1;
    *reg(GICC + GICC_PMR) = 0xf0;
    *reg(GICC + GICC_CTLR) = 1;
    __asm__ volatile("cpsie i" ::: "memory");

    struct evtchn_alloc_unbound alloc = { .dom = DOMID_SELF, .remote_dom = (uint16_t)peer };
    long rc = evtchn_op(EVTCHNOP_alloc_unbound, &alloc);
    uint32_t port = alloc.port;
    line_str(&l, "ping: alloc_unbound for d");
    line_dec(&l, peer);
    line_str(&l, ": ");
    line_rc(&l, rc);
    line_str(&l, ", port ");
    line_dec(&l, port);
    line_print(&l);

    struct evtchn_status s;
    while (port_status(port, &s) != EVTCHNSTAT_interdomain)
        sched_yield();                      /* until pong binds to it */
    line_str(&l, "ping: port ");
    line_dec(&l, port);
    line_str(&l, " is connected to d");
    line_dec(&l, s.remote_dom);
    line_str(&l, " port ");
    line_dec(&l, s.remote_port);
    line_print(&l);

    for (uint32_t turn = 1;; turn++) {
        page.counter = 2 * turn - 1;        /* odd: pong's turn */
        expected = turn;
        send(port);
        if (turn > TURNS)
            break;
        wait_until(event_arrived);
        line_str(&l, "ping: upcall ");
        line_dec(&l, upcalls);
        line_str(&l, " (IRQ ");
        line_dec(&l, last_irq);
        line_str(&l, "), events ");
        line_dec(&l, events);
        line_str(&l, ", counter ");
        line_dec(&l, page.counter);
        if (turn == 1) {
            line_str(&l, ", grant flags ");
            line_hex(&l, gnttab[GRANT_REF].flags);
        }
        line_print(&l);
    }

    /* Pong closes its end and shuts down; then port 1 waits for it again. Nothing tells
     * ping when pong's shutdown is over (on Xen a shut-down domain keeps its ports), so it
     * gives it 10 ms before printing on. */
    while (port_status(port, &s) != EVTCHNSTAT_unbound)
        sched_yield();
    for (uint64_t until = cntvct() + cntfrq() / 100; cntvct() < until;)
        ;
    line_str(&l, "ping: port ");
    line_dec(&l, port);
    line_str(&l, " is unbound again, for d");
    line_dec(&l, s.remote_dom);
    line_str(&l, "; send on it: ");
    line_rc(&l, send(port));
    line_str(&l, ", grant flags ");
    line_hex(&l, gnttab[GRANT_REF].flags);
    line_print(&l);
    gnttab[GRANT_REF].flags = 0;
    line_str(&l, "ping: closed port ");
    line_dec(&l, port);
    line_str(&l, ": ");
    line_rc(&l, close(port));
    line_str(&l, "; events ");
    line_dec(&l, events);
    line_str(&l, ", counter ");
    line_dec(&l, page.counter);
    line_print(&l);
}

/* --- pong: events by polling -------------------------------------------------------------- */

static void pong(uint32_t peer, uint32_t window)
{
    struct line l = { .len = 0 };
    uint32_t shared_at = window + 0x1000, mapped_at = window + 0x2000;
    long shared_rc = map_xen_page(XENMAPSPACE_shared_info, 0, shared_at);
    volatile struct shared_info *si = (volatile struct shared_info *)shared_at;

    /* Until ping has allocated the port for us, binding fails with -EINVAL. */
    struct evtchn_bind_interdomain bind = { .remote_dom = (uint16_t)peer, .remote_port = 1 };
    long rc;
    while ((rc = evtchn_op(EVTCHNOP_bind_interdomain, &bind)) == -22)
        sched_yield();
    uint32_t port = bind.local_port;
    bool pending_at_bind = (si->evtchn_pending[0] >> port) & 1;

    struct gnttab_map_grant_ref map = {
        .host_addr = mapped_at, .flags = GNTMAP_host_map, .ref = GRANT_REF, .dom = (uint16_t)peer,
    };
    long map_rc = grant_table_op(GNTTABOP_map_grant_ref, &map, 1);
    volatile struct shared_page *granted = (volatile struct shared_page *)mapped_at;

    /* Clear, look, poll: an event that comes after the look leaves the port pending, and the
     * poll then returns at once. */
    for (uint32_t turn = 1;; turn++) {
        uint32_t want = 2 * turn - 1;
        for (;;) {
            __atomic_fetch_and(&si->evtchn_pending[0], ~(1ull << port), __ATOMIC_SEQ_CST);
            si->vcpu_info[0].evtchn_upcall_pending = 0;
            if (map.status != 0 || granted->counter == want)
                break;
            sched_poll_one(&port);
        }
        if (turn == 1) {
            line_str(&l, "pong: shared_info at ");
            line_hex(&l, shared_at);
            line_str(&l, ": ");
            line_rc(&l, shared_rc);
            line_print(&l);
            line_str(&l, "pong: bound to d");
            line_dec(&l, peer);
            line_str(&l, " port 1: ");
            line_rc(&l, rc);
            line_str(&l, ", my port ");
            line_dec(&l, port);
            line_str(&l, pending_at_bind ? ", pending at once" : ", not pending");
            line_print(&l);
            line_str(&l, "pong: grant ");
            line_dec(&l, GRANT_REF);
            line_str(&l, " of d");
            line_dec(&l, peer);
            line_str(&l, " mapped at ");
            line_hex(&l, mapped_at);
            line_str(&l, ": ");
            line_rc(&l, rc < 0 ? rc : map_rc);
            line_str(&l, ", status ");
            line_rc(&l, map.status);
            line_str(&l, ", handle ");
            line_dec(&l, map.handle);
            line_print(&l);
            if (map.status != 0)
                break;
            line_str(&l, "pong: it says \"");
            for (uint32_t i = 0; i < sizeof(granted->message) && granted->message[i]; i++) {
                char c[2] = { granted->message[i], 0 };
                line_str(&l, c);
            }
            line_str(&l, "\"");
            line_print(&l);
        }
        line_str(&l, "pong: event on port ");
        line_dec(&l, port);
        line_str(&l, ", counter ");
        line_dec(&l, granted->counter);
        if (granted->counter == DONE) {
            line_print(&l);
            break;
        }
        granted->counter = want + 1;
        line_str(&l, " -> ");
        line_dec(&l, want + 1);
        line_print(&l);
        send(port);
    }

    struct gnttab_unmap_grant_ref unmap = { .host_addr = mapped_at, .handle = map.handle };
    rc = grant_table_op(GNTTABOP_unmap_grant_ref, &unmap, 1);
    line_str(&l, "pong: unmapped grant ");
    line_dec(&l, GRANT_REF);
    line_str(&l, ": ");
    line_rc(&l, rc);
    line_str(&l, ", status ");
    line_rc(&l, unmap.status);
    line_str(&l, "; closed port ");
    line_dec(&l, port);
    line_str(&l, ": ");
    line_rc(&l, close(port));
    line_print(&l);
}

int main(const uint8_t *dtb)
{
    const char *args = dtb ? (const char *)dt_prop(dtb, "chosen", "bootargs") : NULL;
    const uint8_t *window = dtb ? dt_prop(dtb, "hypervisor", "reg") : NULL;
    char role[8], peer_text[8];
    bootarg(args, "role", role, sizeof(role));
    uint32_t peer = bootarg(args, "peer", peer_text, sizeof(peer_text));
    if (window == NULL || peer == 0 || !(same(role, "ping") || same(role, "pong"))) {
        print("pingpong: I need a hypervisor node and bootargs \"role=ping|pong peer=N\".\n");
        shutdown(SHUTDOWN_poweroff);
    }
    if (same(role, "ping"))
        ping(peer, be32(window + 4));
    else
        pong(peer, be32(window + 4));
    shutdown(SHUTDOWN_poweroff);
    return 0;
}
