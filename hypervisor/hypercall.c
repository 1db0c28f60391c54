/* hypercall.c: Xen's hypercalls, by number (XEN-ABI.md §1.1). A guest gets what Xen would
 * give it; anything not implemented answers -ENOSYS, as Xen does for hypercalls it lacks.
 * Event channels, grants and memory_op have files of their own; the small ones are here. */
#include "hypercall.h"
#include "console.h"
#include "domain.h"
#include "event_channel.h"
#include "grant_table.h"
#include "guest.h"
#include "vpl011.h"
#include "memory.h"
#include "sched.h"

#define __HYPERVISOR_memory_op          12
#define __HYPERVISOR_xen_version        17
#define __HYPERVISOR_console_io         18
#define __HYPERVISOR_grant_table_op     20
#define __HYPERVISOR_vcpu_op            24
#define __HYPERVISOR_sched_op           29
#define __HYPERVISOR_event_channel_op   32
#define __HYPERVISOR_hvm_op             34

#define CONSOLEIO_write             0
#define CONSOLEIO_read              1
#define SCHEDOP_yield               0
#define SCHEDOP_block               1
#define SCHEDOP_shutdown            2
#define SCHEDOP_poll                3

/* Domains that have made a PV call (event channels, grants, memory_op, vcpu_op): only those
 * have anything to undo when they go. */
static bool pv_used[P2M_MAX_DOMAINS + 1];

static const char *const shutdown_reasons[] = { "poweroff", "reboot", "suspend", "crash", "watchdog", "soft_reset" };

struct domain *domain_by_any_id(struct domain *self, uint32_t domid)
{
    if (domid == DOMID_SELF || domid == self->id)
        return self;
    struct domain *d = domain_by_id(domid);
    return d && !d->dead ? d : NULL;        /* a dead domain is destroyed: no longer there */
}

/* console_io write: the bytes go to the domain's console (domain_console_putc). */
/* A result that is no result: the hypercall goes on (see console_write). */
#define CONTINUED           INT32_MIN
#define CONSOLE_CHUNK       128             /* bytes copied from the guest at a time */
#define CONSOLE_BATCH       1024            /* bytes written per HVC */

/* console_io write: the bytes go to the domain's console. A long write is done a batch at a
 * time, continued the way Xen continues a long hypercall (XEN-ABI.md §1, "Preemption"): r1 and
 * r2 are advanced past what was written and the PC is stepped back onto the HVC (4 bytes in
 * either instruction set), which the guest then executes again. Between the batches the lock
 * is free and the scheduler may run others, so no count can hold the machine up. */
static int32_t console_write(struct domain *d, struct cpu_regs *regs)
{
    uint32_t count = regs->r[1], buffer = regs->r[2];
    uint32_t batch = count < CONSOLE_BATCH ? count : CONSOLE_BATCH;
    char chunk[CONSOLE_CHUNK];
    for (uint32_t done = 0; done < batch; ) {
        uint32_t n = batch - done < CONSOLE_CHUNK ? batch - done : CONSOLE_CHUNK;
        if (!copy_from_guest(chunk, buffer + done, n))
            return -EFAULT;
        for (uint32_t i = 0; i < n; i++)
            domain_console_putc(d, chunk[i]);
        done += n;
    }
    if (count == batch)
        return 0;
    regs->r[1] = count - batch;
    regs->r[2] = buffer + batch;
    regs->pc -= 4;
    return CONTINUED;
}

#define GNTTAB_BATCH        16              /* grant operations per HVC */

/* grant_table_op: an array of map, unmap or copy operations is done GNTTAB_BATCH at a time,
 * the rest continued as a long console write is (the guest's 'count' is its own to choose). */
static int32_t grant_table_op(struct domain *d, struct cpu_regs *regs)
{
    uint32_t cmd = regs->r[0], uop = regs->r[1], count = regs->r[2];
    uint32_t size = gnttab_op_size(cmd);
    if (size == 0 || (int32_t)count <= GNTTAB_BATCH)
        return do_grant_table_op(d, cmd, uop, count);
    int32_t rc = do_grant_table_op(d, cmd, uop, GNTTAB_BATCH);
    if (rc != 0)
        return rc;
    regs->r[1] = uop + GNTTAB_BATCH * size;
    regs->r[2] = count - GNTTAB_BATCH;
    regs->pc -= 4;
    return CONTINUED;
}

