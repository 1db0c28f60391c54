/* domain.h: a domain (a virtual machine) and its vCPUs. */
#ifndef DOMAIN_H
#define DOMAIN_H

#include "event_channel.h"
#include "fdt.h"
#include "grant_table.h"
#include "p2m.h"
#include "regs.h"
#include "vcpu.h"
#include "vgic.h"
#include "vpl011.h"

/* Guest RAM starts here in every domain, as on Xen (XEN-ABI.md §5, GUEST_RAM0_BASE). */
#define GUEST_RAM_BASE      0x40000000u
#define DEFAULT_RAM_SIZE    (16u << 20)
#define MAX_VCPUS           2

struct domain {
    uint32_t id;                /* d1, d2, ... in the order of the device tree */
    struct p2m p2m;
    uintptr_t ram_pa;           /* machine address of the guest's RAM */
    uint32_t ram_size;
    uintptr_t kernel_pa;        /* the boot module holding its kernel */
    uint32_t kernel_size;
    bool enhanced;              /* Xen's PV interfaces: the hypervisor node in its tree */
    char bootargs[128];         /* the kernel module's bootargs, for its tree's /chosen */
    uint32_t nr_vcpus;
    struct vcpu vcpu[MAX_VCPUS];
    struct vgic_dist vgic;      /* its GIC distributor, emulated */
    struct vpl011 uart;         /* its UART, emulated */
    uint64_t cntvoff;           /* its virtual counter starts at 0 when it is built */
    struct evtchn_domain evtchn;    /* its event channels and where their bits are (event_channel.c) */
    struct grant_table gnttab;      /* the grants it has mapped (grant_table.c) */
    bool dead;
    char line[128];             /* console output up to the next newline */
    uint32_t line_len;
};

/* The domain and vCPU running on this physical CPU (NULL while it idles). */
#define current         (this_cpu()->vcpu->domain)
#define current_vcpu    (this_cpu()->vcpu)

/* Builds every domain the device tree describes (dom0less /chosen/domU* nodes, or bare boot
 * modules), and makes each one's vCPU 0 runnable. */
void domains_from_dt(const struct fdt *fdt, uintptr_t image_start, uintptr_t image_end);
/* A character the guest wrote to its console (console_io or the vpl011): printed a line at a
 * time, "(d1) text", printable characters only (Xen's guest_console_write). */
void domain_console_putc(struct domain *d, char c);
/* The domain stops for good (shut down or crashed); 'why' is printed. Its vCPUs stop at their
 * next trap (the running one at once, on return from the current trap). */
void domain_kill(struct domain *d, const char *why);
/* Starts the domain again from its kernel, as a reset would (PSCI SYSTEM_RESET). */
void domain_reboot(struct domain *d);
/* Domains still alive. */
uint32_t domains_alive(void);
/* Every vCPU of every domain, for the scheduler: vcpu_at(0), vcpu_at(1), ... NULL past the end. */
struct vcpu *vcpu_at(uint32_t index);
/* Domain 'id', or NULL. */
struct domain *domain_by_id(uint32_t id);

#endif
