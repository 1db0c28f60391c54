/* uart: the console UART2 of the Exynos 5250 (BOARDS.md §3.4), in Hyp mode on CPU0:
 *   - reset values, read before anything is printed;
 *   - the TX source latched by each byte sent, UINTM masking it from UINTP, UINTP/UINTSP
 *     write-1-to-clear, the self-clearing FIFO reset bits;
 *   - the receive FIFO through the loopback mode (UCON bit 5): counts in UFSTAT, the RX trigger
 *     level, the full bit, an overrun in UERSTAT (cleared by reading), the non-FIFO holding
 *     register;
 *   - a level-type TX interrupt coming back after UINTP is cleared;
 *   - the UART's interrupt, SPI 53 = ID 85, taken through the GIC-400, for TX and for RX.
 * Nothing is printed while loopback is on (it would go to the receiver). */
#include "arndale.h"

#define UART            0x12C20000u
#define ULCON           (UART + 0x00)
#define UCON            (UART + 0x04)
#define UFCON           (UART + 0x08)
#define UMCON           (UART + 0x0C)
#define UTRSTAT         (UART + 0x10)
#define UERSTAT         (UART + 0x14)
#define UFSTAT          (UART + 0x18)
#define UTXH            (UART + 0x20)
#define URXH            (UART + 0x24)
#define UBRDIV          (UART + 0x28)
#define UFRACVAL        (UART + 0x2C)
#define UINTP           (UART + 0x30)
#define UINTSP          (UART + 0x34)
#define UINTM           (UART + 0x38)

#define UCON_MODES      0x3005u         /* reset clock bits, RX and TX in IRQ/polling mode */
#define UCON_LOOPBACK   (1u << 5)
#define UCON_TX_LEVEL   (1u << 9)
#define INT_RXD         1u
#define INT_TXD         4u

static uint32_t v[16];

static void reset_values(void)
{
    static const uint32_t regs[] = {ULCON, UCON, UFCON, UMCON, UTRSTAT, UERSTAT, UFSTAT, UBRDIV,
                                    UFRACVAL, UINTP, UINTSP, UINTM};
    static const char *const names[] = {"ulcon", "ucon", "ufcon", "umcon", "utrstat", "uerstat",
                                        "ufstat", "ubrdiv", "ufracval", "uintp", "uintsp", "uintm"};
    for (int i = 0; i < 12; i++)
        v[i] = rd(regs[i]);             /* before the first byte is sent */
    puts("uart\nreset");
    for (int i = 0; i < 12; i++)
        put_field(names[i], v[i]);
    puts("\n");
}

static void tx_source(void)
{
    v[0] = rd(UTRSTAT);
    v[1] = rd(UFSTAT);
    v[2] = rd(UINTSP);
    v[3] = rd(UINTP);
    wr(UINTM, 0xf);
    v[4] = rd(UINTSP);
    v[5] = rd(UINTP);
    wr(UINTSP, INT_TXD);
    v[6] = rd(UINTSP);
    puts("after tx");
    put_field("utrstat", v[0]);
    put_field("ufstat", v[1]);
    put_field("uintsp", v[2]);
    put_field("uintp", v[3]);
    puts("\nmasked");
    put_field("uintsp", v[4]);
    put_field("uintp", v[5]);
    puts(" after w1c");
    put_field("uintsp", v[6]);
    puts("\n");
    wr(UFCON, 0x117);                   /* TX trigger 1, RX trigger 1, both FIFO resets, FIFO on */
    put_line("ufcon after fifo reset", rd(UFCON));
}