/* console_io read: what was typed for this domain and not read yet (input.c), up to 'count'
 * bytes; the number read. The same bytes its vpl011 would deliver. */
static int32_t console_read(struct domain *d, uint32_t count, uint32_t buffer)
{
    uint32_t n = 0;
    int c;
    while (n < count && (c = vpl011_take(d)) >= 0) {
        char byte = (char)c;
        if (!copy_to_guest(buffer + n, &byte, 1))
            return -EFAULT;
        n++;
    }
    return (int32_t)n;
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
    if (cmd == SCHEDOP_poll)
        return evtchn_poll(current_vcpu, regs, arg);
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

/* --- xen_version (XEN-ABI.md §2.7) ------------------------------------------------------- */

#define XENVER_version              0
#define XENVER_extraversion         1
#define XENVER_capabilities         3
#define XENVER_get_features         6
#define XENVER_pagesize             7
#define XENVER_guest_handle         8
#define XENVER_commandline          9

/* Features of an ARM domU (public/features.h): writable_page_tables 0, auto_translated_physmap
 * 2, memory_op_vnode_supported 13, ARM_SMCCC_supported 14, not_direct_mapped 16. */
#define XEN_FEATURES_0  ((1u << 0) | (1u << 2) | (1u << 13) | (1u << 14) | (1u << 16))

/* A fixed-size string (Xen's char[16] extraversion, char[1024] capabilities, ...), padded
 * with NULs. */
static int32_t copy_string(uint32_t arg, const char *s, uint32_t size)
{
    for (uint32_t i = 0; i < size; i++) {
        char c = *s ? *s++ : 0;
        if (!copy_to_guest(arg + i, &c, 1))
            return -EFAULT;
    }
    return 0;
}

static int32_t xen_version(uint32_t cmd, uint32_t arg)
{
    switch (cmd) {
    case XENVER_version:
        return 0x00040011;                  /* 4.17 */
    case XENVER_extraversion:
        return copy_string(arg, ".0", 16);
    case XENVER_capabilities:
        return copy_string(arg, "xen-3.0-armv7l ", 1024);
    case XENVER_get_features: {
        uint32_t fi[2];                     /* submap_idx, submap */
        if (!copy_from_guest(fi, arg, sizeof(fi)))
            return -EFAULT;
        if (fi[0] != 0)
            return -EINVAL;
        fi[1] = XEN_FEATURES_0;
        return copy_to_guest(arg, fi, sizeof(fi)) ? 0 : -EFAULT;
    }
    case XENVER_pagesize:
        return arg ? -EINVAL : 4096;        /* and it takes no argument */
    case XENVER_guest_handle:
        return copy_string(arg, "", 16);    /* a dom0less domain's UUID is all zeros */
    case XENVER_commandline:
        return copy_string(arg, "<denied>", 9);     /* for the privileged only */
    default:
        return -ENOSYS;                     /* compile_info, changeset, build_id, ...: not here */
    }
}

/* --- vcpu_op (XEN-ABI.md §2.5) ----------------------------------------------------------- */

#define VCPUOP_register_runstate_memory_area    5
#define VCPUOP_register_vcpu_info               10

/* Xen on ARM has two vCPU operations; vCPUs come and go through PSCI instead. */
static int32_t vcpu_op(struct domain *d, uint32_t cmd, uint32_t vcpuid, uint32_t arg)
{
    if (cmd != VCPUOP_register_vcpu_info && cmd != VCPUOP_register_runstate_memory_area)
        return -EINVAL;
    if (vcpuid >= d->nr_vcpus)
        return -ENOENT;
    if (cmd == VCPUOP_register_vcpu_info) {
        struct { uint64_t mfn; uint32_t offset, rsvd; } info;     /* 16 bytes; mfn is a gfn */
        if (!copy_from_guest(&info, arg, sizeof(info)))
            return -EFAULT;
        return evtchn_register_vcpu_info(&d->vcpu[vcpuid], info.mfn, info.offset);
    }
    return -ENOSYS;                         /* runstate areas: no runstate accounting here */
}

/* --- hvm_op (XEN-ABI.md §2.6) ------------------------------------------------------------ */

#define HVMOP_set_param                 0
#define HVMOP_get_param                 1
#define HVM_PARAM_CALLBACK_IRQ          0
#define HVM_PARAM_STORE_PFN             1
#define HVM_PARAM_STORE_EVTCHN          2
#define HVM_PARAM_CONSOLE_PFN           17
#define HVM_PARAM_CONSOLE_EVTCHN        18
#define HVM_PARAM_MONITOR_RING_PFN      28

/* A guest may read five parameters and set none. For a dom0less domain without xenstore all
 * five are 0: Xen 4.17 sets CALLBACK_IRQ only for dom0 (domain_build.c evtchn_allocate), the
 * store page and event channel only with xenstore, the console page never (§2.6). */
static int32_t hvm_op(struct domain *d, uint32_t op, uint32_t arg)
{
    struct { uint16_t domid, pad; uint32_t index; uint64_t value; } a;     /* 16 bytes */
    if (op != HVMOP_set_param && op != HVMOP_get_param)
        return -ENOSYS;
    if (!copy_from_guest(&a, arg, sizeof(a)))
        return -EFAULT;
    struct domain *target = domain_by_any_id(d, a.domid);
    if (target == NULL)
        return -ESRCH;
    if (target != d)
        return -EPERM;                      /* another domain's: the toolstack's (XSM_TARGET) */
    switch (a.index) {
    case HVM_PARAM_CALLBACK_IRQ:
    case HVM_PARAM_STORE_PFN:
    case HVM_PARAM_STORE_EVTCHN:
    case HVM_PARAM_CONSOLE_PFN:
    case HVM_PARAM_CONSOLE_EVTCHN:
        if (op == HVMOP_set_param)
            return -EPERM;
        a.value = 0;
        return copy_to_guest(arg, &a, sizeof(a)) ? 0 : -EFAULT;
    case HVM_PARAM_MONITOR_RING_PFN:
        return -EPERM;
    default:
        return -EINVAL;
    }
}

void do_hypercall(struct cpu_regs *regs)
{
    int32_t result;
    uint32_t *r = regs->r;
    if (r[12] == __HYPERVISOR_memory_op || r[12] == __HYPERVISOR_grant_table_op
        || r[12] == __HYPERVISOR_vcpu_op || r[12] == __HYPERVISOR_event_channel_op)
        pv_used[current->id] = true;
    switch (r[12]) {
    case __HYPERVISOR_console_io:
        if (r[0] == CONSOLEIO_write)
            result = console_write(current, regs);
        else if (r[0] == CONSOLEIO_read)
            result = console_read(current, r[1], r[2]);
        else
            result = -ENOSYS;
        break;
    case __HYPERVISOR_sched_op:         result = sched_op(current, regs); break;
    case __HYPERVISOR_memory_op:        result = do_memory_op(current, r[0], r[1]); break;
    case __HYPERVISOR_xen_version:      result = xen_version(r[0], r[1]); break;
    case __HYPERVISOR_grant_table_op:   result = grant_table_op(current, regs); break;
    case __HYPERVISOR_vcpu_op:          result = vcpu_op(current, r[0], r[1], r[2]); break;
    case __HYPERVISOR_event_channel_op: result = do_event_channel_op(current, r[0], r[1]); break;
    case __HYPERVISOR_hvm_op:           result = hvm_op(current, r[0], r[1]); break;
    default:
        result = -ENOSYS;
    }
    if (result != CONTINUED)
        regs->r[0] = (uint32_t)result;
}

void hypercall_domain_destroy(struct domain *d)
{
    if (!pv_used[d->id])
        return;
    pv_used[d->id] = false;
    evtchn_domain_destroy(d);
    gnttab_domain_destroy(d);
    memory_domain_destroy(d);
}
