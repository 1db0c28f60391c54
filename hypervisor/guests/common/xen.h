/* xen.h: the Xen hypercall interface a tiny guest uses (XEN-ABI.md §1, §2): HVC #0xEA1 with
 * the hypercall number in r12 and the arguments in r0-r4; the result comes back in r0. */
#ifndef XEN_H
#define XEN_H

#include <stdint.h>

#define __HYPERVISOR_console_io     18
#define __HYPERVISOR_sched_op       29

#define CONSOLEIO_write             0
#define SCHEDOP_shutdown            2
#define SHUTDOWN_poweroff           0
#define SHUTDOWN_crash              3

static inline long hypercall3(uint32_t nr, uint32_t a0, uint32_t a1, uint32_t a2)
{
    register uint32_t r0 __asm__("r0") = a0;
    register uint32_t r1 __asm__("r1") = a1;
    register uint32_t r2 __asm__("r2") = a2;
    register uint32_t r12 __asm__("r12") = nr;
    __asm__ volatile("hvc #0xea1" : "+r"(r0), "+r"(r1), "+r"(r2), "+r"(r12) : : "memory");
    return (long)r0;
}

static inline long console_write(const char *s, uint32_t n)
{
    return hypercall3(__HYPERVISOR_console_io, CONSOLEIO_write, n, (uint32_t)s);
}

struct sched_shutdown { uint32_t reason; };

static inline long shutdown(uint32_t reason)
{
    struct sched_shutdown arg = { reason };
    return hypercall3(__HYPERVISOR_sched_op, SCHEDOP_shutdown, (uint32_t)&arg, 0);
}

/* --- Xen's PV interfaces (XEN-ABI.md §2.3-§2.8, §3): the numbers and the arm32 layouts ---- */

#define __HYPERVISOR_memory_op          12
#define __HYPERVISOR_xen_version        17
#define __HYPERVISOR_grant_table_op     20
#define __HYPERVISOR_vcpu_op            24
#define __HYPERVISOR_event_channel_op   32
#define __HYPERVISOR_hvm_op             34

#define SCHEDOP_yield               0
#define SCHEDOP_poll                3
#define DOMID_SELF                  0x7ff0u

static inline long hypercall_op(uint32_t nr, uint32_t cmd, void *arg)
{
    return hypercall3(nr, cmd, (uint32_t)arg, 0);
}

/* PSCI through the SMC Calling Convention: HVC #0, the function ID in r0, arguments r1-r3, the
 * result in r0 (XEN-ABI.md §9; ARM DEN 0022). */
#define PSCI_VERSION        0x84000000u
#define PSCI_CPU_OFF        0x84000002u
#define PSCI_CPU_ON         0x84000003u
#define PSCI_AFFINITY_INFO  0x84000004u
#define PSCI_SYSTEM_OFF     0x84000008u
#define PSCI_SYSTEM_RESET   0x84000009u

static inline int32_t psci(uint32_t function, uint32_t a1, uint32_t a2, uint32_t a3)
{
    register uint32_t r0 __asm__("r0") = function;
    register uint32_t r1 __asm__("r1") = a1;
    register uint32_t r2 __asm__("r2") = a2;
    register uint32_t r3 __asm__("r3") = a3;
    __asm__ volatile("hvc #0" : "+r"(r0), "+r"(r1), "+r"(r2), "+r"(r3) : : "memory");
    return (int32_t)r0;
}

static inline long sched_yield(void)
{
    return hypercall3(__HYPERVISOR_sched_op, SCHEDOP_yield, 0, 0);
}

/* SCHEDOP_poll: 24 bytes; 'ports' is a guest handle, 8 bytes in a struct even on arm32. */
struct sched_poll {
    uint32_t *ports;
    uint32_t ports_hi;
    uint32_t nr_ports;
    uint64_t timeout;
};

static inline long sched_poll_one(uint32_t *port)
{
    struct sched_poll poll = { .ports = port, .nr_ports = 1 };
    return hypercall_op(__HYPERVISOR_sched_op, SCHEDOP_poll, &poll);
}

