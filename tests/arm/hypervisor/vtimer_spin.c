/* vtimer_spin: a virtual timer that fires while its vCPU runs. The guest programs CNTV 1 ms
 * ahead and spins with IRQs unmasked instead of sleeping in WFI, so the hardware timer itself
 * reaches its compare value: physical PPI 27 goes to the hypervisor, which hands it on as
 * virtual interrupt 27 through a list register (hypervisor/vtimer.c). The guest takes it from
 * its virtual CPU interface and says what it read. Not a teaching guest: the GIC inspector's
 * end-to-end test follows this interrupt's whole path (GicTimerPathTest). */
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
static volatile uint32_t taken;

void on_exception(struct exception_frame *f, uint32_t vector)
{
    if (vector == VECTOR_IRQ) {
        uint32_t iar = *reg(GICC + GICC_IAR);
        __asm__ volatile("mcr p15, 0, %0, c14, c3, 1" :: "r"(0));       /* CNTV_CTL: off, or it fires again */
        *reg(GICC + GICC_EOIR) = iar;
        taken = iar;
    }
    f->lr -= 4;
}

int main(void)
{
    install_vectors();
    *reg(GICD + GICD_ISENABLER0) = 1u << 27;
    *reg(GICD + GICD_CTLR) = 1;
    *reg(GICC + GICC_PMR) = 0xf0;
    *reg(GICC + GICC_CTLR) = 1;
    uint32_t frequency;
    __asm__ volatile("mrc p15, 0, %0, c14, c0, 0" : "=r"(frequency));
    __asm__ volatile("mcr p15, 0, %0, c14, c3, 0" :: "r"(frequency / 1000));   /* CNTV_TVAL: 1 ms */
    __asm__ volatile("mcr p15, 0, %0, c14, c3, 1" :: "r"(1));                  /* CNTV_CTL: enabled */
    __asm__ volatile("cpsie i");
    while (taken == 0)
        ;                                       /* no WFI: the vCPU keeps its CPU and its timer */
    struct line l = { .len = 0 };
    line_str(&l, "vtimer_spin: GICC_IAR ");
    line_hex(&l, taken);
    line_print(&l);
    shutdown(SHUTDOWN_poweroff);
    return 0;
}
