/* timer: interrupts in a virtual machine. The guest programs its virtual timer (CNTV_*, ARM ARM
 * B8.2) to fire every 10 ms and sleeps in WFI between ticks. The timer's interrupt goes to the
 * hypervisor, which hands it on as virtual interrupt 27 through the GIC's list registers; the
 * guest takes it like any IRQ, from the virtual CPU interface that stage 2 maps at 0x03002000,
 * after enabling it in the distributor at 0x03001000, which the hypervisor emulates. Then it
 * does the same once with the physical timer (CNTP_*), which the hypervisor emulates
 * completely: every access to it traps. Addresses and interrupt numbers are Xen's guest
 * layout (XEN-ABI.md §5). */
#include "../common/print.h"

#define GICD            0x03001000u
#define GICD_CTLR       0x000
#define GICD_ISENABLER  0x100
#define GICD_IPRIORITYR 0x400
#define GICC            0x03002000u
#define GICC_CTLR       0x000
#define GICC_PMR        0x004
#define GICC_IAR        0x00c
#define GICC_EOIR       0x010

#define IRQ_VTIMER      27
#define IRQ_PTIMER      30
#define TICKS           5

static volatile uint32_t *reg(uint32_t addr) { return (volatile uint32_t *)addr; }

static uint32_t cntfrq(void)
{
    uint32_t v;
    __asm__ volatile("mrc p15, 0, %0, c14, c0, 0" : "=r"(v));
    return v;
}

static uint64_t cntvct(void)
{
    uint32_t lo, hi;
    __asm__ volatile("isb\n mrrc p15, 1, %0, %1, c14" : "=r"(lo), "=r"(hi));
    return (uint64_t)hi << 32 | lo;
}

static volatile uint32_t ticks, ptimer_fired;
static uint64_t start, period;

/* The IRQ vector: IRQ mode, return to where the interrupt came (LR - 4, B1.8.3). */
__asm__(
    "    .text\n"
    "    .balign 32\n"
    "vectors:\n"
    "    .rept 6\n"
    "    b       .\n"                   /* nothing else is expected */
    "    .endr\n"
    "    b       irq_entry\n"
    "    b       .\n"
    "irq_entry:\n"
    "    sub     lr, lr, #4\n"
    "    push    {r0-r3, r12, lr}\n"
    "    bl      irq_handler\n"
    "    ldm     sp!, {r0-r3, r12, pc}^\n");   /* ^: CPSR from SPSR_irq */

extern char vectors[];
static uint8_t irq_stack[1024] __attribute__((aligned(8)));

void irq_handler(void)
{
    uint32_t iar = *reg(GICC + GICC_IAR);
    uint32_t id = iar & 0x3ff;
    struct line l = { .len = 0 };
    if (id == IRQ_VTIMER) {
        uint32_t ctl;
        __asm__ volatile("mrc p15, 0, %0, c14, c3, 1" : "=r"(ctl));     /* CNTV_CTL */
        uint64_t elapsed = cntvct() - start;
        ticks++;
        line_str(&l, "tick ");
        line_dec(&l, ticks);
        line_str(&l, ": interrupt 27, CNTV_CTL ");
        line_hex(&l, ctl);
        line_str(&l, ctl == 7 ? " (fired, masked by the hypervisor)" : " (?)");
        line_str(&l, elapsed >= ticks * period ? ", not early" : ", EARLY");
        line_print(&l);
        if (ticks < TICKS) {
            /* Ten more milliseconds; writing CTL clears the mask the hypervisor set. */
            __asm__ volatile("mcr p15, 0, %0, c14, c3, 0" :: "r"((uint32_t)period));  /* CNTV_TVAL */
            __asm__ volatile("mcr p15, 0, %0, c14, c3, 1" :: "r"(1));
        } else {
            __asm__ volatile("mcr p15, 0, %0, c14, c3, 1" :: "r"(0));   /* off */
        }
    } else if (id == IRQ_PTIMER) {
        uint32_t ctl;
        __asm__ volatile("mrc p15, 0, %0, c14, c2, 1" : "=r"(ctl));     /* CNTP_CTL: traps */
        line_str(&l, "interrupt 30 from the physical timer, CNTP_CTL ");
        line_hex(&l, ctl);
        line_str(&l, ctl == 5 ? " (fired): emulated by the hypervisor" : " (?)");
        line_print(&l);
        __asm__ volatile("mcr p15, 0, %0, c14, c2, 1" :: "r"(0));
        ptimer_fired = 1;
    } else {
        line_str(&l, "unexpected interrupt ");
        line_dec(&l, id);
        line_print(&l);
    }
    *reg(GICC + GICC_EOIR) = iar;
}

int main(void)
{
    print("Timer: my virtual timer ticks every 10 ms; I sleep in WFI in between.\n");
    /* Exception vectors and an IRQ-mode stack. */
    __asm__ volatile("mcr p15, 0, %0, c12, c0, 0" :: "r"(vectors));     /* VBAR */
    __asm__ volatile("cps #0x12\n mov sp, %0\n cps #0x13" :: "r"(irq_stack + sizeof(irq_stack)) : "memory");

    /* The distributor: interrupts 27 and 30 enabled, at a middling priority. */
    *reg(GICD + GICD_ISENABLER) = 1u << IRQ_VTIMER | 1u << IRQ_PTIMER;
    *(volatile uint8_t *)(GICD + GICD_IPRIORITYR + IRQ_VTIMER) = 0xa0;
    *(volatile uint8_t *)(GICD + GICD_IPRIORITYR + IRQ_PTIMER) = 0xa0;
    *reg(GICD + GICD_CTLR) = 1;
    /* The CPU interface: let everything above the lowest priority through. */
    *reg(GICC + GICC_PMR) = 0xf0;
    *reg(GICC + GICC_CTLR) = 1;

    period = cntfrq() / 100;
    start = cntvct();
    __asm__ volatile("mcr p15, 0, %0, c14, c3, 0" :: "r"((uint32_t)period));  /* CNTV_TVAL */
    __asm__ volatile("mcr p15, 0, %0, c14, c3, 1" :: "r"(1));                  /* CNTV_CTL: on */
    __asm__ volatile("cpsie i");
    while (ticks < TICKS)
        __asm__ volatile("wfi");

    print("Now the physical timer, whose registers the hypervisor emulates.\n");
    __asm__ volatile("mcr p15, 0, %0, c14, c2, 0" :: "r"((uint32_t)period));  /* CNTP_TVAL */
    __asm__ volatile("mcr p15, 0, %0, c14, c2, 1" :: "r"(1));                  /* CNTP_CTL */
    while (!ptimer_fired)
        __asm__ volatile("wfi");
    print("Timer: done.\n");
    shutdown(SHUTDOWN_poweroff);
    return 0;
}
