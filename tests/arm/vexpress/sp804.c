/* sp804: the two SP804 dual timers of the V2M-P1 (SP804 TRM DDI 0271; BOARDS.md §2.5), clocked
 * at 1 MHz, in Hyp mode:
 *   - identification and reset values of all four timers;
 *   - Load, BGLoad and Value while a timer is disabled (Value is what Load or the count left);
 *   - a periodic timer counting down and frozen when disabled; its interrupt (RIS, MIS, IntClr)
 *     coming back every period; BGLoad taking effect at the next reload only;
 *   - a one-shot timer stopping at 0 with one interrupt; a free-running 32-bit timer starting at
 *     0xFFFFFFFF; a free-running 16-bit timer wrapping from 0 to 0xFFFF;
 *   - the prescaler: /1 against /16, /16 against /256, run side by side;
 *   - both timers of an SP804 ORed into one line, seen at the GIC while the SPI is disabled, then
 *     SPI 2 (ID 34) and SPI 3 (ID 35) taken in Hyp mode.
 * QEMU's timers follow the host's clock, HypLab's the instruction count, so nothing printed
 * depends on how fast time passes: waits are bounded polls answering yes/no, and counts are
 * compared, never printed, once a timer runs. Every Load is non-zero when a timer is enabled
 * (QEMU 7.2 warns on stderr otherwise). */
#include "../gic/gic.h"

#define SP804_0     0x1c110000u
#define SP804_1     0x1c120000u
#define T1          0x00
#define T2          0x20
#define LOAD        0x00
#define VALUE       0x04
#define CONTROL     0x08
#define INTCLR      0x0c
#define RIS         0x10
#define MIS         0x14
#define BGLOAD      0x18

#define ONESHOT     (1u << 0)
#define SIZE32      (1u << 1)
#define DIV16       (1u << 2)
#define DIV256      (2u << 2)
#define INTEN       (1u << 5)
#define PERIODIC    (1u << 6)
#define ENABLE      (1u << 7)

#define GICD_ISENABLER1 (GICD + 0x104)
#define GICD_ICENABLER1 (GICD + 0x184)
#define GICD_ISPENDR1   (GICD + 0x204)
#define GICD_ITARGETSR  (GICD + 0x800)
#define ID_SP804_0  34
#define ID_SP804_1  35

static inline uint32_t treg(uint32_t timer, uint32_t reg) { return rd(timer + reg); }
static inline void tset(uint32_t timer, uint32_t reg, uint32_t v) { wr(timer + reg, v); }

/* Polls until the timer's RIS is set; 1 if it was. */
static int wait_ris(uint32_t timer)
{
    for (uint32_t i = 0; i < POLL_LIMIT; i++)
        if (treg(timer, RIS))
            return 1;
    return 0;
}

/* Polls until Value differs from v; returns the new Value (v if it never changed). */
static uint32_t wait_change(uint32_t timer, uint32_t v)
{
    for (uint32_t i = 0; i < POLL_LIMIT; i++) {
        uint32_t now = treg(timer, VALUE);
        if (now != v)
            return now;
    }
    return v;
}

static void identification(void)
{
    static const uint32_t bases[] = { SP804_0, SP804_1 };
    for (int s = 0; s < 2; s++) {
        puts(s ? "sp804_1 id" : "sp804_0 id");
        for (uint32_t off = 0xfe0; off <= 0xffc; off += 4) {
            puts(" ");
            put_hex(rd(bases[s] + off));
        }
        puts("\n");
        for (int t = 0; t < 2; t++) {
            uint32_t timer = bases[s] + (t ? T2 : T1);
            puts(t ? " timer2" : " timer1");
            puts(" reset");
            put_field("control", treg(timer, CONTROL));
            put_field("load", treg(timer, LOAD));
            put_field("bgload", treg(timer, BGLOAD));
            put_field("ris", treg(timer, RIS));
            put_field("mis", treg(timer, MIS));
            puts("\n");
        }
    }
}

