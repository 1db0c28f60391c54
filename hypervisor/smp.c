/* smp.c: releasing the secondary CPUs. Each board parks them its own way (BOARDS.md §2.7,
 * §3.6): the hypervisor writes its entry point where the parked CPU looks, then wakes it with
 * an SGI, and waits until the CPU says it is up. */
#include "smp.h"
#include "board.h"
#include "console.h"
#include "gic.h"
#include "mm.h"
#include "sched.h"
#include "trap.h"

#define MAX_CPUS 4

/* Set by each secondary in start_secondary(); CPU0 waits for it. */
static volatile uint32_t cpu_up[MAX_CPUS];
/* Set by CPU0 when the domains exist; the secondaries wait for it. */
static volatile uint32_t domains_ready;

/* Rough bound on the wait for a secondary: far more than it needs, but not forever. */
#define WAIT_LOOPS 10000000u

static void release(uint32_t cpu)
{
    uintptr_t entry = (uintptr_t)secondary_entry;   /* the MMU is off: a physical address */
    switch (board.smp) {
    case SMP_VEXPRESS_FLAGS:
        mmio_write(board.smp_mailbox_clear, 0xffffffff);
        mmio_write(board.smp_mailbox, entry);
        break;
    case SMP_EXYNOS_SYSRAM:
        mmio_write(board.smp_mailbox, entry);
        break;
    case SMP_NONE:
        return;
    }
    gic_send_sgi(1u << cpu, 0);
}

uint32_t smp_bring_up(void)
{
    uint32_t up = 1;
    for (uint32_t cpu = 1; cpu < board.cpus && cpu < MAX_CPUS; cpu++) {
        release(cpu);
        uint32_t i = 0;
        while (!cpu_up[cpu] && i < WAIT_LOOPS)
            i++;
        if (cpu_up[cpu])
            up++;
        else
            printk("CPU%u did not come up\n", cpu);
    }
    return up;
}

void start_secondary(uint32_t cpu)
{
    trap_init();                                    /* HVBAR is per CPU */
    mm_enable();                                    /* CPU0's page tables, this CPU's MMU */
    gic_init_cpu();
    sched_init_cpu(cpu);
    printk("CPU%u: MPIDR %08x, %s mode\n", cpu, read_mpidr(), (read_cpsr() & 0x1f) == 0x1a ? "Hyp" : "not Hyp");
    dsb();
    cpu_up[cpu] = 1;
    while (!domains_ready)
        wfe();                                      /* CPU0's SEV ends the wait */
    sched_start();
}

void smp_domains_ready(void)
{
    dsb();
    domains_ready = 1;
    sev();
}
