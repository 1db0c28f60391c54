/* gic_phys: the physical side of the GIC-400 (IHI 0048B chapters 3 and 4), in Hyp mode on one
 * CPU, interrupts taken as IRQs at HVBAR+0x18 and acknowledged through GICC_IAR/EOIR:
 *   - identification and reset values (TYPER, IIDR, VTR, SGIs always enabled, configuration);
 *   - an SGI to this CPU (target list filter 2 and a target list), with the source CPU in IAR;
 *   - the three generic timers of Hyp mode's reach as PPIs: Hyp (26), virtual (27), physical (30);
 *   - the priority mask (GICC_PMR) holding back an interrupt of equal priority;
 *   - preemption inside a handler, decided by group priority with the binary point (GICC_BPR);
 *   - EOImode 1: GICC_EOIR only drops the priority, GICC_DIR deactivates;
 *   - a level-sensitive PPI pending while its line is asserted, whatever GICD_ICPENDR says;
 *   - a spurious acknowledge (1023).
 * Nothing time-dependent is printed: timer waits are bounded polls that only answer yes/no. */
#include "gic.h"

#define CTL_ENABLE  1u

/* ---- Identification ------------------------------------------------------------------------- */
static void identification(void)
{
    puts("id");
    put_field("typer", rd(GICD_TYPER));
    put_field("gicd_iidr", rd(GICD_IIDR));
    put_field("gicc_iidr", rd(GICC + IIDR));
    put_field("vtr", rd(GICH_VTR));
    puts("\nreset");
    put_field("isenabler0", rd(GICD_ISENABLER0));
    put_field("icfgr0", rd(GICD_ICFGR0));
    put_field("icfgr1", rd(GICD_ICFGR1));
    put_field("itargetsr0", rd(GICD_ITARGETSR0));
    puts("\nreset");
    put_field("ctlr", rd(GICC + CTLR));
    put_field("pmr", rd(GICC + PMR));
    put_field("rpr", rd(GICC + RPR));
    put_field("vmcr", rd(GICH_VMCR));
    puts("\n");
    /* SGI enables cannot be cleared */
    wr(GICD + 0x180, 0xffff);
    put_line("isenabler0 after icenabler", rd(GICD_ISENABLER0));
}

/* ---- SGIs --------------------------------------------------------------------------------- */
static void sgi(void)
{
    clear_events();
    wr(GICD_SGIR, 0x02000005);              /* filter 2: this CPU, SGI 5 */
    puts("sgi5");
    put_field("ispendr0", rd(GICD_ISPENDR0));
    put_field("spendsgir1", rd(GICD_SPENDSGIR1));
    put_field("hppir", rd(GICC + HPPIR));
    puts(" taken: ");
    puts(yes_no(take_irqs(1)));
    puts("\n");
    put_events("sgi5");
    clear_events();
    wr(GICD_SGIR, 0x0001000e);              /* filter 0, target list = CPU 0, SGI 14 */
    take_irqs(1);
    put_events("sgi14");
    put_line("ispendr0 after", rd(GICD_ISPENDR0));
}

/* ---- Timers ------------------------------------------------------------------------------- */
static void timer_off(uint32_t iar)
{
    switch (iar & 0x3ff) {
    case 26: cp_write(CNTHP_CTL, 0); break;
    case 27: cp_write(CNTV_CTL, 0); break;
    case 30: cp_write(CNTP_CTL, 0); break;
    }
    isb();
}

static void one_timer(const char *name, uint32_t id)
{
    clear_events();
    irq_action = timer_off;
    wr(GICD_ISENABLER0, 1u << id);
    switch (id) {
    case 26: cp_write(CNTHP_TVAL, 100); cp_write(CNTHP_CTL, CTL_ENABLE); break;
    case 27: cp_write(CNTV_TVAL, 100); cp_write(CNTV_CTL, CTL_ENABLE); break;
    case 30: cp_write(CNTP_TVAL, 100); cp_write(CNTP_CTL, CTL_ENABLE); break;
    }
    isb();
    int taken = take_irqs(1);
    puts(name);
    puts(" taken: ");
    puts(yes_no(taken));
    puts("\n");
    put_events(name);
    irq_action = 0;
}

static void timers(void)
{
    cp_write64(CNTVOFF, 0);
    one_timer("cnthp", 26);
    one_timer("cntv", 27);
    one_timer("cntp", 30);
}

