/* vpl011.h: the emulated UART every domain gets at 0x22000000 (Xen's vpl011, an SBSA UART
 * subset; XEN-ABI.md §5). */
#ifndef VPL011_H
#define VPL011_H

#include "domain.h"

#define GUEST_PL011_BASE    0x22000000u
#define GUEST_PL011_SIZE    0x1000u

/* A guest read (value in *value) or write of one of its registers, at 'offset'; 'size' bytes. */
bool vpl011_read(struct domain *d, uint32_t offset, uint32_t size, uint32_t *value);
bool vpl011_write(struct domain *d, uint32_t offset, uint32_t size, uint32_t value);

#endif
