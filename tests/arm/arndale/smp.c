/* smp: the Arndale's second CPU (BOARDS.md §3.6). The ELF starts on both CPUs; CPU1 goes to the
 * runtime's sysram wait loop, as the Exynos boot ROM keeps a secondary. CPU0 then:
 *   - reads ARM_CORE0/1_STATUS in the PMU (both on: the board started both);
 *   - releases CPU1 the way Linux's exynos_boot_secondary and Xen's exynos5 cpu_up do: the entry
 *     address into sysram at 0x02020000, then a wake-up SGI through GICD_SGIR;
 *   - hears back from CPU1 through shared memory: its MPIDR, its mode (Hyp), the IAR that woke it;
 *   - exchanges SGIs with CPU1 both ways, by target list and by "all but myself", each seen with
 *     its source CPU in GICC_IAR[12:10];
 *   - tells CPU1 to park (a flag and SEV: a store alone does not end WFE or WFI);
 *   - powers CPU1 off and on again through ARM_CORE1_CONFIGURATION, watching ARM_CORE1_STATUS,
 *     and releases it once more through sysram and an SGI. */
#include "arndale.h"

#define SYSRAM_BOOT_ADDR    0x02020000u
#define PMU                 0x10040000u
#define ARM_CORE_CONFIGURATION(n)   (PMU + 0x2000 + 0x80 * (n))
#define ARM_CORE_STATUS(n)          (PMU + 0x2004 + 0x80 * (n))

#define SGIR_TO(cpu, id)    ((1u << (16 + (cpu))) | (id))   /* target list filter 0 */
#define SGIR_OTHERS(id)     ((1u << 24) | (id))             /* filter 1: all but the sender */

enum { PARK = 1 };

/* What CPU1 reports; CPU0 clears it with .bss before CPU1 leaves the wait loop. */
static volatile struct {
    uint32_t stage;         /* 1: released, 2: parked, 3: back after the power cycle */
    uint32_t mpidr, mode, woke_iar;
    uint32_t sgi_iar[4];
    uint32_t sgis;
    uint32_t command;
} cpu1;

/* Entry points for CPU1 out of sysram: each gets CPU1's own stack, as a kernel's secondary
 * entry would set one up. */
__asm__(
"    .pushsection .text\n"
"    .global secondary_entry, secondary_entry_again\n"
"secondary_entry:\n"
"    ldr sp, =__stack_hyp1\n"
"    b secondary_main\n"
"secondary_entry_again:\n"
"    ldr sp, =__stack_hyp1\n"
"    b secondary_again\n"
"    .popsection\n"
);
extern char secondary_entry[], secondary_entry_again[];

/* CPU1's SGI handler: record what came, answer SGI 3 by target list and SGI 5 by filter 1. */
static void cpu1_sgi(uint32_t iar)
{
    if (cpu1.sgis < 4)
        cpu1.sgi_iar[cpu1.sgis] = iar;
    cpu1.sgis++;
    if ((iar & 0x3ff) == 3)
        wr(GICD_SGIR, SGIR_TO(0, 4));
    else if ((iar & 0x3ff) == 5)
        wr(GICD_SGIR, SGIR_OTHERS(6));
}

static void report(void)
{
    cpu1.mpidr = cp_read(MPIDR);
    cpu1.mode = cpsr() & 0x1f;
}

static void park(void)
{
    irq_off();
    for (;;)
        __asm__ volatile("wfi");
}

void secondary_main(void)
{
    vectors_on();
    report();
    cpu1.woke_iar = boot_iar;
    irq_log[1].action = cpu1_sgi;
    dsb();
    cpu1.stage = 1;
    irq_on();
    while (cpu1.command != PARK)
        __asm__ volatile("wfe");        /* SGIs and CPU0's SEV end it */
    irq_off();
    dsb();
    cpu1.stage = 2;
    park();
}

void secondary_again(void)
{
    report();
    dsb();
    cpu1.stage = 3;
    park();
}

static int wait_stage(uint32_t stage)
{
    uint32_t i = 0;
    while (cpu1.stage < stage && i < POLL_LIMIT)
        i++;
    return cpu1.stage >= stage;
}

static void release(void)
{
    uint32_t s0 = rd(ARM_CORE_STATUS(0)), s1 = rd(ARM_CORE_STATUS(1));
    puts("smp");
    put_field("core0 status", s0);
    put_field("core1 status", s1);
    puts("\n");
    vectors_on();
    gic_cpu_on();
    wr(GICD_CTLR, 1);
    wr(SYSRAM_BOOT_ADDR, (uint32_t)secondary_entry);
    dsb();
    wr(GICD_SGIR, SGIR_TO(1, 1));
    int up = wait_stage(1);
    wr(SYSRAM_BOOT_ADDR, 0);
    puts("cpu1 released: ");
    puts(yes_no(up));
    put_field("mpidr", cpu1.mpidr);
    put_field("mode", cpu1.mode);
    put_field("woken by iar", cpu1.woke_iar);
    puts("\n");
}

static void sgis(void)
{
    clear_events();
    irq_log[0].action = 0;
    wr(GICD_SGIR, SGIR_TO(1, 3));
    int taken = take_irqs(1);
    puts("sgi 3 to cpu1, sgi 4 back: ");
    puts(yes_no(taken));
    put_field("cpu1 iar", cpu1.sgi_iar[0]);
    puts("\n");
    put_events("cpu0", 0);

    clear_events();
    wr(GICD_SGIR, SGIR_OTHERS(5));
    taken = take_irqs(1);
    puts("sgi 5 to all others, sgi 6 back: ");
    puts(yes_no(taken));
    put_field("cpu1 iar", cpu1.sgi_iar[1]);
    puts("\n");
    put_events("cpu0", 0);
    put_line("cpu1 sgis", cpu1.sgis);
}

static void power_cycle(void)
{
    cpu1.command = PARK;
    dsb();
    __asm__ volatile("sev");
    int parked = wait_stage(2);
    wr(ARM_CORE_CONFIGURATION(1), 0);
    uint32_t off = rd(ARM_CORE_STATUS(1));
    cpu1.mpidr = cpu1.mode = 0;
    wr(SYSRAM_BOOT_ADDR, (uint32_t)secondary_entry_again);
    dsb();
    wr(ARM_CORE_CONFIGURATION(1), 3);   /* LOCAL_PWR_EN */
    uint32_t on = rd(ARM_CORE_STATUS(1));
    wr(GICD_SGIR, SGIR_TO(1, 1));
    int back = wait_stage(3);
    puts("cpu1 parked: ");
    puts(yes_no(parked));
    puts("\npower off");
    put_field("core1 status", off);
    puts("\npower on");
    put_field("core1 status", on);
    puts(" back: ");
    puts(yes_no(back));
    put_field("mpidr", cpu1.mpidr);
    put_field("mode", cpu1.mode);
    puts("\n");
}

int main(void)
{
    release();
    sgis();
    power_cycle();
    return 0;
}