/* ---- Priority mask -------------------------------------------------------------------------- */
static void priority_mask(void)
{
    clear_events();
    set_priority(7, 0xa0);
    wr(GICC + PMR, 0xa0);                   /* signalled only if priority < PMR (3.3.2) */
    wr(GICD_SGIR, 0x02000007);
    irq_on();
    for (volatile int i = 0; i < 20000; i++)
        ;
    irq_off();
    puts("pmr a0, prio a0: taken ");
    put_dec(irqs_taken);
    put_field("ispendr0", rd(GICD_ISPENDR0));
    puts("\n");
    wr(GICC + PMR, 0xa8);
    take_irqs(1);
    put_events("pmr a8");
    wr(GICC + PMR, 0xf0);
}

/* ---- Preemption ----------------------------------------------------------------------------- */
static volatile uint32_t rpr_seen[4];
static volatile uint32_t rpr_count;

/* SGI 1's handler sends SGI 2 to this CPU and unmasks IRQs for a while: SGI 2 is taken inside
 * it if its group priority is higher than the running priority (3.3). */
static void nest(uint32_t iar)
{
    if (rpr_count < 4)
        rpr_seen[rpr_count++] = rd(GICC + RPR);
    if ((iar & 0x3ff) != 1)
        return;
    wr(GICD_SGIR, 0x02000002);
    irq_on();
    for (volatile int i = 0; i < 20000; i++)
        ;
    irq_off();
}

static void preemption(uint32_t bpr, int print_rpr)
{
    clear_events();
    rpr_count = 0;
    set_priority(1, 0x50);
    set_priority(2, 0x48);
    wr(GICC + BPR, bpr);
    irq_action = nest;
    wr(GICD_SGIR, 0x02000001);
    take_irqs(2);
    irq_action = 0;
    puts("preemption bpr=");
    put_hex(rd(GICC + BPR));
    put_events("");
    if (print_rpr) {
        puts("rpr in handlers:");
        for (uint32_t i = 0; i < rpr_count; i++) {
            puts(" ");
            put_hex(rpr_seen[i]);
        }
        puts("\n");
    }
    put_line("rpr after", rd(GICC + RPR));
}

/* ---- EOImode 1 ------------------------------------------------------------------------------ */
static void eoimode(void)
{
    clear_events();
    wr(GICC + CTLR, 0x201);                 /* EnableGrp0, EOImodeS */
    puts("eoimode1");
    put_field("ctlr", rd(GICC + CTLR));
    wr(GICD_SGIR, 0x02000003);
    take_irqs(1);
    put_field("isactiver0", rd(GICD_ISACTIVER0));
    put_field("rpr", rd(GICC + RPR));
    wr(GICD_SGIR, 0x02000003);              /* pending again, but active: not signalled */
    irq_on();
    for (volatile int i = 0; i < 20000; i++)
        ;
    irq_off();
    put_field("taken", irqs_taken);
    wr(GICC + DIR, 3);
    put_field("isactiver0 after dir", rd(GICD_ISACTIVER0));
    puts("\n");
    take_irqs(2);
    put_events("eoimode1");
    wr(GICC + DIR, 3);
    wr(GICC + CTLR, 1);
    put_line("isactiver0 end", rd(GICD_ISACTIVER0));
}

/* ---- Level-sensitive input ------------------------------------------------------------------ */
static int wait_pending(uint32_t id, int want)
{
    for (uint32_t i = 0; i < POLL_LIMIT; i++)
        if (((rd(GICD_ISPENDR0) >> id) & 1) == (uint32_t)want)
            return 1;
    return 0;
}

static void level(void)
{
    wr(GICD_ISENABLER0, 1u << 30);
    cp_write(CNTP_TVAL, 50);
    cp_write(CNTP_CTL, CTL_ENABLE);
    isb();
    puts("level: pending once the timer fires: ");
    puts(yes_no(wait_pending(30, 1)));
    wr(GICD_ICPENDR0, 1u << 30);
    puts(", after icpendr: ");
    puts(yes_no((rd(GICD_ISPENDR0) >> 30) & 1));
    cp_write(CNTP_CTL, 0);
    isb();
    puts(", cleared with the line: ");
    puts(yes_no(wait_pending(30, 0)));
    puts("\n");
}

int main(void)
{
    puts("gic_phys\n");
    identification();
    cp_write(HVBAR, gic_hyp_vectors);
    isb();
    wr(GICD_CTLR, 1);
    wr(GICC + CTLR, 1);
    wr(GICC + PMR, 0xf0);
    sgi();
    timers();
    priority_mask();
    preemption(2, 1);
    preemption(4, 0);
    eoimode();
    level();
    put_line("spurious iar", rd(GICC + IAR));
    power_off();
}
