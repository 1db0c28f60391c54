/* sgi_smp: the two CPUs of the Versatile Express A15x2 and the GIC-400 between them, in Hyp
 * mode. Both CPUs start at the ELF entry (as QEMU starts an ELF); CPU1 runs secondary_main()
 * and obeys commands CPU0 posts in shared memory; only CPU0 prints, after each step is done, so
 * the transcript does not depend on how the two CPUs interleave:
 *   - banked registers: MPIDR, GICD_ITARGETSR0 (each CPU reads its own bit, IHI 0048B 4.3.12);
 *   - SGIs from CPU0 to CPU1 by target list and by "all but self", with the source CPU in
 *     CPU1's GICC_IAR (4.4.4), and from CPU1 to CPU0;
 *   - one SGI pending from both sources at once (GICD_SPENDSGIRn, 4.3.15);
 *   - an SPI routed by GICD_ITARGETSR to one CPU, then the other;
 *   - every generic timer of CPU1 (Hyp 26, virtual 27, physical 30) as CPU1's own PPIs;
 *   - a spinlock with LDREX/STREX that both CPUs take 20000 times (the exclusive monitors);
 *   - WFE on CPU1 woken by SEV from CPU0 (ARM ARM B1.8.12). */
#include "../gic/gic.h"

/* ---- What the CPUs share -------------------------------------------------------------------- */
enum { CMD_NONE, CMD_SGI, CMD_TIMER, CMD_SPIN, CMD_WFE };
static volatile uint32_t cmd, cmd_arg, cmd_done;   /* CPU0 posts, CPU1 answers in cmd_done */
static volatile uint32_t cpu1_ready;
/* In .data, not .bss: CPU1 must not start before CPU0 has cleared .bss, and .bss is what it
 * would be cleared to. */
static volatile uint32_t cpu1_go __attribute__((section(".data"))) = 0;
static volatile uint32_t cpu1_acks[8], cpu1_ack_count;
static volatile uint32_t cpu1_info[4];
static volatile uint32_t lock, counter, wfe_flag, wfe_woke;

static inline void dmb(void) { __asm__ volatile("dmb" : : : "memory"); }
static inline void sev(void) { __asm__ volatile("dsb\n sev" : : : "memory"); }
static inline void wfe(void) { __asm__ volatile("wfe" : : : "memory"); }
static inline uint32_t mpidr(void) { uint32_t v; __asm__ volatile("mrc p15, 0, %0, c0, c0, 5" : "=r"(v)); return v; }
static inline uint32_t cpu_id(void) { return mpidr() & 0xff; }

static void spin_lock(volatile uint32_t *l)
{
    uint32_t tmp, failed;
    __asm__ volatile(
        "1: ldrex %0, [%2]\n"
        "   cmp %0, #0\n"
        "   bne 1b\n"
        "   strex %1, %3, [%2]\n"
        "   cmp %1, #0\n"
        "   bne 1b\n"
        "   dmb\n"
        : "=&r"(tmp), "=&r"(failed) : "r"(l), "r"(1) : "cc", "memory");
}

static void spin_unlock(volatile uint32_t *l)
{
    dmb();
    *l = 0;
}

/* Each CPU's IRQ action: CPU1 logs what it acknowledged; both stop a timer that fired. */
static volatile uint32_t cpu0_acks[8], cpu0_ack_count;
static void log_ack(uint32_t iar)
{
    switch (iar & 0x3ff) {
    case 26: cp_write(CNTHP_CTL, 0); break;
    case 27: cp_write(CNTV_CTL, 0); break;
    case 30: cp_write(CNTP_CTL, 0); break;
    }
    isb();
    if ((iar & 0x3ff) == 15)
        return;                              /* the doorbell of order(): not logged */
    if (cpu_id() == 1) {
        if (cpu1_ack_count < 8)
            cpu1_acks[cpu1_ack_count] = iar;
        dmb();
        cpu1_ack_count++;
    } else {
        if (cpu0_ack_count < 8)
            cpu0_acks[cpu0_ack_count] = iar;
        cpu0_ack_count++;
    }
}

static void gic_cpu_init(void)
{
    cp_write(HVBAR, (uint32_t)gic_hyp_vectors);
    wr(GICC + PMR, 0xf0);
    wr(GICC + CTLR, 1);
    isb();
}