static void receive_fifo(void)
{
    wr(UCON, UCON_MODES | UCON_LOOPBACK);
    wr(UINTSP, 0xf);
    wr(UTXH, 'a');
    wr(UTXH, 'b');
    wr(UTXH, 'c');
    v[0] = rd(UFSTAT);
    v[1] = rd(UTRSTAT);
    v[2] = rd(UINTSP);
    wr(UTXH, 'd');                      /* the fourth byte reaches the trigger: 4 of 16 */
    v[3] = rd(UFSTAT);
    v[4] = rd(UINTSP);
    v[5] = rd(URXH);
    v[6] = rd(UFSTAT);
    for (int i = 0; i < 13; i++)        /* 3 + 13 = 16: full */
        wr(UTXH, 'e' + i);
    v[7] = rd(UFSTAT);
    wr(UTXH, '!');                      /* no room: lost */
    v[8] = rd(UERSTAT);
    v[9] = rd(UERSTAT);
    uint32_t drained = 0;
    while (rd(UTRSTAT) & 1) {
        rd(URXH);
        drained++;
        if (drained > 64)
            break;
    }
    v[10] = drained;
    v[11] = rd(UFSTAT);
    v[12] = rd(UTRSTAT);
    wr(UFCON, 0);                       /* non-FIFO: a one-byte holding register */
    wr(UTXH, 'x');
    v[13] = rd(UTRSTAT);
    v[14] = rd(URXH);
    v[15] = rd(UTRSTAT);
    wr(UCON, UCON_MODES);
    puts("loopback fifo");
    put_field("ufstat", v[0]);
    put_field("utrstat", v[1]);
    put_field("uintsp", v[2]);
    puts("\nat trigger");
    put_field("ufstat", v[3]);
    put_field("uintsp", v[4]);
    puts("\nread");
    put_field("urxh", v[5]);
    put_field("ufstat", v[6]);
    puts("\nfull");
    put_field("ufstat", v[7]);
    put_field("uerstat", v[8]);
    put_field("then", v[9]);
    puts("\ndrained");
    put_field("bytes", v[10]);
    put_field("ufstat", v[11]);
    put_field("utrstat", v[12]);
    puts("\nholding");
    put_field("utrstat", v[13]);
    put_field("urxh", v[14]);
    put_field("utrstat", v[15]);
    puts("\n");
}

static void tx_level(void)
{
    wr(UCON, UCON_MODES | UCON_TX_LEVEL);
    wr(UINTM, 0xf & ~INT_TXD);
    wr(UINTP, INT_TXD);
    v[0] = rd(UINTP);                   /* the empty transmitter still meets the condition */
    wr(UINTM, 0xf);
    put_line("tx level: uintp after w1c", v[0]);
}

/* The handler's action for the TX interrupt: nothing more to send, so mask the source (as
 * Linux's samsung_tty stops transmitting) and clear it. */
static void tx_done(uint32_t iar)
{
    (void)iar;
    wr(UINTM, 0xf);
    wr(UINTP, INT_TXD);
}

static volatile uint32_t got;

/* For RX: read what the FIFO holds, then clear the source. */
static void rx_drain(uint32_t iar)
{
    (void)iar;
    while (rd(UFSTAT) & 0x1ff)
        got = (got << 8) | (rd(URXH) & 0xff);
    wr(UINTP, INT_RXD);
}

static void through_the_gic(void)
{
    vectors_on();
    gic_cpu_on();
    wr(GICD_CTLR, 1);
    gic_route(ID_UART2, 0, 0xa0);
    clear_events();
    irq_log[0].action = tx_done;
    wr(UINTM, 0xf & ~INT_TXD);          /* the level-type TX source reaches the line */
    v[0] = rd(GICD_ISPENDR(ID_UART2 / 32));
    v[1] = rd(GICC_HPPIR);
    int taken = take_irqs(1);
    puts("gic");
    put_field("ispendr2", v[0]);
    put_field("hppir", v[1]);
    puts(" taken: ");
    puts(yes_no(taken));
    puts("\n");
    put_events("uart tx irq", 0);

    wr(UCON, UCON_MODES | UCON_LOOPBACK);
    wr(UFCON, 0x7);                     /* FIFO on and emptied, RX trigger 0: 2 bytes of 16 */
    wr(UINTSP, 0xf);
    wr(UINTM, 0xf & ~INT_RXD);
    clear_events();
    irq_log[0].action = rx_drain;
    wr(UTXH, 'a');
    v[2] = rd(GICD_ISPENDR(ID_UART2 / 32));
    wr(UTXH, 'b');
    taken = take_irqs(1);
    wr(UCON, UCON_MODES);
    wr(UINTM, 0xf);
    v[3] = rd(GICD_ISPENDR(ID_UART2 / 32));
    put_line("rx below trigger: ispendr2", v[2]);
    put_events("uart rx irq", 0);
    put_line("received", got);
    put_line("ispendr2 after", v[3]);
}

int main(void)
{
    reset_values();
    tx_source();
    receive_fifo();
    tx_level();
    through_the_gic();
    return 0;
}
