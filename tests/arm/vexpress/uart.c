/* uart: the PL011 UARTs of the V2M-P1 (PL011 TRM DDI 0183; BOARDS.md §2.4), in Hyp mode:
 *   - identification and reset values of UART0 (this console) and UART1;
 *   - the flag register with nothing received: RXFE and TXFE, TXFF and BUSY clear (transmit is
 *     instantaneous), and what reading an empty receive FIFO returns;
 *   - the configuration registers reading back what was written;
 *   - TXI: raised by every byte written to DR, masked by IMSC (RIS/MIS), cleared by ICR;
 *   - the UART's interrupt line, (RIS & IMSC) != 0, seen at the GIC as a level on SPI 5 (ID 37)
 *     while the SPI is disabled, then taken in Hyp mode through GICC_IAR/EOIR, once cleared
 *     by ICR in the handler and once by IMSC; UART1's TXI on SPI 6 (ID 38).
 * Receiving needs input, which these runs do not have (stdin is /dev/null): the Java unit tests
 * cover the receive FIFO. Register values are kept in variables while the console is in use,
 * since printing a byte raises TXI again. */
#include "../gic/gic.h"

#define UART0   0x1c090000u
#define UART1   0x1c0a0000u
#define DR      0x000
#define RSR     0x004
#define FR      0x018
#define ILPR    0x020
#define IBRD    0x024
#define FBRD    0x028
#define LCR_H   0x02c
#define CR      0x030
#define IFLS    0x034
#define IMSC    0x038
#define RIS     0x03c
#define MIS     0x040
#define ICR     0x044
#define DMACR   0x048

#define INT_RX  (1u << 4)
#define INT_TX  (1u << 5)
#define INT_ALL 0x7ffu

#define GICD_ISENABLER1 (GICD + 0x104)
#define GICD_ICENABLER1 (GICD + 0x184)
#define GICD_ISPENDR1   (GICD + 0x204)
#define GICD_ITARGETSR  (GICD + 0x800)

#define ID_UART0    37
#define ID_UART1    38

static void identification(const char *label, uint32_t base)
{
    puts(label);
    puts(" id");
    for (uint32_t off = 0xfe0; off <= 0xffc; off += 4) {
        puts(" ");
        put_hex(rd(base + off) & 0xff);
    }
    puts("\n");
}

static void reset_values(const char *label, uint32_t base)
{
    puts(label);
    puts(" reset");
    put_field("fr", rd(base + FR));
    put_field("cr", rd(base + CR));
    put_field("lcr_h", rd(base + LCR_H));
    put_field("ifls", rd(base + IFLS));
    put_field("ibrd", rd(base + IBRD));
    puts("\n");
    puts(label);
    puts(" reset");
    put_field("fbrd", rd(base + FBRD));
    put_field("ilpr", rd(base + ILPR));
    put_field("imsc", rd(base + IMSC));
    put_field("dmacr", rd(base + DMACR));
    put_field("rsr", rd(base + RSR));
    puts("\n");
}

static void empty_receive(void)
{
    uint32_t dr = rd(UART0 + DR);
    uint32_t rsr = rd(UART0 + RSR);
    uint32_t fr = rd(UART0 + FR);
    wr(UART0 + FR, 0xffffffff);             /* FR is read-only */
    uint32_t fr_written = rd(UART0 + FR);
    wr(UART0 + RSR, 0);                     /* UARTECR */
    puts("empty rx");
    put_field("dr", dr);
    put_field("rsr", rsr);
    put_field("fr", fr);
    put_field("fr after write", fr_written);
    put_field("rsr after ecr", rd(UART0 + RSR));
    puts("\n");
}

/* UART1 is set up as a driver would; UART0 keeps its reset setup, as the console needs none. */
static void configuration(void)
{
    wr(UART1 + CR, 0);
    wr(UART1 + IBRD, 13);                   /* 24 MHz / (16 * 115200) = 13.02 */
    wr(UART1 + FBRD, 1);
    wr(UART1 + LCR_H, 0x70);                /* 8 bits, FIFOs on */
    wr(UART1 + IFLS, 0x09);
    wr(UART1 + ILPR, 0x12);
    wr(UART1 + CR, 0x301);                  /* UARTEN, TXE, RXE */
    puts("uart1 setup");
    put_field("ibrd", rd(UART1 + IBRD));
    put_field("fbrd", rd(UART1 + FBRD));
    put_field("lcr_h", rd(UART1 + LCR_H));
    put_field("ifls", rd(UART1 + IFLS));
    put_field("ilpr", rd(UART1 + ILPR));
    put_field("cr", rd(UART1 + CR));
    put_field("fr", rd(UART1 + FR));
    puts("\n");
    wr(UART1 + LCR_H, 0x60);                /* FIFOs off again */
    put_line("uart1 fr fifo off", rd(UART1 + FR));
}

