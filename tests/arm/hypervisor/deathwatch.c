/* deathwatch: a test guest (not a teaching one) for what the hypervisor undoes when a domain
 * dies. Two domains: the watcher (d1, bootargs "role=watcher") grants a page to d2 and
 * allocates port 1 for it; the leaver (d2, "role=leaver") binds to that port, maps the grant
 * and shuts down without unmapping or closing anything. The watcher then sees its port unbound
 * again and the grant no longer in use.
 *
 * This is HypLab's behaviour, not Xen's: Xen 4.17 without a dom0 only pauses a domain that
 * shuts down (XEN-ABI.md §7), so its ports and mappings stay and the watcher would wait
 * forever. The teaching hypervisor destroys a domain when it stops, as Xen does when the
 * toolstack destroys one. */
#include <stdbool.h>
#include <stddef.h>
#include "print.h"

#define WINDOW      0x38000000u     /* the grant window of the hypervisor node (XEN-ABI.md §5) */
#define GRANT_REF   8

static uint8_t page[4096] __attribute__((aligned(4096)));

/* The bootargs are in the device tree's strings: a plain search finds the role. */
static bool dt_contains(const uint8_t *dtb, const char *text)
{
    uint32_t size = (uint32_t)dtb[4] << 24 | (uint32_t)dtb[5] << 16 | (uint32_t)dtb[6] << 8 | dtb[7];
    uint32_t n = str_length(text);
    for (uint32_t i = 0; i + n <= size; i++) {
        uint32_t k = 0;
        while (k < n && dtb[i + k] == (uint8_t)text[k])
            k++;
        if (k == n)
            return true;
    }
    return false;
}

static long add_to_physmap(uint32_t space, uint32_t addr)
{
    struct xen_add_to_physmap xatp = { .domid = DOMID_SELF, .space = space, .idx = 0, .gpfn = addr >> 12 };
    return hypercall_op(__HYPERVISOR_memory_op, XENMEM_add_to_physmap, &xatp);
}

static uint32_t status(struct evtchn_status *s)
{
    *s = (struct evtchn_status){ .dom = DOMID_SELF, .port = 1 };
    evtchn_op(EVTCHNOP_status, s);
    return s->status;
}

static uint64_t cntvct(void)
{
    uint32_t lo, hi;
    __asm__ volatile("isb\n mrrc p15, 1, %0, %1, c14" : "=r"(lo), "=r"(hi));
    return (uint64_t)hi << 32 | lo;
}

static void watcher(void)
{
    struct line l = { .len = 0 };
    add_to_physmap(XENMAPSPACE_grant_table, WINDOW);
    volatile struct grant_entry_v1 *gnttab = (volatile struct grant_entry_v1 *)WINDOW;
    gnttab[GRANT_REF].frame = (uint32_t)page >> 12;
    gnttab[GRANT_REF].domid = 2;
    __asm__ volatile("dmb" ::: "memory");
    gnttab[GRANT_REF].flags = GTF_permit_access;
    struct evtchn_alloc_unbound alloc = { .dom = DOMID_SELF, .remote_dom = 2 };
    evtchn_op(EVTCHNOP_alloc_unbound, &alloc);

    struct evtchn_status s;
    while (status(&s) != EVTCHNSTAT_interdomain || !(gnttab[GRANT_REF].flags & GTF_reading))
        sched_yield();
    line_str(&l, "watcher: d2 bound to port 1 (its port ");
    line_dec(&l, s.remote_port);
    line_str(&l, ") and mapped grant 8, flags ");
    line_hex(&l, gnttab[GRANT_REF].flags);
    line_print(&l);
    struct evtchn_port_op send = { 1 };
    evtchn_op(EVTCHNOP_send, &send);

    /* d2 shuts down with both in use; its shutdown line comes first: wait 10 ms. */
    while (status(&s) != EVTCHNSTAT_unbound)
        sched_yield();
    uint32_t frequency;
    __asm__ volatile("mrc p15, 0, %0, c14, c0, 0" : "=r"(frequency));
    for (uint64_t until = cntvct() + frequency / 100; cntvct() < until;)
        ;
    line_str(&l, "watcher: d2 is gone: port 1 unbound for d");
    line_dec(&l, s.remote_dom);
    line_str(&l, ", grant flags ");
    line_hex(&l, gnttab[GRANT_REF].flags);
    line_print(&l);
    struct evtchn_bind_interdomain bind = { .remote_dom = 2, .remote_port = 1 };
    line_str(&l, "watcher: binding to d2 port 1 now: ");
    long rc = evtchn_op(EVTCHNOP_bind_interdomain, &bind);
    line_str(&l, rc == -3 ? "-3 (no such domain)" : "?");
    line_print(&l);
}

static void leaver(void)
{
    add_to_physmap(XENMAPSPACE_shared_info, WINDOW + 0x1000);
    volatile struct shared_info *si = (volatile struct shared_info *)(WINDOW + 0x1000);
    struct evtchn_bind_interdomain bind = { .remote_dom = 1, .remote_port = 1 };
    while (evtchn_op(EVTCHNOP_bind_interdomain, &bind) == -22)
        sched_yield();
    uint32_t port = bind.local_port;
    si->evtchn_pending[0] = 0;              /* the bind's own notification */
    struct gnttab_map_grant_ref map = { .host_addr = WINDOW + 0x2000, .flags = GNTMAP_host_map, .ref = GRANT_REF, .dom = 1 };
    grant_table_op(GNTTABOP_map_grant_ref, &map, 1);
    /* The watcher says when it has seen both; then the leaver goes without a word, the
     * channel bound and the grant mapped. */
    while (!((si->evtchn_pending[0] >> port) & 1))
        sched_poll_one(&port);
}

int main(const uint8_t *dtb)
{
    if (dt_contains(dtb, "role=watcher"))
        watcher();
    else if (dt_contains(dtb, "role=leaver"))
        leaver();
    else
        print("deathwatch: I need bootargs role=watcher or role=leaver.\n");
    shutdown(SHUTDOWN_poweroff);
    return 0;
}
