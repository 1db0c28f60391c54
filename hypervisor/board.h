/* board.h: what the hypervisor learns about the machine from the device tree. Nothing here is
 * compiled in: the same binary runs on the Versatile Express and on the Arndale. */
#ifndef BOARD_H
#define BOARD_H

#include "fdt.h"

/* How the boot loader left the secondary CPUs waiting (BOARDS.md §2.7, §3.6). */
enum smp_method {
    SMP_NONE,
    SMP_VEXPRESS_FLAGS,     /* an address in the V2M SYS_FLAGS register, then an SGI */
    SMP_EXYNOS_SYSRAM,      /* an address in the first word of sysram, then an SGI */
};

/* How the board is switched off. */
enum power_method {
    POWER_NONE,
    POWER_VEXPRESS_CFG,     /* V2M SYS_CFGCTRL function 8, SHUTDOWN (BOARDS.md §2.6) */
    POWER_EXYNOS_PS_HOLD,   /* Exynos PMU PS_HOLD_CONTROL drops the power hold (§3.6) */
};

struct board {
    const char *model;
    const char *compatible;         /* the root's most specific compatible string */
    uint64_t ram_base, ram_size;    /* the first memory node */
    uintptr_t gicd, gicc, gich, gicv;
    uint32_t maintenance_irq;       /* GICH's maintenance interrupt, an interrupt ID */
    uint32_t timer_irq[4];          /* secure phys, non-secure phys, virtual, hyp: interrupt IDs */
    uint32_t timer_frequency;       /* the timer node's clock-frequency, 0 if it has none */
    uint32_t cpus;                  /* CPU nodes under /cpus */
    enum smp_method smp;
    uintptr_t smp_mailbox;          /* SYS_FLAGS set register, or the sysram word */
    uintptr_t smp_mailbox_clear;    /* SYS_FLAGS clear register (vexpress only) */
    enum power_method power;
    uintptr_t power_reg;
};

extern struct board board;

/* Fills 'board' from the tree; panics, saying what is missing, if the hypervisor cannot run. */
void board_discover(const struct fdt *fdt);

#endif
