/* timer_never: a virtual timer set to fire at the end of time (CNTV_CVAL = 2^64 - 1, enabled,
 * unmasked) must never fire, even while the vCPU sleeps and the hypervisor keeps its deadline
 * in physical counter ticks (CVAL + CNTVOFF would wrap around to the past). The guest sleeps in
 * WFI with the physical timer due in 10 ms, and says which interrupt woke it. Not a teaching
 * guest: a test of hypervisor/vtimer.c. */
#include "print.h"
#include "vectors.h"

#define GICD            0x03001000u
#define GICD_CTLR       0x000
#define GICD_ISENABLER0 0x100
#define GICC            0x03002000u
#define GICC_CTLR       0x000
#define GICC_PMR        0x004
#define GICC_IAR        0x00c
#define GICC_EOIR       0x010

static volatile uint32_t *reg(uint32_t addr) { return (volatile uint32_t *)addr; }
static volatile uint32_t woken_by;

void on_exception(struct exception_frame *f, uint32_t vector)
{
    if (vector == VECTOR_IRQ) {
        uint32_t iar = *reg(GICC + GICC_IAR);
        if (woken_by == 0)
            woken_by = iar & 0x3ff;
        /* Quiet both timers, so that neither fires again. */
        __asm__ volatile("mcr p15, 0, %0, c14, c3, 1" :: "r"(0));       /* CNTV_CTL */
        __asm__ volatile("mcr p15, 0, %0, c14, c2, 1" :: "r"(0));       /* CNTP_CTL */
        *reg(GICC + GICC_EOIR) = iar;
    }
    f->lr -= 4;
}

int main(void)
{
    install_vectors();
    *reg(GICD + GICD_ISENABLER0) = 1u << 27 | 1u << 30;
    *reg(GICD + GICD_CTLR) = 1;
    *reg(GICC + GICC_PMR) = 0xf0;
    *reg(GICC + GICC_CTLR) = 1;
    uint32_t frequency;
    __asm__ volatile("mrc p15, 0, %0, c14, c0, 0" : "=r"(frequency));
    __asm__ volatile("mcrr p15, 3, %0, %1, c14" :: "r"(0xffffffffu), "r"(0xffffffffu));   /* CNTV_CVAL */
    __asm__ volatile("mcr p15, 0, %0, c14, c3, 1" :: "r"(1));                          /* CNTV_CTL */
    __asm__ volatile("mcr p15, 0, %0, c14, c2, 0" :: "r"(frequency / 100));            /* CNTP_TVAL */
    __asm__ volatile("mcr p15, 0, %0, c14, c2, 1" :: "r"(1));                          /* CNTP_CTL */
    __asm__ volatile("cpsie i");
    while (woken_by == 0)
        __asm__ volatile("wfi");
    struct line l = { .len = 0 };
    line_str(&l, "timer_never: woken by interrupt ");
    line_dec(&l, woken_by);
    line_print(&l);
    shutdown(SHUTDOWN_poweroff);
    return 0;
}
