/* guest.h: reaching into the running guest's memory, by the guest's own virtual addresses. */
#ifndef GUEST_H
#define GUEST_H

#include "types.h"

/* Copies n bytes at guest virtual address 'va' into 'dst'; false if some byte is unmapped. */
bool copy_from_guest(void *dst, uint32_t va, uint32_t n);
/* Copies n bytes to guest virtual address 'va' (which the guest may write); false if it cannot. */
bool copy_to_guest(uint32_t va, const void *src, uint32_t n);

#endif