/* TXI in RIS and MIS without the GIC: every DR write raises it, ICR clears it. */
static void transmit_interrupt(void)
{
    uint32_t v[8];
    v[0] = rd(UART0 + RIS);                 /* the last byte printed raised TXI */
    v[1] = rd(UART0 + MIS);
    wr(UART0 + ICR, INT_ALL);
    v[2] = rd(UART0 + RIS);
    wr(UART0 + DR, '>');
    v[3] = rd(UART0 + RIS);
    wr(UART0 + IMSC, INT_TX | INT_RX);
    v[4] = rd(UART0 + MIS);
    v[5] = rd(UART0 + IMSC);
    wr(UART0 + ICR, INT_RX);                /* clearing another bit leaves TXI */
    v[6] = rd(UART0 + RIS);
    wr(UART0 + ICR, INT_TX);
    v[7] = rd(UART0 + MIS);
    wr(UART0 + IMSC, 0);
    puts("\ntxi");
    put_field("ris", v[0]);
    put_field("mis", v[1]);
    put_field("after icr", v[2]);
    put_field("after dr", v[3]);
    puts("\ntxi");
    put_field("mis", v[4]);
    put_field("imsc", v[5]);
    put_field("after icr rx", v[6]);
    put_field("mis after icr tx", v[7]);
    puts("\n");
}

/* The line at the GIC while the SPI is disabled: its pending bit follows the level. */
static void line_level(void)
{
    uint32_t v[4];
    uint32_t bit = 1u << (ID_UART0 - 32);
    wr(GICD_ICENABLER1, bit);
    wr(UART0 + ICR, INT_ALL);
    wr(UART0 + IMSC, INT_TX);
    v[0] = rd(GICD_ISPENDR1) & bit;         /* RIS clear: low */
    wr(UART0 + DR, '#');
    v[1] = rd(GICD_ISPENDR1) & bit;         /* TXI: high */
    wr(UART0 + IMSC, 0);
    v[2] = rd(GICD_ISPENDR1) & bit;         /* masked: low */
    wr(UART0 + IMSC, INT_TX);
    v[3] = rd(GICD_ISPENDR1) & bit;         /* unmasked again: high */
    wr(UART0 + IMSC, 0);
    puts("\nline");
    put_field("idle", v[0]);
    put_field("txi", v[1]);
    put_field("masked", v[2]);
    put_field("unmasked", v[3]);
    puts("\n");
}

static uint32_t handler_base;
static void clear_tx(uint32_t iar)
{
    (void)iar;
    wr(handler_base + ICR, INT_TX);
}
static void mask_tx(uint32_t iar)
{
    (void)iar;
    wr(handler_base + IMSC, 0);
}

/* The SPI enabled: the interrupt taken in Hyp mode, the handler clearing it at the UART. */
static void taken(const char *label, uint32_t base, uint32_t id, void (*action)(uint32_t), int by_imsc)
{
    uint32_t bit = 1u << (id - 32);
    handler_base = base;
    irq_action = action;
    clear_events();
    wr(base + ICR, INT_ALL);
    wr(base + IMSC, 0);
    wr(GICD_ISENABLER1, bit);
    if (by_imsc) {
        wr(base + DR, '=');                 /* TXI raised while masked: the line stays low */
        wr(base + IMSC, INT_TX);            /* unmasking raises it */
    } else {
        wr(base + IMSC, INT_TX);
        wr(base + DR, '+');
    }
    uint32_t hppir = rd(GICC + HPPIR);
    int ok = take_irqs(1);
    uint32_t ris = rd(base + RIS), imsc = rd(base + IMSC), pend = rd(GICD_ISPENDR1) & bit;
    wr(base + IMSC, 0);
    wr(GICD_ICENABLER1, bit);
    irq_action = 0;
    puts("\n");
    puts(label);
    put_field("hppir", hppir);
    puts(" taken: ");
    puts(yes_no(ok));
    put_field("ris", ris);
    put_field("imsc", imsc);
    put_field("pending", pend);
    puts("\n");
    put_events(label);
}

int main(void)
{
    puts("uart\n");
    identification("uart0", UART0);
    identification("uart1", UART1);
    reset_values("uart0", UART0);
    reset_values("uart1", UART1);
    empty_receive();
    configuration();
    transmit_interrupt();

    cp_write(HVBAR, gic_hyp_vectors);
    isb();
    wr8(GICD_ITARGETSR + ID_UART0, 1);      /* to CPU 0 */
    wr8(GICD_ITARGETSR + ID_UART1, 1);
    set_priority(ID_UART0, 0xa0);
    set_priority(ID_UART1, 0xa0);
    wr(GICD_CTLR, 1);
    wr(GICC + CTLR, 1);
    wr(GICC + PMR, 0xf0);
    line_level();
    taken("uart0 icr", UART0, ID_UART0, clear_tx, 0);
    taken("uart0 imsc", UART0, ID_UART0, mask_tx, 1);
    taken("uart1 icr", UART1, ID_UART1, clear_tx, 0);
    put_line("spurious iar", rd(GICC + IAR));
    return 0;
}
