/* main.c: the boot order, top to bottom. CPU0 arrives here from boot.S with the device tree
 * the boot loader passed; the other CPUs join in start_secondary() (smp.c). */
#include "board.h"
#include "domain.h"
#include "console.h"
#include "fdt.h"
#include "gic.h"
#include "input.h"
#include "mm.h"
#include "sched.h"
#include "smp.h"
#include "trap.h"
#include "uart.h"

/* The Xen version whose guest interface the hypervisor presents (../shared/docs/XEN-ABI.md). */
#define XEN_INTERFACE   "4.17"

static struct fdt fdt;

extern char _start[], __bss_end[];     /* the image's first and last byte (hyp.ld) */

static uint32_t cntfrq(void)
{
    uint32_t v;
    __asm__ volatile("mrc p15, 0, %0, c14, c0, 0" : "=r"(v));     /* CNTFRQ, B4.1.21 */
    return v;
}

static void print_board(const void *dtb, uintptr_t load_address)
{
    printk("Board: %s (%s)\n", board.model, board.compatible);
    printk("Device tree at %p; hypervisor loaded at %p\n", dtb, (void *)load_address);
    printk("RAM: %08llx-%08llx (%llu MiB)\n", board.ram_base, board.ram_base + board.ram_size - 1,
           board.ram_size >> 20);
    printk("Console: %s (%s)\n", uart_path(), uart_compatible());
    printk("GICv2: GICD %08x GICC %08x GICH %08x GICV %08x, maintenance IRQ %u\n",
           board.gicd, board.gicc, board.gich, board.gicv, board.maintenance_irq);
    printk("GICv2: %u interrupt lines, %u CPU interfaces, %u list registers\n",
           gic_lines(), gic_cpus(), gic_list_registers());
    printk("Generic timer: %u kHz; PPIs: hypervisor %u, virtual %u, physical %u\n",
           cntfrq() / 1000, board.timer_irq[3], board.timer_irq[2], board.timer_irq[1]);
    printk("CPUs in the device tree: %u; secondaries start %s\n", board.cpus,
           board.smp == SMP_VEXPRESS_FLAGS ? "through SYS_FLAGS"
           : board.smp == SMP_EXYNOS_SYSRAM ? "through sysram" : "not at all");
}

void start_hypervisor(const void *dtb, uintptr_t load_address)
{
    if (fdt_open(&fdt, dtb) != 0 || !uart_init(&fdt)) {
        for (;;)                                    /* no device tree, or no console to say so */
            __asm__ volatile("wfi");
    }
    printk("HypLab hypervisor (Xen %s guest interface)\n", XEN_INTERFACE);
    board_discover(&fdt);                           /* RAM, GIC, timer, SMP and power-off */
    print_board(dtb, load_address);
    trap_init();                                    /* HVBAR: our own faults get reported */
    mm_init();                                      /* Hyp page tables; MMU and caches on */
    uint32_t hsctlr;
    __asm__ volatile("mrc p15, 4, %0, c1, c0, 0" : "=r"(hsctlr));
    printk("Hyp stage 1: MMU %s, data cache %s, instruction cache %s (identity map)\n",
           hsctlr & 1 ? "on" : "off", hsctlr & 4 ? "on" : "off", hsctlr & 0x1000 ? "on" : "off");
    gic_init_distributor();
    gic_init_cpu();
    sched_init_cpu(0);                              /* HTPIDR, the Hyp timer, our interrupts */
    printk("CPU0: MPIDR %08x, %s mode\n", read_mpidr(), (read_cpsr() & 0x1f) == 0x1a ? "Hyp" : "not Hyp");
    uint32_t up = smp_bring_up();                   /* the other CPUs, each board its own way */
    printk("%u CPU%s up\n", up, up == 1 ? "" : "s");
    domains_from_dt(&fdt, (uintptr_t)_start, (uintptr_t)__bss_end);     /* dom0less domains */
    input_init();                                   /* keystrokes: CTRL-a x3 switches */
    smp_domains_ready();                            /* the other CPUs may start scheduling */
    sched_start();                                  /* run them; power off when all are done */
}
