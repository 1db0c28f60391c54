/* smp: a guest with two vCPUs. A virtual machine's second CPU starts the way a real machine's
 * does under PSCI (ARM DEN 0022): vCPU 0 asks the firmware (here: the hypervisor, through
 * HVC #0) to switch it on at an entry point, with a context value in r0. Then the two talk
 * through the virtual GIC: vCPU 0 sends a software-generated interrupt (SGI) by writing the
 * emulated distributor's GICD_SGIR, and vCPU 1 takes it from its virtual CPU interface; finally
 * vCPU 1 switches itself off. Each step waits for the one before, so the lines come out in the
 * same order on every machine, however the vCPUs are scheduled. */
#include "../common/print.h"

#define GICD            0x03001000u     /* XEN-ABI.md §5 */
#define GICD_CTLR       0x000
#define GICD_ISENABLER  0x100
#define GICD_IPRIORITYR 0x400
#define GICD_SGIR       0xf00
#define GICC            0x03002000u
#define GICC_CTLR       0x000
#define GICC_PMR        0x004
#define GICC_IAR        0x00c
#define GICC_EOIR       0x010
#define SGI_HELLO       3

#define CONTEXT             0x00c0ffeeu

static volatile uint32_t *reg(uint32_t addr) { return (volatile uint32_t *)addr; }

static uint32_t mpidr(void)
{
    uint32_t v;
    __asm__ volatile("mrc p15, 0, %0, c0, c0, 5" : "=r"(v));
    return v;
}

/* Steps of the conversation; with the guest's caches off every access goes to memory. */
static volatile uint32_t vcpu1_up, sgi_taken;

/* vCPU 1's start: PSCI enters it in SVC mode with its MMU off and r0 = the context (§9). It
 * needs its own stacks; its vector table sends IRQs to irq_entry. */
uint8_t stack1[2048] __attribute__((aligned(8)));     /* named by secondary_entry */
static uint8_t irq_stack1[1024] __attribute__((aligned(8)));

__asm__(
    "    .text\n"
    "secondary_entry:\n"
    "    ldr     sp, =stack1 + 2048\n"
    "    bl      secondary_main\n"          /* r0 still holds the context */
    "    b       .\n"
    "    .balign 32\n"
    "vectors:\n"
    "    .rept 6\n"
    "    b       .\n"
    "    .endr\n"
    "    b       irq_entry\n"
    "    b       .\n"
    "irq_entry:\n"
    "    sub     lr, lr, #4\n"
    "    push    {r0-r3, r12, lr}\n"
    "    bl      irq_handler\n"
    "    ldm     sp!, {r0-r3, r12, pc}^\n");

extern char secondary_entry[], vectors[];

void irq_handler(void)
{
    uint32_t iar = *reg(GICC + GICC_IAR);
    struct line l = { .len = 0 };
    /* For an SGI, IAR bits [12:10] name the CPU that sent it (GIC architecture 4.4.4). */
    line_str(&l, "vCPU 1: took SGI ");
    line_dec(&l, iar & 0x3ff);
    line_str(&l, " from vCPU ");
    line_dec(&l, (iar >> 10) & 7);
    line_str(&l, ", through the virtual GIC");
    line_print(&l);
    *reg(GICC + GICC_EOIR) = iar;
    sgi_taken = 1;
}

void secondary_main(uint32_t context)
{
    struct line l = { .len = 0 };
    line_str(&l, "vCPU 1: up, MPIDR ");
    line_hex(&l, mpidr());
    line_str(&l, ", r0 = ");
    line_hex(&l, context);
    line_str(&l, context == CONTEXT ? " (the context vCPU 0 gave)" : " (not the context!)");
    line_print(&l);

    /* Its own vectors and IRQ stack; SGI 3 enabled in its bank of the distributor. */
    __asm__ volatile("mcr p15, 0, %0, c12, c0, 0" :: "r"(vectors));     /* VBAR */
    __asm__ volatile("cps #0x12\n mov sp, %0\n cps #0x13" :: "r"(irq_stack1 + sizeof(irq_stack1)) : "memory");
    *reg(GICD + GICD_ISENABLER) = 1u << SGI_HELLO;
    *(volatile uint8_t *)(GICD + GICD_IPRIORITYR + SGI_HELLO) = 0x80;
    *reg(GICC + GICC_PMR) = 0xf0;
    *reg(GICC + GICC_CTLR) = 1;
    __asm__ volatile("cpsie i");

    vcpu1_up = 1;
    while (!sgi_taken)
        __asm__ volatile("wfi");
    print("vCPU 1: switching myself off (PSCI CPU_OFF)\n");
    psci(PSCI_CPU_OFF, 0, 0, 0);
    print("vCPU 1: still here after CPU_OFF?\n");
    for (;;)
        __asm__ volatile("wfi");
}

int main(void)
{
    struct line l = { .len = 0 };
    int32_t version = psci(PSCI_VERSION, 0, 0, 0);
    line_str(&l, "SMP: vCPU 0 here, MPIDR ");
    line_hex(&l, mpidr());
    line_str(&l, "; PSCI version ");
    line_dec(&l, (uint32_t)version >> 16);
    line_str(&l, ".");
    line_dec(&l, (uint32_t)version & 0xffff);
    line_print(&l);
    *reg(GICD + GICD_CTLR) = 1;                 /* the distributor forwards interrupts */

    int32_t on = psci(PSCI_CPU_ON, 1, (uint32_t)secondary_entry, CONTEXT);
    while (!vcpu1_up)
        sched_yield();
    int32_t again = psci(PSCI_CPU_ON, 1, (uint32_t)secondary_entry, CONTEXT);
    int32_t affinity = psci(PSCI_AFFINITY_INFO, 1, 0, 0);
    line_str(&l, "vCPU 0: CPU_ON(vCPU 1) gave ");
    line_dec(&l, (uint32_t)on);
    line_str(&l, again == -4 ? "; again: ALREADY_ON" : "; again: ?");
    line_str(&l, affinity == 0 ? "; AFFINITY_INFO: on" : "; AFFINITY_INFO: ?");
    line_print(&l);

    /* GICD_SGIR (GIC architecture 4.3.15): target list filter 0, CPU target list = vCPU 1. */
    print("vCPU 0: sending SGI 3 to vCPU 1\n");
    *reg(GICD + GICD_SGIR) = (1u << 1) << 16 | SGI_HELLO;
    while (psci(PSCI_AFFINITY_INFO, 1, 0, 0) != 1)
        sched_yield();
    print("vCPU 0: vCPU 1 is off (AFFINITY_INFO), done.\n");
    shutdown(SHUTDOWN_poweroff);
    return 0;
}
