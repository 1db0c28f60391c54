/* timer: the generic timer (ARM ARM B8), polled, no interrupts.
 *
 * The counters run in real time on QEMU, so nothing time-dependent is printed: only register
 * fields that do not depend on when they are read, and yes/no answers to questions about
 * counter values ("did CNTVCT equal CNTPCT - CNTVOFF, within what elapsed between two reads?").
 *   - CNTFRQ; CNTPCT never goes back and does advance;
 *   - CNTVOFF (set in Hyp mode) and CNTVCT = CNTPCT - CNTVOFF, in Hyp mode and in the guest;
 *   - the same steps for each timer: the PL1 physical timer (CNTP_*) and the virtual timer
 *     (CNTV_*) from SVC mode, the Hyp timer (CNTHP_*) in Hyp mode: CVAL written and read
 *     back, TVAL writes setting CVAL = count + TVAL, ISTATUS 0 while CVAL is ahead and 1 once
 *     the count reaches it, TVAL negative after that, IMASK not affecting ISTATUS;
 *   - the virtual timer comparing against CNTVCT, not CNTPCT;
 *   - PL1 accesses to CNTHP_*, CNTVOFF and CNTHCTL being UNDEFINED;
 *   - CNTKCTL deciding which counters and timers User mode may read. */
#include "vmsa.h"

#define CTL_ENABLE  1u
#define CTL_IMASK   2u
#define CTL_ISTATUS 4u

/* Bounded waits: far more iterations than QEMU needs for the 100 us the tests wait. */
#define POLL_LIMIT  50000000u

static uint64_t cntvoff;                    /* what Hyp mode set, for the guest to compare */

static uint64_t cntpct(void) { isb(); return cp_read64(CNTPCT); }
static uint64_t cntvct(void) { isb(); return cp_read64(CNTVCT); }

/* CNTVCT = CNTPCT - CNTVOFF, read between two reads of CNTPCT (B8.1). */
static int virtual_count_matches(uint64_t offset)
{
    uint64_t before = cntpct();
    uint64_t virt = cntvct();
    uint64_t after = cntpct();
    return virt - (before - offset) <= after - before;
}

/* Waits until count() >= cval; returns whether that happened within POLL_LIMIT reads. */
static int wait_for(uint64_t (*count)(void), uint64_t cval)
{
    for (uint32_t i = 0; i < POLL_LIMIT; i++)
        if ((int64_t)(count() - cval) >= 0)
            return 1;
    return 0;
}

/* ---- Counters ------------------------------------------------------------------------------ */
static void counters(const char *who)
{
    puts(who);
    put_field("cntfrq", cp_read(CNTFRQ));
    uint64_t a = cntpct(), b = cntpct();
    puts(" cntpct monotonic: ");
    puts(yes_no(b >= a));
    for (volatile int i = 0; i < 10000; i++)
        ;
    puts(" cntpct advances: ");
    puts(yes_no(cntpct() > b));
    puts("\n");
}

/* ---- One timer, polled -------------------------------------------------------------------- */
/* The three timers have the same registers (B8.2): CTL, TVAL, CVAL, compared with a count. */
struct timer {
    const char *name;
    uint32_t (*ctl)(void);
    void (*set_ctl)(uint32_t);
    int32_t (*tval)(void);
    void (*set_tval)(uint32_t);
    uint64_t (*cval)(void);
    void (*set_cval)(uint64_t);
    uint64_t (*count)(void);
};

#define TIMER_OPS(prefix, CTL, TVAL, CVAL) \
    static uint32_t prefix##_ctl(void) { isb(); return cp_read(CTL); } \
    static void prefix##_set_ctl(uint32_t v) { cp_write(CTL, v); isb(); } \
    static int32_t prefix##_tval(void) { isb(); return (int32_t)cp_read(TVAL); } \
    static void prefix##_set_tval(uint32_t v) { cp_write(TVAL, v); isb(); } \
    static uint64_t prefix##_cval(void) { return cp_read64(CVAL); } \
    static void prefix##_set_cval(uint64_t v) { cp_write64(CVAL, v); isb(); }
TIMER_OPS(cntp, CNTP_CTL, CNTP_TVAL, CNTP_CVAL)
TIMER_OPS(cntv, CNTV_CTL, CNTV_TVAL, CNTV_CVAL)
TIMER_OPS(cnthp, CNTHP_CTL, CNTHP_TVAL, CNTHP_CVAL)

