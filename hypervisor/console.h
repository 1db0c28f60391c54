/* console.h: the hypervisor's messages, each line prefixed "(XEN) " as Xen does, so a reader
 * of a mixed console tells the hypervisor from its guests ("(d1) "). */
#ifndef CONSOLE_H
#define CONSOLE_H

#include "types.h"

/* printf for the console: %s %c %d %u %x %p, with a width and 0 flag (e.g. %08x); %d %u %x
 * take 32-bit values (uint32_t), %lld %llu %llx 64-bit ones. (No format attribute: GCC would
 * want %lx for uint32_t, which is 'long' on arm-none-eabi.) Safe from both CPUs: the lock
 * keeps one call's text together. */
void printk(const char *fmt, ...);

/* One line a guest wrote with console_io, as "(d<id>) line" (Xen's guest_printk). */
void guest_printk(uint32_t domid, const char *line);

/* Prints the message and stops this CPU for good. */
void panic(const char *fmt, ...) __attribute__((noreturn));

#endif
