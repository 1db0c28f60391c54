/* mct: the Exynos 5250 Multi-Core Timer and the generic timer (BOARDS.md §3.3, §3.5), in Hyp
 * mode on CPU0:
 *   - the global free-running counter stands still until G_TCON bit 8 starts it, and can be
 *     written (G_CNT_L/U) with the write-status handshake Linux waits for (G_CNT_WSTAT, G_WSTAT);
 *   - the generic timer's counter runs at the same 24 MHz (CNTFRQ);
 *   - comparator 0 matching the counter, with auto-increment (its interrupt goes through the
 *     combiner, which HypLab does not model, so G_INT_CSTAT is polled);
 *   - local timer 0 programmed as Linux's exynos4_mct_tick_start does, its interrupt SPI 120 =
 *     ID 152 taken three times through the GIC in interval mode;
 *   - the Hyp, virtual and physical timers' PPIs 26, 27 and 30.
 * Nothing time-dependent is printed: only comparisons and counts fixed by the programming. */
#include "arndale.h"

#define MCT             0x101C0000u
#define G_CNT_L         (MCT + 0x100)
#define G_CNT_U         (MCT + 0x104)
#define G_CNT_WSTAT     (MCT + 0x110)
#define G_COMP0_L       (MCT + 0x200)
#define G_COMP0_U       (MCT + 0x204)
#define G_COMP0_ADD_INCR (MCT + 0x208)
#define G_TCON          (MCT + 0x240)
#define G_INT_CSTAT     (MCT + 0x244)
#define G_INT_ENB       (MCT + 0x248)
#define G_WSTAT         (MCT + 0x24C)
#define L0              (MCT + 0x300)
#define L_TCNTB         0x00
#define L_ICNTB         0x08
#define L_TCON          0x20
#define L_INT_CSTAT     0x30
#define L_INT_ENB       0x34
#define L_WSTAT         0x40

#define G_TCON_START    (1u << 8)

static void spin(uint32_t n)
{
    for (volatile uint32_t i = 0; i < n; i++)
        ;
}

static uint64_t frc(void)
{
    uint32_t hi, lo, hi2 = rd(G_CNT_U);
    do {                                /* as Linux's exynos4_frc_read */
        hi = hi2;
        lo = rd(G_CNT_L);
        hi2 = rd(G_CNT_U);
    } while (hi != hi2);
    return ((uint64_t)hi << 32) | lo;
}

static void global_counter(void)
{
    uint32_t a = rd(G_CNT_L);
    spin(10000);
    uint32_t b = rd(G_CNT_L);
    puts("mct\nfrc stopped: counts=");
    puts(yes_no(a != b));
    puts("\n");

    wr(G_TCON, G_TCON_START);
    uint32_t tcon = rd(G_TCON), wstat = rd(G_WSTAT);
    wr(G_WSTAT, wstat);
    puts("start");
    put_field("g_tcon", tcon);
    put_field("g_wstat", wstat);
    put_line(" after w1c", rd(G_WSTAT));

    a = rd(G_CNT_L);
    spin(10000);
    b = rd(G_CNT_L);
    puts("frc counts: ");
    puts(yes_no(b > a));
    puts("\n");

    wr(G_TCON, 0);
    wr(G_WSTAT, rd(G_WSTAT));
    wr(G_CNT_L, 0x1000);
    wr(G_CNT_U, 0);
    uint32_t cnt_wstat = rd(G_CNT_WSTAT);
    wr(G_CNT_WSTAT, cnt_wstat);
    puts("g_cnt write");
    put_field("g_cnt_wstat", cnt_wstat);
    put_field("g_cnt_u", rd(G_CNT_U));
    put_field("g_cnt_l", rd(G_CNT_L));
    put_line(" g_cnt_wstat after w1c", rd(G_CNT_WSTAT));
    wr(G_TCON, G_TCON_START);
    wr(G_WSTAT, rd(G_WSTAT));
}

/* The architected counter and the FRC count the same 24 MHz (BOARDS.md §3.3). */
static void generic_counter(void)
{
    uint64_t f0 = frc(), c0 = cp_read64(CNTPCT);
    spin(200000);
    uint64_t f1 = frc(), c1 = cp_read64(CNTPCT);
    uint32_t df = (uint32_t)(f1 - f0), dc = (uint32_t)(c1 - c0);
    uint32_t diff = df > dc ? df - dc : dc - df;
    puts("generic timer");
    put_field("cntfrq", cp_read(CNTFRQ));
    puts(" same rate as the frc: ");
    puts(yes_no(df > 1000 && diff <= df / 64));
    puts("\n");
}

