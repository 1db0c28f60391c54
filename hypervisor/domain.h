/* domain.h: a domain (a virtual machine) and its one vCPU. */
#ifndef DOMAIN_H
#define DOMAIN_H

#include "fdt.h"
#include "p2m.h"
#include "regs.h"

/* Guest RAM starts here in every domain, as on Xen (XEN-ABI.md §5, GUEST_RAM0_BASE). */
#define GUEST_RAM_BASE      0x40000000u
#define GUEST_RAM_SIZE      (16u << 20)

struct domain {
    uint32_t id;                /* d1, d2, ... in the order of the boot modules */
    struct p2m p2m;
    uintptr_t ram_pa;           /* machine address of the guest's RAM */
    uintptr_t kernel_pa;        /* the boot module holding its kernel */
    uint32_t kernel_size;
    bool dead;
    char line[128];             /* console_io output up to the next newline */
    uint32_t line_len;
};

/* The domain running on this CPU. */
extern struct domain *current;

/* Makes domain 'id' from a kernel image in a boot module; false (and says why) if it cannot. */
bool domain_create(struct domain *d, uint32_t id, uintptr_t kernel_pa, uint32_t kernel_size);
/* Enters the domain's vCPU at its kernel's entry, in SVC mode as Xen does (XEN-ABI.md §6). */
void domain_start(struct domain *d) __attribute__((noreturn));
/* A character the guest wrote to its console (console_io or the vpl011): printed a line at a
 * time, "(d1) text", printable characters only (Xen's guest_console_write). */
void domain_console_putc(struct domain *d, char c);
/* The domain stops for good (shut down or crashed); 'why' is printed. */
void domain_kill(struct domain *d, const char *why);

/* Runs the next domain that has not run yet, or powers off when none is left. */
void schedule(void) __attribute__((noreturn));
/* The domains the boot modules describe, and how many there are. */
void domains_from_modules(const struct fdt *fdt);

#endif
