/* spinlock.h: mutual exclusion between the physical CPUs with LDREX/STREX (ARM ARM A3.4):
 * the store succeeds only if no other CPU wrote the lock since our load. */
#ifndef SPINLOCK_H
#define SPINLOCK_H

#include "types.h"

typedef struct { volatile uint32_t locked; } spinlock_t;

static inline void spin_lock(spinlock_t *lock)
{
    uint32_t seen, failed;
    __asm__ volatile(
        "1: ldrex   %0, [%2]\n"
        "   cmp     %0, #0\n"
        "   wfene\n"                   /* held: sleep until the holder's SEV */
        "   bne     1b\n"
        "   strex   %1, %3, [%2]\n"
        "   cmp     %1, #0\n"
        "   bne     1b\n"
        "   dmb\n"                     /* nothing inside the lock moves before taking it */
        : "=&r"(seen), "=&r"(failed) : "r"(&lock->locked), "r"(1) : "cc", "memory");
}

static inline void spin_unlock(spinlock_t *lock)
{
    __asm__ volatile("dmb" ::: "memory");   /* everything inside the lock is seen first */
    lock->locked = 0;
    sev();                                  /* wake CPUs waiting in spin_lock's WFE */
}

#endif
