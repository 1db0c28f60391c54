/* pvcalls: a test guest (not a teaching one) for the hypervisor's PV hypercalls. It calls
 * each with arguments Xen 4.17 refuses, and with a few it accepts, and prints what came back,
 * one line per subject; tests/hypervisor/pvcalls-*.txt says what Xen answers and why. It runs
 * alone, as d1, a dom0less domain with xen,enhanced = "no-xenstore". */
#include <stdbool.h>
#include <stddef.h>
#include "print.h"

#define EBIG        99          /* a number no operation has */
#define NO_DOMAIN   7           /* a domain id nobody has */

static struct line l;

static void rc(const char *name, long v)
{
    line_str(&l, " ");
    line_str(&l, name);
    line_str(&l, " ");
    if (v < 0) {
        line_str(&l, "-");
        line_dec(&l, (uint32_t)-v);
    } else {
        line_dec(&l, (uint32_t)v);
    }
}

static void start(const char *subject)
{
    line_str(&l, subject);
    line_str(&l, ":");
}

static long evtchn(uint32_t cmd, void *arg) { return evtchn_op(cmd, arg); }

static long port_op(uint32_t cmd, uint32_t port)
{
    struct evtchn_port_op op = { port };
    return evtchn_op(cmd, &op);
}

static long add_to_physmap(uint16_t domid, uint32_t space, uint32_t idx, uint32_t addr)
{
    struct xen_add_to_physmap xatp = { .domid = domid, .space = space, .idx = idx, .gpfn = addr >> 12 };
    return hypercall_op(__HYPERVISOR_memory_op, XENMEM_add_to_physmap, &xatp);
}

static bool pending(volatile struct shared_info *si, uint32_t port)
{
    return (si->evtchn_pending[port / 64] >> (port % 64)) & 1;
}

/* GNTTABOP_copy's operation (XEN-ABI.md §2.8; 40 bytes on arm32). */
struct copy_op {
    uint64_t src_gmfn; uint16_t src_dom, src_off; uint32_t pad0;
    uint64_t dst_gmfn; uint16_t dst_dom, dst_off; uint32_t pad1;
    uint16_t len, flags; int16_t status; uint16_t pad2;
};
#define BATCH 40
static struct copy_op batch[BATCH];

/* A page to grant to ourselves, and one to copy into. */
static uint8_t granted[4096] __attribute__((aligned(4096)));
static uint8_t scratch[4096] __attribute__((aligned(4096)));

#define WINDOW          0x38000000u     /* the grant window of the hypervisor node (§5) */
#define SHARED_INFO     (WINDOW + 0x1000)