static void disabled(void)
{
    uint32_t t = SP804_0 + T1;
    tset(t, CONTROL, PERIODIC | SIZE32 | INTEN);
    tset(t, LOAD, 0x1000);
    puts("disabled");
    put_field("value", treg(t, VALUE));
    tset(t, BGLOAD, 0x2000);
    put_field("load", treg(t, LOAD));
    put_field("bgload", treg(t, BGLOAD));
    put_field("value", treg(t, VALUE));
    tset(t, CONTROL, PERIODIC | ONESHOT | SIZE32 | INTEN);
    put_field("value after control", treg(t, VALUE));
    puts("\n");
    tset(t, CONTROL, PERIODIC);               /* 16-bit */
    tset(t, LOAD, 0x1234);
    puts("disabled 16-bit");
    put_field("value", treg(t, VALUE));
    tset(t, VALUE, 0x55);                     /* read-only */
    put_field("after value write", treg(t, VALUE));
    put_field("ris", treg(t, RIS));
    puts("\n");
}

static void periodic(void)
{
    uint32_t t = SP804_0 + T1;
    tset(t, CONTROL, PERIODIC | SIZE32);
    tset(t, LOAD, 0x100000);
    tset(t, CONTROL, ENABLE | PERIODIC | SIZE32);
    uint32_t a = treg(t, VALUE);
    uint32_t b = wait_change(t, a);
    tset(t, CONTROL, PERIODIC | SIZE32);      /* disabled: the count stays */
    uint32_t c = treg(t, VALUE);
    uint32_t d = c;
    for (uint32_t i = 0; i < 20000 && d == c; i++)   /* >= 20 µs on either */
        d = treg(t, VALUE);
    puts("periodic counts down: ");
    puts(yes_no(a <= 0x100000 && b < a));
    puts(" frozen: ");
    puts(yes_no(d == c && c <= b));
    puts("\n");

    /* the interrupt, every period */
    tset(t, LOAD, 100);
    tset(t, CONTROL, ENABLE | PERIODIC | SIZE32 | INTEN);
    int first = wait_ris(t);
    uint32_t mis = treg(t, MIS);
    tset(t, INTCLR, 0);
    int again = wait_ris(t);
    tset(t, LOAD, 0x100000);                  /* restart far from 0 before clearing */
    tset(t, INTCLR, 0);
    uint32_t ris = treg(t, RIS);
    puts("periodic ris: ");
    puts(yes_no(first));
    put_field("mis", mis);
    puts(" again: ");
    puts(yes_no(again));
    put_field("after intclr", ris);
    puts("\n");

    /* IntEnable masks MIS, not RIS */
    tset(t, LOAD, 100);
    tset(t, CONTROL, ENABLE | PERIODIC | SIZE32);
    first = wait_ris(t);
    mis = treg(t, MIS);
    tset(t, CONTROL, PERIODIC | SIZE32);
    puts("masked ris: ");
    puts(yes_no(first));
    put_field("mis", mis);
    put_field("control", treg(t, CONTROL));
    tset(t, INTCLR, 0);
    puts("\n");

    /* BGLoad: the running period ends as it was, the next one starts from the new value */
    tset(t, LOAD, 100);
    tset(t, CONTROL, ENABLE | PERIODIC | SIZE32);
    tset(t, BGLOAD, 0x100000);
    first = wait_ris(t);
    uint32_t v = wait_change(t, 0);           /* past the tick at 0 */
    tset(t, CONTROL, PERIODIC | SIZE32);
    tset(t, INTCLR, 0);
    puts("bgload ris: ");
    puts(yes_no(first));
    puts(" reloaded from bgload: ");
    puts(yes_no(v > 100 && v <= 0x100000));
    put_field("load", treg(t, LOAD));
    puts("\n");
}

