/* guest_dt.h: the device tree a domain's kernel gets in r2. */
#ifndef GUEST_DT_H
#define GUEST_DT_H

#include "domain.h"

/* Writes the domain's device tree into the top 2 MiB of its RAM and returns its guest
 * address, or 0 if it did not fit. */
uint32_t guest_dt_build(struct domain *d);

#endif
