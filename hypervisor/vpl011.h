/* vpl011.h: the emulated UART every domain gets at 0x22000000 (Xen's vpl011, an SBSA UART
 * subset; XEN-ABI.md §5, §8.3). */
#ifndef VPL011_H
#define VPL011_H

#include "types.h"

struct domain;

#define GUEST_PL011_BASE    0x22000000u
#define GUEST_PL011_SIZE    0x1000u
#define VPL011_RX_SIZE      64

/* A domain's UART: what was typed for it and not read yet, and its interrupt mask. */
struct vpl011 {
    uint8_t rx[VPL011_RX_SIZE];
    uint32_t rx_head, rx_count;
    uint32_t imsc;
};

/* A guest read (value in *value) or write of one of its registers, at 'offset'; 'size' bytes.
 * False for a register Xen's vpl011 does not implement: the guest then gets a data abort. */
bool vpl011_read(struct domain *d, uint32_t offset, uint32_t size, uint32_t *value);
bool vpl011_write(struct domain *d, uint32_t offset, uint32_t size, uint32_t value);
/* The next byte typed for the domain, taken from its FIFO (-1: none): what its data register
 * or a console_io read gets. */
int vpl011_take(struct domain *d);
/* A keystroke for the domain (input.c). */
void vpl011_receive(struct domain *d, char c);

#endif
