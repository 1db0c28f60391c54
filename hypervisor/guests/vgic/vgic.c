/* vgic: more pending interrupts than list registers. The guest makes eight SPIs pending in
 * one write to its distributor's ISPENDR1, with its IRQs masked, each with its own priority,
 * then unmasks them and takes them one by one. The GIC has four list registers (GICH_VTR), so
 * the hypervisor can hand over only four at a time: it asks for the maintenance interrupt
 * (GICH_HCR.UIE) and refills them when the guest has finished with all but one (GIC
 * architecture 5.3). The guest sees all eight, most urgent first, as a real distributor would
 * deliver them. Then it sends itself one SGI twice while its IRQs are masked: an interrupt
 * that is already pending does not become pending twice, so it is taken once. */
#include "../common/print.h"
#include "../common/vectors.h"

#define GICD            0x03001000u     /* XEN-ABI.md §5 */
#define GICD_CTLR       0x000
#define GICD_ISENABLER1 0x104
#define GICD_ISPENDR1   0x204
#define GICD_IPRIORITYR 0x400
#define GICD_ISENABLER0 0x100
#define GICD_SGIR       0xf00
#define SGI_TWICE       5
#define GICC            0x03002000u
#define GICC_CTLR       0x000
#define GICC_PMR        0x004
#define GICC_IAR        0x00c
#define GICC_EOIR       0x010
#define FIRST           33              /* SPIs 33..40: 32 is the vpl011's */
#define COUNT           8

static volatile uint32_t *reg(uint32_t addr) { return (volatile uint32_t *)addr; }

static volatile uint32_t taken;
static uint32_t order[COUNT + 4];

void on_exception(struct exception_frame *f, uint32_t vector)
{
    if (vector != VECTOR_IRQ) {
        print("vgic: unexpected exception\n");
        shutdown(SHUTDOWN_crash);
    }
    uint32_t iar = *reg(GICC + GICC_IAR);
    if ((iar & 0x3ff) < 1020 && taken < COUNT + 4)
        order[taken++] = iar & 0x3ff;
    *reg(GICC + GICC_EOIR) = iar;
    f->lr -= 4;                         /* IRQ: return to the interrupted instruction (B1.8.3) */
}

int main(void)
{
    install_vectors();
    /* Enabled, and the higher the number, the more urgent: SPI 40 gets priority 0x68, SPI 33
     * 0xa0 (a lower value is more urgent, GIC architecture 3.3). */
    for (uint32_t i = 0; i < COUNT; i++)
        *(volatile uint8_t *)(GICD + GICD_IPRIORITYR + FIRST + i) = (uint8_t)(0xa0 - 8 * i);
    *reg(GICD + GICD_ISENABLER1) = ((1u << COUNT) - 1) << (FIRST - 32);
    *reg(GICD + GICD_CTLR) = 1;
    *reg(GICC + GICC_PMR) = 0xf0;
    *reg(GICC + GICC_CTLR) = 1;

    *reg(GICD + GICD_ISPENDR1) = ((1u << COUNT) - 1) << (FIRST - 32);   /* all eight at once */
    print("vgic: SPIs 33-40 pending at once, with 4 list registers\n");
    __asm__ volatile("cpsie i");
    /* Wait without trapping (no hypercall, no WFI) and not for long (far less than a time
     * slice): only the maintenance interrupt can bring the last four in time. */
    for (volatile uint32_t spins = 0; taken < COUNT && spins < 20000; spins++)
        ;
    __asm__ volatile("cpsid i");

    struct line l = { .len = 0 };
    uint32_t spis = taken;
    line_str(&l, "vgic: took ");
    line_dec(&l, taken);
    line_str(&l, ":");
    for (uint32_t i = 0; i < spis; i++) {
        line_str(&l, " ");
        line_dec(&l, order[i]);
    }
    line_print(&l);

    /* GICD_SGIR with TargetListFilter 2: to this CPU itself (GIC architecture 4.3.15). */
    taken = 0;
    *reg(GICD + GICD_ISENABLER0) = 1u << SGI_TWICE;
    *reg(GICD + GICD_SGIR) = 2u << 24 | SGI_TWICE;
    *reg(GICD + GICD_SGIR) = 2u << 24 | SGI_TWICE;
    __asm__ volatile("cpsie i");
    /* Give a second copy every chance to arrive: time, and a trap (the hypervisor refills the
     * list registers on its way back to the guest). */
    for (volatile uint32_t spins = 0; spins < 20000; spins++)
        ;
    hypercall3(__HYPERVISOR_sched_op, 0 /* SCHEDOP_yield */, 0, 0);
    for (volatile uint32_t spins = 0; spins < 20000; spins++)
        ;
    __asm__ volatile("cpsid i");
    line_str(&l, "vgic: SGI 5 sent to myself twice while masked: taken ");
    line_dec(&l, taken);
    line_str(&l, taken == 1 ? " time" : " times");
    line_print(&l);
    shutdown(SHUTDOWN_poweroff);
    return 0;
}