/* ---- CPU1 ----------------------------------------------------------------------------------- */
static void cpu1_timer(uint32_t id)
{
    wr(GICD_ISENABLER0, 1u << id);           /* banked: CPU1's own PPI */
    switch (id) {
    case 26: cp_write(CNTHP_TVAL, 100); cp_write(CNTHP_CTL, 1); break;
    case 27: cp_write(CNTV_TVAL, 100); cp_write(CNTV_CTL, 1); break;
    case 30: cp_write(CNTP_TVAL, 100); cp_write(CNTP_CTL, 1); break;
    }
    isb();
}

void secondary_main(void)
{
    while (!cpu1_go)
        wfe();
    gic_cpu_init();
    cp_write64(CNTVOFF, 0);
    cpu1_info[0] = mpidr();
    cpu1_info[1] = rd(GICD_ITARGETSR0);
    cpu1_info[2] = rd(GICD_ISENABLER0);
    dmb();
    cpu1_ready = 1;
    sev();
    for (;;) {
        irq_on();                            /* IRQs are taken between commands */
        uint32_t c = cmd;
        if (c == CMD_NONE) {
            __asm__ volatile("wfi");
            continue;
        }
        irq_off();
        uint32_t arg = cmd_arg;
        switch (c) {
        case CMD_SGI:
            wr(GICD_SGIR, arg);
            break;
        case CMD_TIMER:
            cpu1_timer(arg);
            break;
        case CMD_SPIN:
            for (uint32_t i = 0; i < arg; i++) {
                spin_lock(&lock);
                counter = counter + 1;
                spin_unlock(&lock);
            }
            break;
        case CMD_WFE:
            while (!wfe_flag)
                wfe();
            wfe_woke = 1;
            break;
        }
        cmd = CMD_NONE;
        dmb();
        cmd_done++;
        sev();
    }
}

/* ---- CPU0 ----------------------------------------------------------------------------------- */
/* Posts a command to CPU1 and waits (bounded) until it is carried out. */
static int order(uint32_t c, uint32_t arg)
{
    uint32_t before = cmd_done;
    cmd_arg = arg;
    dmb();
    cmd = c;
    sev();
    wr(GICD_SGIR, 0x0002000f);               /* SGI 15 to CPU1 wakes it from WFI */
    for (uint32_t i = 0; i < POLL_LIMIT; i++) {
        if (cmd_done != before)
            return 1;
    }
    return 0;
}

/* Waits (bounded) until CPU1 has acknowledged n interrupts in all. */
static int cpu1_acked(uint32_t n)
{
    for (uint32_t i = 0; i < POLL_LIMIT; i++) {
        if (cpu1_ack_count >= n)
            return 1;
    }
    return 0;
}

static void put_cpu1_acks(const char *label, uint32_t from)
{
    puts(label);
    puts(":");
    for (uint32_t i = from; i < cpu1_ack_count && i < 8; i++) {
        puts(" ");
        put_hex(cpu1_acks[i]);
    }
    puts("\n");
}

static void put_cpu0_acks(const char *label)
{
    puts(label);
    puts(":");
    for (uint32_t i = 0; i < cpu0_ack_count && i < 8; i++) {
        puts(" ");
        put_hex(cpu0_acks[i]);
    }
    puts("\n");
    cpu0_ack_count = 0;
}

/* Unmasks IRQs on CPU0 until n were acknowledged (bounded). */
static void cpu0_take(uint32_t n)
{
    irq_on();
    for (uint32_t i = 0; i < POLL_LIMIT && cpu0_ack_count < n; i++)
        ;
    irq_off();
}

