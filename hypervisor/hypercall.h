/* hypercall.h: the Xen hypercalls a guest makes with HVC #0xEA1 (XEN-ABI.md §1, §2), and what
 * the files that implement them (event_channel.c, grant_table.c, memory.c) share. */
#ifndef HYPERCALL_H
#define HYPERCALL_H

#include "regs.h"

struct domain;

/* Xen's error numbers, returned negated (XEN-ABI.md §1, xen/include/public/errno.h). */
#define EPERM       1
#define ENOENT      2
#define ESRCH       3
#define ENXIO       6
#define ENOMEM      12
#define EFAULT      14
#define EBUSY       16
#define EEXIST      17
#define EINVAL      22
#define ENOSPC      28
#define ENOSYS      38

/* "This domain" in any domid argument (xen.h DOMID_SELF). */
#define DOMID_SELF  0x7ff0u

/* The domain a domid argument names for the calling domain: DOMID_SELF or its own id give
 * 'self'; another living domain's id gives that domain; otherwise NULL (Xen's -ESRCH). */
struct domain *domain_by_any_id(struct domain *self, uint32_t domid);

/* The number is in r12, the arguments in r0-r4; the result goes to r0. */
void do_hypercall(struct cpu_regs *regs);

/* The domain is gone (shut down, crashed, or about to boot again): its event channels, the
 * grants it mapped and the hypervisor pages it mapped are undone, as Xen does when it
 * destroys a domain, so that its peers see closed channels and a rebooted kernel starts
 * from nothing. */
void hypercall_domain_destroy(struct domain *d);

#endif