static void comparator(void)
{
    uint64_t target = frc() + 2400;     /* 100 us ahead */
    wr(G_COMP0_L, (uint32_t)target);
    wr(G_COMP0_U, (uint32_t)(target >> 32));
    wr(G_COMP0_ADD_INCR, 24000);        /* then every millisecond */
    wr(G_INT_ENB, 1);
    wr(G_TCON, G_TCON_START | 0x3);     /* COMP0 enabled, with auto-increment */
    uint32_t wstat = rd(G_WSTAT);
    wr(G_WSTAT, wstat);
    uint32_t i = 0;
    while (!(rd(G_INT_CSTAT) & 1) && i < POLL_LIMIT)
        i++;
    uint64_t moved = (((uint64_t)rd(G_COMP0_U) << 32) | rd(G_COMP0_L)) - target;
    int matched = (rd(G_INT_CSTAT) & 1) != 0;
    wr(G_TCON, G_TCON_START);
    wr(G_INT_CSTAT, 1);
    wr(G_INT_ENB, 0);
    wr(G_WSTAT, rd(G_WSTAT));
    puts("comp0");
    put_field("g_wstat", wstat);
    puts(" cstat: ");
    puts(yes_no(matched));
    put_field("advanced by", (uint32_t)moved);
    put_line(" g_int_cstat after w1c", rd(G_INT_CSTAT));
}

static volatile uint32_t ticks;

/* Local timer 0's handler, as Linux's exynos4_mct_tick_isr: clear L_INT_CSTAT; stop after 3. */
static void l0_tick(uint32_t iar)
{
    (void)iar;
    wr(L0 + L_INT_CSTAT, 1);
    if (++ticks == 3)
        wr(L0 + L_TCON, 0);
}

static void local_timer(void)
{
    gic_route(ID_MCT_L0, 0, 0xa0);
    wr(L0 + L_WSTAT, 0xf);
    clear_events();
    irq_log[0].action = l0_tick;
    wr(L0 + L_TCNTB, 1);                /* TICK_BASE_CNT */
    wr(L0 + L_ICNTB, 0x80000000u | 239); /* update at once: (1 + 1)·(239 + 1) = 480 counts = 20 us */
    wr(L0 + L_INT_ENB, 1);
    wr(L0 + L_TCON, 0x7);               /* timer start, interrupt start, interval mode */
    uint32_t wstat = rd(L0 + L_WSTAT);
    wr(L0 + L_WSTAT, wstat);
    uint32_t cleared = rd(L0 + L_WSTAT);
    int taken = take_irqs(3);
    puts("l0");
    put_field("l_wstat", wstat);
    put_field("after w1c", cleared);
    puts(" three ticks taken: ");
    puts(yes_no(taken));
    puts("\n");
    put_events("mct l0", 0);
    put_line("l0 stopped: l_int_cstat", rd(L0 + L_INT_CSTAT));
}

static void timer_off(uint32_t iar)
{
    switch (iar & 0x3ff) {
    case ID_HYP_TIMER: cp_write(CNTHP_CTL, 0); break;
    case ID_VIRT_TIMER: cp_write(CNTV_CTL, 0); break;
    case ID_PHYS_TIMER: cp_write(CNTP_CTL, 0); break;
    }
    isb();
}

static void one_timer(const char *name, uint32_t id)
{
    clear_events();
    irq_log[0].action = timer_off;
    gic_route(id, 0, 0xa0);
    switch (id) {
    case ID_HYP_TIMER: cp_write(CNTHP_TVAL, 100); cp_write(CNTHP_CTL, 1); break;
    case ID_VIRT_TIMER: cp_write(CNTV_TVAL, 100); cp_write(CNTV_CTL, 1); break;
    case ID_PHYS_TIMER: cp_write(CNTP_TVAL, 100); cp_write(CNTP_CTL, 1); break;
    }
    isb();
    int taken = take_irqs(1);
    puts(name);
    puts(" taken: ");
    puts(yes_no(taken));
    puts("\n");
    put_events(name, 0);
}

int main(void)
{
    global_counter();
    generic_counter();
    comparator();
    vectors_on();
    gic_cpu_on();
    wr(GICD_CTLR, 1);
    local_timer();
    one_timer("cnthp", ID_HYP_TIMER);
    one_timer("cntv", ID_VIRT_TIMER);
    one_timer("cntp", ID_PHYS_TIMER);
    return 0;
}
