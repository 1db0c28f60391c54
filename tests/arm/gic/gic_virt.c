/* gic_virt: the GIC's Virtualization Extensions (IHI 0048B chapter 5) on one CPU. Hyp mode
 * plays the hypervisor: it writes list registers (GICH_LRn) and handles the maintenance
 * interrupt (PPI 25) as a physical IRQ (HCR.IMO routes it to Hyp mode). A guest in SVC mode
 * takes the virtual IRQ at its own vectors and acknowledges it at GICV_IAR/EOIR:
 *   - a list register's life: pending, active, invalid; ELSR, EISR, MISR, GICH_APR; the EOI
 *     maintenance interrupt (the trace of BOARDS.md §5.2);
 *   - a virtual SGI with its source CPU in GICV_IAR;
 *   - the underflow maintenance interrupt (GICH_HCR.UIE) once at most one LR is valid;
 *   - the HW bit: a virtual timer interrupt taken by the hypervisor with EOImode 1, handed to
 *     the guest as a hardware interrupt, deactivated physically by the guest's GICV_EOIR;
 *   - GICV with EOImode 1: GICV_EOIR drops the priority, GICV_DIR deactivates the LR. */
#include "gic.h"

#define HCR_IMO     (1u << 4)
#define GICH_EN     1u
#define GICH_UIE    (1u << 1)

/* ---- The hypervisor's maintenance handler ------------------------------------------------- */
static volatile uint32_t seen_misr, seen_eisr, seen_elsr, seen_lr0, seen_lr1;
static volatile uint32_t maintenance_count;

static void maintenance(uint32_t iar)
{
    if ((iar & 0x3ff) == 25) {
        maintenance_count++;
        seen_misr = rd(GICH_MISR);
        seen_eisr = rd(GICH_EISR0);
        seen_elsr = rd(GICH_ELSR0);
        seen_lr0 = rd(GICH_LR(0));
        seen_lr1 = rd(GICH_LR(1));
        /* retire what asked for maintenance: the invalid LRs with EOI set, and UIE */
        uint32_t eisr = seen_eisr;
        for (int n = 0; n < 4; n++)
            if (eisr & (1u << n))
                wr(GICH_LR(n), 0);
        wr(GICH_HCR, rd(GICH_HCR) & ~GICH_UIE);
    } else if ((iar & 0x3ff) == 27) {
        /* the virtual timer for the guest: drop priority only (EOImode 1), inject it as a
         * hardware interrupt; the guest's deactivation will deactivate it here */
        wr(GICH_LR(0), LR_HW | LR_PENDING | LR_PRIO(0x10) | LR_PHYS(27) | 27);
    }
}

static void put_maintenance(const char *label)
{
    puts(label);
    put_field("count", maintenance_count);
    put_field("misr", seen_misr);
    put_field("eisr0", seen_eisr);
    put_field("elsr0", seen_elsr);
    put_field("lr0", seen_lr0);
    put_field("lr1", seen_lr1);
    puts("\n");
    maintenance_count = 0;
}

/* ---- The guest ---------------------------------------------------------------------------- */
struct guest_result {
    uint32_t virqs;         /* virtual IRQ exceptions taken at VBAR+0x18 */
    uint32_t iar[2];
    uint32_t rpr_active;    /* GICV_RPR with the interrupt active */
    uint32_t rpr_after;     /* after GICV_EOIR */
};
static struct guest_result result;

static void wait_virq(void)
{
    pl1_seen.count = 0;
    irq_on();
    for (uint32_t i = 0; i < POLL_LIMIT && pl1_seen.count == 0; i++)
        ;
    irq_off();                          /* (the handler resumes with I already masked) */
    result.virqs = pl1_seen.count;
    if (pl1_seen.vector != 0x18)
        result.virqs |= 0x80000000u;
}

/* Takes one virtual IRQ, acknowledges and ends 'n' interrupts. */
static uint32_t guest_ack_eoi(uint32_t n)
{
    wait_virq();
    for (uint32_t i = 0; i < n; i++) {
        result.iar[i] = rd(GICV + IAR);
        if (i == 0)
            result.rpr_active = rd(GICV + RPR);
        wr(GICV + EOIR, result.iar[i]);
    }
    result.rpr_after = rd(GICV + RPR);
    return 0;
}

/* The virtual timer's interrupt: acknowledge, stop the timer, end it. */
static uint32_t guest_timer(uint32_t unused)
{
    (void)unused;
    wait_virq();
    result.iar[0] = rd(GICV + IAR);
    cp_write(CNTV_CTL, 0);
    isb();
    wr(GICV + EOIR, result.iar[0]);
    return 0;
}