static const struct timer pl1_physical = { "cntp", cntp_ctl, cntp_set_ctl, cntp_tval, cntp_set_tval,
                                           cntp_cval, cntp_set_cval, cntpct };
static const struct timer virtual_timer = { "cntv", cntv_ctl, cntv_set_ctl, cntv_tval, cntv_set_tval,
                                            cntv_cval, cntv_set_cval, cntvct };
static const struct timer hyp_physical = { "cnthp", cnthp_ctl, cnthp_set_ctl, cnthp_tval, cnthp_set_tval,
                                           cnthp_cval, cnthp_set_cval, cntpct };

static void say(const struct timer *t, const char *what, int answer)
{
    puts(t->name);
    puts(" ");
    puts(what);
    puts(": ");
    puts(yes_no(answer));
    puts("\n");
}

static void show_ctl(const struct timer *t, const char *what)
{
    puts(t->name);
    puts(" ");
    puts(what);
    puts(": ctl=");
    put_hex(t->ctl());
    puts("\n");
}

/* ISTATUS (CTL bit 2) says whether count >= CVAL (B8.1). QEMU 7.2 updates it from a host
 * timer, a little after the counter passes CVAL (QEMU-DIFFERENCES.md), so the test waits for
 * it with a bounded loop rather than reading it once. */
static int wait_istatus(const struct timer *t)
{
    for (uint32_t i = 0; i < POLL_LIMIT; i++)
        if (t->ctl() & CTL_ISTATUS)
            return 1;
    return 0;
}

static void timer_test(const struct timer *t)
{
    /* CVAL is a 64-bit register written and read as it is. */
    t->set_ctl(0);
    t->set_cval(0x00000fedcba98765ull);
    uint64_t back = t->cval();
    puts(t->name);
    puts(" cval read back=");
    put_hex((uint32_t)(back >> 32));
    put_hex((uint32_t)back);
    puts("\n");

    /* 0x40000000 ticks (17 s) ahead: not met, TVAL = CVAL - count is positive. */
    t->set_tval(0x40000000);
    t->set_ctl(CTL_ENABLE | CTL_IMASK);
    show_ctl(t, "cval ahead");
    say(t, "tval positive", t->tval() > 0);

    /* A TVAL write sets CVAL = count + SignExtend(TVAL). */
    uint64_t before = t->count();
    t->set_tval(6250);                      /* 100 us at 62.5 MHz */
    uint64_t cval = t->cval();
    uint64_t after = t->count();
    say(t, "cval = count + tval", cval - 6250 - before <= after - before);
    say(t, "count reached cval", wait_for(t->count, cval + 100));
    say(t, "tval negative", t->tval() < 0);
    say(t, "istatus set", wait_istatus(t));
    show_ctl(t, "after cval");
    t->set_ctl(CTL_ENABLE);                 /* IMASK masks the interrupt, not ISTATUS */
    show_ctl(t, "imask=0");
    t->set_ctl(CTL_ENABLE | CTL_IMASK);
    t->set_tval(0x7fffffff);                /* in the future again */
    show_ctl(t, "tval=7fffffff");
    t->set_cval(0);                         /* long past */
    show_ctl(t, "cval=0");
    t->set_ctl(0);
    puts(t->name);
    puts(" disabled: ctl.enable,imask=");
    put_hex(t->ctl() & 3);
    puts("\n");
}

/* ---- The guest (SVC mode): the PL1 physical timer and the virtual timer --------------------- */
static uint32_t guest_timers(uint32_t unused)
{
    (void)unused;
    counters("guest");
    puts("guest cntvct = cntpct - cntvoff: ");
    puts(yes_no(virtual_count_matches(cntvoff)));
    puts("\n");
    timer_test(&pl1_physical);
    timer_test(&virtual_timer);

    /* With CNTVOFF = -2^32 the virtual count is 2^32 ahead of the physical one: a CVAL 2^31
     * ticks ahead of the physical count has passed for the virtual timer only. */
    uint64_t now = cntpct();
    cntp_set_cval(now + 0x80000000u);
    cntv_set_cval(now + 0x80000000u);
    cntp_set_ctl(CTL_ENABLE | CTL_IMASK);
    cntv_set_ctl(CTL_ENABLE | CTL_IMASK);
    show_ctl(&pl1_physical, "same cval as cntv");
    show_ctl(&virtual_timer, "same cval as cntp");
    cntp_set_ctl(0);
    cntv_set_ctl(0);
    return 0;
}

/* The Hyp-mode registers are UNDEFINED at PL1 (B8.2): the guest's own undefined
 * instruction vector takes them. */