int main(void)
{
    print("pvcalls: each hypercall with arguments Xen refuses, and a few it takes.\n");

    /* memory_op: shared_info and grant frames into the window. */
    start("memory_op");
    rc("shared_info", add_to_physmap(DOMID_SELF, XENMAPSPACE_shared_info, 0, SHARED_INFO));
    rc("idx1", add_to_physmap(DOMID_SELF, XENMAPSPACE_shared_info, 1, SHARED_INFO + 0x1000));
    rc("space9", add_to_physmap(DOMID_SELF, 9, 0, SHARED_INFO + 0x1000));
    rc("dom7", add_to_physmap(NO_DOMAIN, XENMAPSPACE_shared_info, 0, SHARED_INFO + 0x1000));
    rc("gnttab0", add_to_physmap(DOMID_SELF, XENMAPSPACE_grant_table, 0, WINDOW));
    rc("gnttab100", add_to_physmap(DOMID_SELF, XENMAPSPACE_grant_table, 100, WINDOW + 0x3000));
    rc("cmd60", hypercall_op(__HYPERVISOR_memory_op, 60, 0));
    line_print(&l);
    volatile struct shared_info *si = (volatile struct shared_info *)SHARED_INFO;

    /* event_channel_op: a loop-back pair, a VIRQ, an IPI, and bad ports and domains. */
    start("evtchn");
    struct evtchn_alloc_unbound alloc = { .dom = DOMID_SELF, .remote_dom = DOMID_SELF };
    rc("alloc", evtchn(EVTCHNOP_alloc_unbound, &alloc));
    rc("port", alloc.port);
    struct evtchn_bind_interdomain bind = { .remote_dom = DOMID_SELF, .remote_port = alloc.port };
    rc("loopback", evtchn(EVTCHNOP_bind_interdomain, &bind));
    rc("port", bind.local_port);
    rc("again", evtchn(EVTCHNOP_bind_interdomain, &bind));
    bind.remote_dom = NO_DOMAIN;
    rc("dom7", evtchn(EVTCHNOP_bind_interdomain, &bind));
    alloc.dom = NO_DOMAIN;
    rc("alloc-dom7", evtchn(EVTCHNOP_alloc_unbound, &alloc));
    line_print(&l);

    start("evtchn");
    struct { uint32_t virq, vcpu, port; } virq = { 24, 0, 0 };
    rc("virq24", evtchn(1, &virq));
    virq = (typeof(virq)){ 2, 1, 0 };
    rc("global-vcpu1", evtchn(1, &virq));
    virq = (typeof(virq)){ 0, 5, 0 };
    rc("vcpu5", evtchn(1, &virq));
    virq = (typeof(virq)){ 1, 0, 0 };
    rc("debug", evtchn(1, &virq));
    rc("port", virq.port);
    rc("again", evtchn(1, &virq));
    struct { uint32_t vcpu, port; } ipi = { 3, 0 };
    rc("ipi-vcpu3", evtchn(7, &ipi));
    ipi.vcpu = 0;
    rc("ipi", evtchn(7, &ipi));
    rc("port", ipi.port);
    line_print(&l);

    start("evtchn");
    si->evtchn_pending[0] = 0;
    rc("send1", port_op(EVTCHNOP_send, 1));
    rc("send-ipi", port_op(EVTCHNOP_send, ipi.port));
    rc("pending2", pending(si, 2));
    rc("pending4", pending(si, 4));
    line_print(&l);

    start("evtchn");
    rc("send0", port_op(EVTCHNOP_send, 0));
    rc("send5000", port_op(EVTCHNOP_send, 5000));
    rc("close0", port_op(EVTCHNOP_close, 0));
    rc("close9", port_op(EVTCHNOP_close, 9));
    rc("unmask5000", port_op(9, 5000));
    rc("cmd99", evtchn(EBIG, &ipi));
    rc("fault", evtchn(EVTCHNOP_alloc_unbound, (void *)0x10));
    line_print(&l);

    start("evtchn");
    struct evtchn_status st = { .dom = DOMID_SELF, .port = 2 };
    rc("status2", evtchn(EVTCHNOP_status, &st));
    rc("is", st.status);
    rc("dom", st.remote_dom);
    rc("port", st.remote_port);
    rc("close1", port_op(EVTCHNOP_close, 1));
    st = (struct evtchn_status){ .dom = DOMID_SELF, .port = 2 };
    evtchn(EVTCHNOP_status, &st);
    rc("then2", st.status);
    rc("dom", st.remote_dom);
    st = (struct evtchn_status){ .dom = DOMID_SELF, .port = 5000 };
    rc("status5000", evtchn(EVTCHNOP_status, &st));
    st = (struct evtchn_status){ .dom = NO_DOMAIN, .port = 2 };
    rc("status-dom7", evtchn(EVTCHNOP_status, &st));
    line_print(&l);

    /* sched_op: poll returns at once for a pending port; too many ports; an unknown op. */
    start("sched_op");
    uint32_t port4 = 4;
    rc("poll-pending", sched_poll_one(&port4));
    struct sched_poll poll = { .ports = &port4, .nr_ports = 200 };
    rc("poll200", hypercall_op(__HYPERVISOR_sched_op, SCHEDOP_poll, &poll));
    rc("cmd99", hypercall_op(__HYPERVISOR_sched_op, EBIG, 0));
    line_print(&l);

    /* grant_table_op: refusals in each operation's status, then a grant mapped by its owner. */
    start("gnttab");
    struct { uint16_t dom; uint32_t nr_frames, max_nr_frames; int16_t status; } query = { DOMID_SELF, 0, 0, 0 };
    rc("query", grant_table_op(6, &query, 1));
    rc("status", query.status);
    rc("frames", query.nr_frames);
    rc("setup-count2", grant_table_op(2, &query, 2));
    struct gnttab_map_grant_ref map = { .host_addr = WINDOW + 0x4000, .flags = 0, .ref = 8, .dom = 1 };
    grant_table_op(GNTTABOP_map_grant_ref, &map, 1);
    line_print(&l);

    start("gnttab");
    rc("flags0", map.status);
    map.flags = GNTMAP_host_map;
    map.dom = NO_DOMAIN;
    grant_table_op(GNTTABOP_map_grant_ref, &map, 1);
    rc("dom7", map.status);
    map.dom = 1;
    grant_table_op(GNTTABOP_map_grant_ref, &map, 1);
    rc("not-granted", map.status);
    map.ref = 10000;
    grant_table_op(GNTTABOP_map_grant_ref, &map, 1);
    rc("ref10000", map.status);
    struct gnttab_unmap_grant_ref unmap = { .host_addr = WINDOW + 0x4000, .handle = 99 };
    grant_table_op(GNTTABOP_unmap_grant_ref, &unmap, 1);
    rc("handle99", unmap.status);
    rc("cmd13", grant_table_op(13, &unmap, 1));
    line_print(&l);

    start("gnttab");
    struct copy_op copy = { (uint32_t)granted >> 12, DOMID_SELF, 4000, 0, (uint32_t)scratch >> 12, DOMID_SELF, 0, 0, 200, 0, 0, 0 };
    grant_table_op(5, &copy, 1);
    rc("copy-past-page", copy.status);
    granted[0] = 42;
    copy.src_off = 0;
    copy.len = 1;
    grant_table_op(5, &copy, 1);
    rc("copy", copy.status);
    rc("byte", scratch[0]);
    /* BATCH copies in one call, byte i of the granted page to byte 100 + i of the scratch one:
     * more than HypLab's hypervisor does per HVC, so the call is continued (hypercall.c). */
    for (uint32_t i = 0; i < BATCH; i++) {
        granted[i] = (uint8_t)(i + 1);
        batch[i] = copy;
        batch[i].src_off = (uint16_t)i;
        batch[i].dst_off = (uint16_t)(100 + i);
        batch[i].status = 99;
    }
    rc("batch", grant_table_op(5, batch, BATCH));
    uint32_t done = 0;
    for (uint32_t i = 0; i < BATCH; i++)
        done += batch[i].status == 0 && scratch[100 + i] == (uint8_t)(i + 1);
    rc("copied", (int32_t)done);
    volatile struct grant_entry_v1 *gnttab = (volatile struct grant_entry_v1 *)WINDOW;
    gnttab[8].frame = (uint32_t)granted >> 12;
    gnttab[8].domid = 1;
    __asm__ volatile("dmb" ::: "memory");
    gnttab[8].flags = GTF_permit_access;
    map.ref = 8;
    grant_table_op(GNTTABOP_map_grant_ref, &map, 1);
    rc("self-map", map.status);
    rc("flags", gnttab[8].flags);
    rc("reads", *(volatile uint8_t *)(WINDOW + 0x4000));
    unmap.handle = map.handle;
    grant_table_op(GNTTABOP_unmap_grant_ref, &unmap, 1);
    rc("unmap", unmap.status);
    rc("flags", gnttab[8].flags);
    line_print(&l);

    /* xen_version, vcpu_op, hvm_op, and a hypercall that does not exist. */
    start("xen_version");
    rc("pagesize", hypercall_op(__HYPERVISOR_xen_version, 7, 0));
    rc("pagesize-arg", hypercall_op(__HYPERVISOR_xen_version, 7, &query));
    struct xen_feature_info fi = { 1, 0 };
    rc("features1", hypercall_op(__HYPERVISOR_xen_version, XENVER_get_features, &fi));
    rc("cmd99", hypercall_op(__HYPERVISOR_xen_version, EBIG, 0));
    line_print(&l);

    start("vcpu_op");
    struct { uint64_t gfn; uint32_t offset, rsvd; } info = { (uint32_t)scratch >> 12, 4, 0 };
    rc("vcpu3", hypercall3(__HYPERVISOR_vcpu_op, 10, 3, (uint32_t)&info));
    rc("initialise", hypercall3(__HYPERVISOR_vcpu_op, 0, 0, (uint32_t)&info));
    rc("offset4", hypercall3(__HYPERVISOR_vcpu_op, 10, 0, (uint32_t)&info));
    info.offset = 4090;
    rc("offset4090", hypercall3(__HYPERVISOR_vcpu_op, 10, 0, (uint32_t)&info));
    line_print(&l);

    start("hvm_op");
    struct { uint16_t domid, pad; uint32_t index; uint64_t value; } param = { DOMID_SELF, 0, 0, 99 };
    rc("get-callback", hypercall_op(__HYPERVISOR_hvm_op, 1, &param));
    rc("value", (uint32_t)param.value);
    rc("set-callback", hypercall_op(__HYPERVISOR_hvm_op, 0, &param));
    param.index = 3;
    rc("get3", hypercall_op(__HYPERVISOR_hvm_op, 1, &param));
    param.index = 28;
    rc("get28", hypercall_op(__HYPERVISOR_hvm_op, 1, &param));
    rc("op5", hypercall_op(__HYPERVISOR_hvm_op, 5, &param));
    rc("hypercall99", hypercall3(EBIG, 0, 0, 0));
    line_print(&l);

    shutdown(SHUTDOWN_poweroff);
    return 0;
}