int main(void)
{
    irq_action = log_ack;
    dmb();
    cpu1_go = 1;
    sev();
    gic_cpu_init();
    wr(GICD_CTLR, 1);
    put_line("cpu0 mpidr", mpidr());
    put_line("cpu0 itargetsr0", rd(GICD_ITARGETSR0));
    put_line("typer", rd(GICD_TYPER));
    int ready = 0;
    for (uint32_t i = 0; i < POLL_LIMIT && !ready; i++)
        ready = cpu1_ready;
    puts("cpu1 ready: ");
    puts(yes_no(ready));
    puts("\n");
    put_line("cpu1 mpidr", cpu1_info[0]);
    put_line("cpu1 itargetsr0", cpu1_info[1]);
    put_line("cpu1 isenabler0", cpu1_info[2]);

    /* CPU0 -> CPU1: target list, then "all but self". SGI 15 is the doorbell of order(). */
    uint32_t base = cpu1_ack_count;
    wr(GICD_SGIR, 0x00020003);               /* filter 0, target list {CPU1}, SGI 3 */
    cpu1_acked(base + 1);
    wr(GICD_SGIR, 0x01000004);               /* filter 1: every CPU but this one, SGI 4 */
    cpu1_acked(base + 2);
    put_cpu1_acks("cpu1 acked", base);
    put_line("cpu0 ispendr0", rd(GICD_ISPENDR0));

    /* CPU1 -> CPU0 */
    cpu0_ack_count = 0;
    order(CMD_SGI, 0x00010007);              /* CPU1 sends SGI 7 to CPU0 */
    put_line("cpu0 ispendr0 (sgi 7 from cpu1)", rd(GICD_ISPENDR0));
    put_line("cpu0 spendsgir1", rd(GICD_SPENDSGIR1));
    cpu0_take(1);
    put_cpu0_acks("cpu0 acked");

    /* SGI 6 pending from both CPUs at once */
    wr(GICD_SGIR, 0x02000006);               /* filter 2: this CPU */
    order(CMD_SGI, 0x00010006);
    put_line("cpu0 spendsgir1 (sgi 6 from both)", rd(GICD_SPENDSGIR1));
    cpu0_take(2);
    put_cpu0_acks("cpu0 acked");
    put_line("cpu0 spendsgir1 after", rd(GICD_SPENDSGIR1));

    /* An SPI routed to CPU1, then to CPU0: ID 79 (SPI 47, reserved on the motherboard) */
    set_priority(79, 0x80);
    wr8(GICD_ITARGETSR0 + 79, 0x02);
    put_line("itargetsr19", rd(GICD_ITARGETSR0 + 76));
    wr(GICD_ISENABLER0 + 4 * (79 / 32), 1u << (79 % 32));
    base = cpu1_ack_count;
    wr(GICD_ISPENDR0 + 4 * (79 / 32), 1u << (79 % 32));
    cpu1_acked(base + 1);
    put_cpu1_acks("cpu1 acked spi", base);
    wr8(GICD_ITARGETSR0 + 79, 0x01);
    wr(GICD_ISPENDR0 + 4 * (79 / 32), 1u << (79 % 32));
    cpu0_take(1);
    put_cpu0_acks("cpu0 acked spi");

    /* CPU1's generic timers, its own PPIs */
    static const uint32_t ids[3] = {26, 27, 30};
    for (int t = 0; t < 3; t++) {
        base = cpu1_ack_count;
        order(CMD_TIMER, ids[t]);
        int fired = cpu1_acked(base + 1);
        puts("cpu1 timer ");
        put_dec((int32_t)ids[t]);
        puts(fired ? " fired" : " did not fire");
        puts("\n");
        put_cpu1_acks("cpu1 acked", base);
    }
    put_line("cpu0 isenabler0", rd(GICD_ISENABLER0));

    /* The spinlock: both CPUs increment the counter 20000 times under it */
    counter = 0;
    uint32_t before = cmd_done;
    cmd_arg = 20000;
    dmb();
    cmd = CMD_SPIN;
    sev();
    wr(GICD_SGIR, 0x0002000f);
    for (uint32_t i = 0; i < 20000; i++) {
        spin_lock(&lock);
        counter = counter + 1;
        spin_unlock(&lock);
    }
    for (uint32_t i = 0; i < POLL_LIMIT && cmd_done == before; i++)
        ;
    put_line("counter", counter);

    /* WFE on CPU1, woken by SEV */
    wfe_flag = 0;
    wfe_woke = 0;
    before = cmd_done;
    cmd_arg = 0;
    dmb();
    cmd = CMD_WFE;
    wr(GICD_SGIR, 0x0002000f);
    for (volatile int i = 0; i < 1000; i++)
        ;
    wfe_flag = 1;
    sev();
    for (uint32_t i = 0; i < POLL_LIMIT && cmd_done == before; i++)
        ;
    puts("cpu1 woke from wfe: ");
    puts(yes_no(wfe_woke));
    puts("\n");
    return 0;
}
