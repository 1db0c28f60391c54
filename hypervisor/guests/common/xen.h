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

#endif