static void one_shot(void)
{
    uint32_t t = SP804_0 + T2;
    tset(t, CONTROL, ONESHOT | SIZE32);
    tset(t, LOAD, 50);
    tset(t, CONTROL, ENABLE | ONESHOT | SIZE32 | INTEN);
    int ris = wait_ris(t);
    uint32_t value = wait_change(t, 1);       /* 0 once stopped */
    tset(t, INTCLR, 0);
    int again = 0;
    for (uint32_t i = 0; i < 200000 && !again; i++)
        again = treg(t, RIS);
    puts("one-shot ris: ");
    puts(yes_no(ris));
    put_field("value", value);
    put_field("value later", treg(t, VALUE));
    put_field("control", treg(t, CONTROL));
    puts(" ris again: ");
    puts(yes_no(again));
    puts("\n");
}

static void free_running(void)
{
    uint32_t t = SP804_1 + T2;                /* untouched since reset */
    tset(t, CONTROL, ENABLE | SIZE32);
    uint32_t a = treg(t, VALUE);
    uint32_t b = wait_change(t, a);
    puts("free-running 32-bit from top: ");
    puts(yes_no(a >= 0xfff00000u && b < a));
    tset(t, CONTROL, SIZE32);
    puts("\n");

    t = SP804_1 + T1;                         /* 16-bit, from reset */
    tset(t, CONTROL, ENABLE);
    a = treg(t, VALUE);
    int wrapped = 0;
    uint32_t prev = a, max = a;
    for (uint32_t i = 0; i < POLL_LIMIT && !wrapped; i++) {
        uint32_t v = treg(t, VALUE);
        if (v > max)
            max = v;
        wrapped = v > prev;
        prev = v;
    }
    uint32_t ris = treg(t, RIS), mis = treg(t, MIS);
    tset(t, CONTROL, 0);
    tset(t, INTCLR, 0);
    puts("free-running 16-bit from top: ");
    puts(yes_no(a >= 0xf000u && a <= 0xffffu));
    puts(" wrapped: ");
    puts(yes_no(wrapped));
    puts(" within 16 bits: ");
    puts(yes_no(max <= 0xffffu));
    put_field("ris", ris);
    put_field("mis", mis);
    puts("\n");
}

/* Two timers of one SP804 started together, one divided by 'slow' more; after a while the fast
 * one must have counted about 'ratio' times as far. */
static void prescale(const char *label, uint32_t fast_div, uint32_t slow_div, uint32_t ratio, uint32_t wait)
{
    uint32_t t1 = SP804_0 + T1, t2 = SP804_0 + T2;
    const uint32_t load = 0x1000000;
    tset(t1, CONTROL, PERIODIC | SIZE32 | fast_div);
    tset(t2, CONTROL, PERIODIC | SIZE32 | slow_div);
    tset(t1, LOAD, load);
    tset(t2, LOAD, load);
    tset(t1, CONTROL, ENABLE | PERIODIC | SIZE32 | fast_div);
    tset(t2, CONTROL, ENABLE | PERIODIC | SIZE32 | slow_div);
    for (uint32_t i = 0; i < POLL_LIMIT && load - treg(t1, VALUE) < wait; i++)
        ;
    tset(t1, CONTROL, PERIODIC | SIZE32 | fast_div);
    tset(t2, CONTROL, PERIODIC | SIZE32 | slow_div);
    uint32_t fast = load - treg(t1, VALUE), slow = load - treg(t2, VALUE);
    puts(label);
    puts(": ");
    puts(yes_no(fast >= wait && fast > slow * (ratio / 2) && fast < (slow + 1) * ratio * 2));
    put_field("control", treg(t2, CONTROL));
    puts("\n");
}

/* ---- The interrupt line and the GIC -------------------------------------------------------- */
static void expire_one_shot(uint32_t t)
{
    tset(t, CONTROL, ONESHOT | SIZE32);
    tset(t, LOAD, 20);
    tset(t, CONTROL, ENABLE | ONESHOT | SIZE32);   /* IntEnable off: RIS only */
    wait_ris(t);
}