static void report(const char *what, uint32_t at)
{
    puts(what);
    puts(":");
    if (pl1_seen.count) {
        put_field("guest vector", pl1_seen.vector);
        put_offset("at", pl1_seen.pc, at);
    }
    if (hyp_seen.count)
        put_field("hsr", hyp_seen.hsr);
    if (!pl1_seen.count && !hyp_seen.count)
        puts(" ok");
    puts("\n");
}

#define T(insn) do { \
        clear_traps(); \
        uint32_t at_ = PROBE("", insn); \
        report(insn, at_); \
    } while (0)

static uint32_t guest_hyp_registers(uint32_t unused)
{
    (void)unused;
    T("mrc p15, 4, r1, c14, c2, 1");        /* CNTHP_CTL */
    T("mrc p15, 4, r1, c14, c2, 0");        /* CNTHP_TVAL */
    T("mrrc p15, 6, r2, r3, c14");          /* CNTHP_CVAL */
    T("mrrc p15, 4, r2, r3, c14");          /* CNTVOFF */
    T("mrc p15, 4, r1, c14, c1, 0");        /* CNTHCTL */
    return 0;
}

/* ---- User mode and CNTKCTL (ARM ARM B4.1, CNTKCTL) --------------------------------------- */
static void usr_probe(const char *name, uint32_t at)
{
    puts(" ");
    puts(name);
    puts(pl1_seen.count ? " undef" : " ok");
    if (pl1_seen.count && pl1_seen.pc != at)
        puts("(elsewhere)");
}

#define U(name, insn) do { \
        clear_traps(); \
        uint32_t at_ = PROBE("", insn); \
        usr_probe(name, at_); \
    } while (0)

static uint32_t usr_timer_access(uint32_t unused)
{
    (void)unused;
    U("cntfrq", "mrc p15, 0, r1, c14, c0, 0");
    U("cntpct", "mrrc p15, 0, r2, r3, c14");
    U("cntvct", "mrrc p15, 1, r2, r3, c14");
    U("cntp_ctl", "mrc p15, 0, r1, c14, c2, 1");
    U("cntp_cval", "mrrc p15, 2, r2, r3, c14");
    U("cntv_ctl", "mrc p15, 0, r1, c14, c3, 1");
    U("cntv_tval", "mrc p15, 0, r1, c14, c3, 0");
    U("cntkctl", "mrc p15, 0, r1, c14, c1, 0");
    return 0;
}

static uint32_t guest_pl0_rules(uint32_t unused)
{
    (void)unused;
    /* CNTKCTL: PL0PCTEN b0, PL0VCTEN b1, PL0VTEN b8, PL0PTEN b9. */
    static const uint32_t settings[] = { 0, 1u << 0, 1u << 1, 1u << 8, 1u << 9, 0x303 };
    for (unsigned i = 0; i < sizeof settings / sizeof settings[0]; i++) {
        cp_write(CNTKCTL, settings[i]);
        isb();
        puts("cntkctl=");
        put_hex(cp_read(CNTKCTL));
        puts(":");
        run_as_usr(usr_timer_access, 0);
        puts("\n");
    }
    cp_write(CNTKCTL, 0);
    return 0;
}

/* ---- Hyp mode: CNTVOFF and the Hyp timer ------------------------------------------------- */
static void set_cntvoff(uint64_t offset)
{
    cntvoff = offset;
    cp_write64(CNTVOFF, offset);
    isb();
    uint64_t back = cp_read64(CNTVOFF);
    puts("cntvoff=");
    put_hex((uint32_t)(back >> 32));
    put_hex((uint32_t)back);
    puts(" hyp cntvct = cntpct - cntvoff: ");
    puts(yes_no(virtual_count_matches(offset)));
    puts("\n");
}

int main(void)
{
    puts("timer\n");
    cp_write(HVBAR, (uint32_t)hyp_vectors);
    cp_write(VBAR, (uint32_t)pl1_vectors);
    put_line("cnthctl", cp_read(CNTHCTL));
    counters("hyp");
    set_cntvoff(0);
    set_cntvoff(0x0000000100000000ull);
    set_cntvoff(0xffffffff00000000ull);     /* CNTVCT = CNTPCT + 2^32 */
    enter_guest(guest_timers, 0, MODE_SVC);
    timer_test(&hyp_physical);
    enter_guest(guest_hyp_registers, 0, MODE_SVC);
    enter_guest(guest_pl0_rules, 0, MODE_SVC);
    set_cntvoff(0);
    return 0;
}
