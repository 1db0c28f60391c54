/* types.h: fixed-width types, MMIO access and the few helpers every file uses. */
#ifndef TYPES_H
#define TYPES_H

#include <stdint.h>
#include <stddef.h>
#include <stdbool.h>

/* Device registers are read and written only through these, so every access is one volatile
 * load or store of the width the device expects (and easy to find with grep). */
static inline uint32_t mmio_read(uintptr_t addr) { return *(volatile uint32_t *)addr; }
static inline void mmio_write(uintptr_t addr, uint32_t v) { *(volatile uint32_t *)addr = v; }
static inline void mmio_write8(uintptr_t addr, uint8_t v) { *(volatile uint8_t *)addr = v; }

static inline void dsb(void) { __asm__ volatile("dsb" ::: "memory"); }
static inline void isb(void) { __asm__ volatile("isb" ::: "memory"); }
static inline void sev(void) { __asm__ volatile("dsb\n sev" ::: "memory"); }
static inline void wfe(void) { __asm__ volatile("wfe" ::: "memory"); }

/* MPIDR (ARM ARM B4.1.106): Aff0, bits [7:0], numbers the cores of a cluster. */
static inline uint32_t read_mpidr(void)
{
    uint32_t v;
    __asm__ volatile("mrc p15, 0, %0, c0, c0, 5" : "=r"(v));
    return v;
}

static inline uint32_t read_cpsr(void)
{
    uint32_t v;
    __asm__ volatile("mrs %0, cpsr" : "=r"(v));
    return v;
}

void *memset(void *dst, int c, size_t n);
void *memcpy(void *dst, const void *src, size_t n);
size_t strlen(const char *s);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
const char *strchr(const char *s, int c);

#endif