/* EOImode 1 (GICV_CTLR.EOImode): EOIR drops the priority, DIR deactivates. */
static uint32_t guest_split(uint32_t unused)
{
    (void)unused;
    wait_virq();
    result.iar[0] = rd(GICV + IAR);
    wr(GICV + EOIR, result.iar[0]);
    result.rpr_after = rd(GICV + RPR);
    result.iar[1] = rd(GICV + IAR);     /* the LR is still active: nothing to acknowledge */
    wr(GICV + DIR, result.iar[0]);
    return 0;
}

static void run_guest(uint32_t (*fn)(uint32_t), uint32_t arg)
{
    result = (struct guest_result){ 0 };
    enter_guest((void *)fn, arg, MODE_SVC);
}

static void put_result(const char *label)
{
    puts(label);
    put_field("virqs", result.virqs);
    put_field("iar", result.iar[0]);
    put_field("iar2", result.iar[1]);
    put_field("rpr active", result.rpr_active);
    put_field("rpr after", result.rpr_after);
    puts("\n");
}

static void put_state(const char *label)
{
    puts(label);
    put_field("hcr", rd(GICH_HCR));
    put_field("misr", rd(GICH_MISR));
    put_field("eisr0", rd(GICH_EISR0));
    put_field("elsr0", rd(GICH_ELSR0));
    put_field("apr", rd(GICH_APR));
    put_field("lr0", rd(GICH_LR(0)));
    puts("\n");
}

int main(void)
{
    puts("gic_virt\n");
    cp_write(HVBAR, gic_hyp_vectors);
    cp_write(VBAR, pl1_vectors);
    cp_write(HCR, HCR_IMO);
    isb();
    wr(GICD_CTLR, 1);
    wr(GICC + CTLR, 1);
    wr(GICC + PMR, 0xf0);
    set_priority(25, 0x80);
    wr(GICD_ISENABLER0, 1u << 25);
    irq_action = maintenance;

    /* The guest's virtual CPU interface: Group 0 on, priority mask 0xf0 (through GICV, as the
     * guest would, but from Hyp mode before it runs). */
    wr(GICV + CTLR, 1);
    wr(GICV + PMR, 0xf0);
    put_line("vmcr", rd(GICH_VMCR));

    /* 1. One LR: pending, EOI, priority 0, Group 0, virtual ID 42 */
    wr(GICH_HCR, GICH_EN);
    wr(GICH_LR(0), LR_PENDING | LR_EOI | 42);
    put_state("lr pending");
    run_guest(guest_ack_eoi, 1);
    put_result("guest");
    put_maintenance("eoi maintenance");
    put_state("after");

    /* 2. A virtual SGI 3 from CPU 1 */
    wr(GICH_LR(0), LR_PENDING | LR_PRIO(0x20) | LR_CPUID(1) | 3);
    run_guest(guest_ack_eoi, 1);
    put_result("virtual sgi");
    put_state("after");

    /* 3. Underflow: two LRs, the maintenance interrupt once at most one is valid */
    wr(GICH_LR(0), LR_PENDING | LR_PRIO(0x10) | 40);
    wr(GICH_LR(1), LR_PENDING | LR_PRIO(0x20) | 41);
    wr(GICH_HCR, GICH_EN | GICH_UIE);
    put_state("two pending");
    run_guest(guest_ack_eoi, 2);
    put_result("guest");
    put_maintenance("underflow maintenance");
    put_state("after");

    /* 4. The HW bit, with the virtual timer */
    wr(GICC + CTLR, 0x201);             /* EOImode 1: the hypervisor drops, the guest deactivates */
    set_priority(27, 0x40);
    wr(GICD_ISENABLER0, 1u << 27);
    cp_write64(CNTVOFF, 0);
    clear_events();
    cp_write(CNTV_TVAL, 100);
    cp_write(CNTV_CTL, 1);
    isb();
    puts("vtimer taken by hyp: ");
    puts(yes_no(take_irqs(1)));
    put_field("isactiver0", rd(GICD_ISACTIVER0));
    put_field("rpr", rd(GICC + RPR));
    puts("\n");
    put_events("hyp");
    put_state("hw lr");
    run_guest(guest_timer, 0);
    put_result("guest");
    put_line("isactiver0 after guest eoi", rd(GICD_ISACTIVER0));
    put_state("after");
    wr(GICC + CTLR, 1);

    /* 5. GICV EOImode 1 */
    wr(GICV + CTLR, 0x201);
    wr(GICH_LR(0), LR_PENDING | LR_EOI | LR_PRIO(0x30) | 50);
    run_guest(guest_split, 0);
    put_result("split");
    put_maintenance("eoi maintenance");
    put_state("after");
    wr(GICV + CTLR, 1);
    put_line("vmcr", rd(GICH_VMCR));
    power_off();
}