/* xen_version */
#define XENVER_version              0
#define XENVER_get_features         6
struct xen_feature_info { uint32_t submap_idx, submap; };

/* memory_op: XENMEM_add_to_physmap puts shared_info or a grant-table frame at a guest frame. */
#define XENMEM_add_to_physmap       7
#define XENMAPSPACE_shared_info     0
#define XENMAPSPACE_grant_table     1
struct xen_add_to_physmap {
    uint16_t domid;
    uint16_t size;
    uint32_t space;
    uint64_t idx;
    uint64_t gpfn;
};

/* event_channel_op */
#define EVTCHNOP_bind_interdomain   0
#define EVTCHNOP_close              3
#define EVTCHNOP_send               4
#define EVTCHNOP_status             5
#define EVTCHNOP_alloc_unbound      6
#define EVTCHNSTAT_closed           0
#define EVTCHNSTAT_unbound          1
#define EVTCHNSTAT_interdomain      2
struct evtchn_alloc_unbound { uint16_t dom, remote_dom; uint32_t port; };
struct evtchn_bind_interdomain { uint16_t remote_dom; uint32_t remote_port, local_port; };
struct evtchn_port_op { uint32_t port; };          /* close, send, unmask */
struct evtchn_status {
    uint16_t dom;
    uint32_t port, status, vcpu;
    uint16_t remote_dom;                            /* unbound, interdomain: the other domain */
    uint32_t remote_port;                           /* interdomain: its port */
};

static inline long evtchn_op(uint32_t cmd, void *arg)
{
    return hypercall_op(__HYPERVISOR_event_channel_op, cmd, arg);
}

/* The 2-level event bits (XEN-ABI.md §3): vCPU 0's vcpu_info at the start of shared_info. */
struct vcpu_info {
    uint8_t evtchn_upcall_pending;
    uint8_t pad0;
    uint64_t evtchn_pending_sel;
    uint8_t time[32];
};
struct shared_info {
    struct vcpu_info vcpu_info[1];
    uint64_t evtchn_pending[64];
    uint64_t evtchn_mask[64];
    uint32_t wc_version, wc_sec, wc_nsec, wc_sec_hi;
};

/* grant_table_op, v1 (XEN-ABI.md §2.8) */
#define GNTTABOP_map_grant_ref      0
#define GNTTABOP_unmap_grant_ref    1
#define GNTTAB_NR_RESERVED_ENTRIES  8
#define GTF_permit_access           1
#define GTF_readonly                (1 << 2)
#define GTF_reading                 (1 << 3)
#define GTF_writing                 (1 << 4)
#define GNTMAP_host_map             (1 << 1)
struct grant_entry_v1 { uint16_t flags, domid; uint32_t frame; };
struct gnttab_map_grant_ref {
    uint64_t host_addr;
    uint32_t flags, ref;
    uint16_t dom;
    int16_t status;
    uint32_t handle;
    uint64_t dev_bus_addr;
};
struct gnttab_unmap_grant_ref {
    uint64_t host_addr, dev_bus_addr;
    uint32_t handle;
    int16_t status;
};

static inline long grant_table_op(uint32_t cmd, void *uop, uint32_t count)
{
    return hypercall3(__HYPERVISOR_grant_table_op, cmd, (uint32_t)uop, count);
}

/* The layouts above, checked against XEN-ABI.md's sizes and offsets. */
_Static_assert(sizeof(struct sched_poll) == 24, "sched_poll");
_Static_assert(sizeof(struct xen_add_to_physmap) == 24, "xen_add_to_physmap");
_Static_assert(sizeof(struct evtchn_bind_interdomain) == 12, "evtchn_bind_interdomain");
_Static_assert(sizeof(struct evtchn_status) == 24, "evtchn_status");
_Static_assert(sizeof(struct vcpu_info) == 48, "vcpu_info");
_Static_assert(__builtin_offsetof(struct shared_info, evtchn_mask) == 560, "shared_info");
_Static_assert(sizeof(struct gnttab_map_grant_ref) == 32, "gnttab_map_grant_ref");
_Static_assert(sizeof(struct gnttab_unmap_grant_ref) == 24, "gnttab_unmap_grant_ref");

#endif