static void line_level(void)
{
    uint32_t t1 = SP804_0 + T1, t2 = SP804_0 + T2;
    uint32_t bit = 1u << (ID_SP804_0 - 32);
    uint32_t v[5];
    wr(GICD_ICENABLER1, bit);
    expire_one_shot(t1);
    expire_one_shot(t2);
    v[0] = rd(GICD_ISPENDR1) & bit;                 /* both RIS, both masked: low */
    tset(t1, CONTROL, ONESHOT | SIZE32 | INTEN);    /* disabled, IntEnable on */
    v[1] = rd(GICD_ISPENDR1) & bit;
    tset(t2, CONTROL, ONESHOT | SIZE32 | INTEN);
    v[2] = rd(GICD_ISPENDR1) & bit;
    tset(t1, INTCLR, 0);
    v[3] = rd(GICD_ISPENDR1) & bit;                 /* timer 2 still holds the line */
    tset(t2, INTCLR, 0);
    v[4] = rd(GICD_ISPENDR1) & bit;
    puts("line");
    put_field("masked", v[0]);
    put_field("timer1", v[1]);
    put_field("both", v[2]);
    put_field("timer2", v[3]);
    put_field("none", v[4]);
    puts("\n");
}

static uint32_t handler_sp804;
static volatile uint32_t cleared[8];
static volatile uint32_t cleared_count;

/* Clears the first timer whose MIS is set, and stops it. */
static void clear_timer(uint32_t iar)
{
    (void)iar;
    for (uint32_t n = 0; n < 2; n++) {
        uint32_t t = handler_sp804 + (n ? T2 : T1);
        if (treg(t, MIS)) {
            tset(t, INTCLR, 0);
            tset(t, CONTROL, SIZE32);
            if (cleared_count < 8)
                cleared[cleared_count] = n + 1;
            cleared_count++;
            return;
        }
    }
}

static void taken(const char *label, uint32_t sp804, uint32_t id, int both)
{
    uint32_t bit = 1u << (id - 32);
    handler_sp804 = sp804;
    irq_action = clear_timer;
    cleared_count = 0;
    clear_events();
    wr(GICD_ISENABLER1, bit);
    for (int n = both ? 1 : 0; n >= 0; n--) {       /* timer 2 first, so it fires first */
        uint32_t t = sp804 + (n ? T2 : T1);
        tset(t, CONTROL, ONESHOT | SIZE32 | INTEN);
        tset(t, LOAD, 30);
        tset(t, CONTROL, ENABLE | ONESHOT | SIZE32 | INTEN);
    }
    int ready = wait_ris(sp804 + T1);               /* IRQs masked: both pending by now */
    if (both)
        ready = ready && wait_ris(sp804 + T2);
    int ok = take_irqs(both ? 2 : 1);
    wr(GICD_ICENABLER1, bit);
    irq_action = 0;
    puts(label);
    puts(" ready: ");
    puts(yes_no(ready));
    puts(" taken: ");
    puts(yes_no(ok));
    puts(" cleared");
    for (uint32_t i = 0; i < cleared_count && i < 8; i++) {
        puts(" timer");
        put_dec((int32_t)cleared[i]);
    }
    puts("\n");
    put_events(label);
}

int main(void)
{
    puts("sp804\n");
    identification();
    disabled();
    periodic();
    one_shot();
    free_running();
    prescale("prescale 1:16", 0, DIV16, 16, 4000);
    prescale("prescale 16:256", DIV16, DIV256, 16, 250);

    cp_write(HVBAR, gic_hyp_vectors);
    isb();
    wr8(GICD_ITARGETSR + ID_SP804_0, 1);
    wr8(GICD_ITARGETSR + ID_SP804_1, 1);
    set_priority(ID_SP804_0, 0xa0);
    set_priority(ID_SP804_1, 0xa0);
    wr(GICD_CTLR, 1);
    wr(GICC + CTLR, 1);
    wr(GICC + PMR, 0xf0);
    line_level();
    taken("sp804_0 timer1", SP804_0, ID_SP804_0, 0);
    taken("sp804_0 both", SP804_0, ID_SP804_0, 1);
    taken("sp804_1 timer1", SP804_1, ID_SP804_1, 0);
    put_line("spurious iar", rd(GICC + IAR));
    return 0;
}
