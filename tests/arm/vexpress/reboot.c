/* reboot: a board reset through SYS_CFGCTRL function 9 (BOARDS.md §2.6), twice, then power-off.
 * SYS_NVFLAGS counts the boots: it is the one register that survives a reset. Each boot prints
 *   - the V2M system registers a reset restores (FLAGS, LED, LOCK, CFGDATA1/2, an oscillator)
 *     and those it keeps (NVFLAGS, CFGCTRL and CFGSTAT of the reboot request itself);
 *   - the GIC distributor and this CPU's interface as the reset left them;
 *   - memory: a .data counter and a .rodata word, which come back as the ELF has them (QEMU
 *     writes what -kernel loaded into RAM again at every reset), and a counter in RAM outside
 *     the image, which keeps counting;
 * then changes all of them and asks for the reset. The first boot also leaves UART1 with
 * interrupts unmasked and raised and SP804 0 running with its interrupt raised and enabled at
 * the GIC: HypLab resets both, QEMU 7.2 resets neither (it has no reset for the PL011 and the
 * SP804), so nothing of theirs is printed after a reset; what is printed must not depend on it.
 * Interrupts stay masked in the CPSR throughout. */
#include "../vmsa/vmsa.h"

static inline uint32_t rd(uint32_t addr) { return *(volatile uint32_t *)addr; }
static inline void wr(uint32_t addr, uint32_t v) { *(volatile uint32_t *)addr = v; }

#define SYS         0x1c010000u
#define SYS_LED     (SYS + 0x008)
#define SYS_LOCK    (SYS + 0x020)
#define SYS_CFGDATA1 (SYS + 0x028)
#define SYS_CFGDATA2 (SYS + 0x02c)
#define SYS_FLAGS   (SYS + 0x030)
#define SYS_FLAGSCLR (SYS + 0x034)
#define SYS_NVFLAGS (SYS + 0x038)
#define SYS_NVFLAGSCLR (SYS + 0x03c)
#define SYS_CFGDATA (SYS + 0x0a0)
#define SYS_CFGCTRL (SYS + 0x0a4)
#define SYS_CFGSTAT (SYS + 0x0a8)
#define CFG_START   (1u << 31)
#define CFG_WRITE   (1u << 30)
#define CFG_OSC1    ((1u << 20) | 1u)    /* function 1 (OSC), motherboard, device 1 (CLCD) */
#define CFG_REBOOT  (9u << 20)

#define UART1       0x1c0a0000u
#define SP804_0     0x1c110000u

#define GICD        0x2c001000u
#define GICC        0x2c002000u

#define LAST_BOOT   3

uint32_t data_counter = 100;                     /* .data: written back at every reset */
const uint32_t rodata_word = 0x600dc0deu;        /* .rodata: likewise */

static uint32_t osc1(void)
{
    wr(SYS_CFGSTAT, 0);
    wr(SYS_CFGCTRL, CFG_START | CFG_OSC1);
    return rd(SYS_CFGDATA);
}

static void show(uint32_t boot)
{
    puts("boot");
    put_dec((int32_t)boot);
    put_field("nvflags", rd(SYS_NVFLAGS));
    puts("\n");
    puts("sysregs");
    put_field("flags", rd(SYS_FLAGS));
    put_field("led", rd(SYS_LED));
    put_field("lock", rd(SYS_LOCK));
    put_field("cfgdata1", rd(SYS_CFGDATA1));
    put_field("cfgdata2", rd(SYS_CFGDATA2));
    puts("\n");
    /* read before osc1() starts a transaction of its own */
    puts("config");
    put_field("cfgdata", rd(SYS_CFGDATA));
    put_field("cfgctrl", rd(SYS_CFGCTRL));
    put_field("cfgstat", rd(SYS_CFGSTAT));
    put_field("osc1", osc1());
    puts("\n");
    puts("gicd");
    put_field("ctlr", rd(GICD + 0x000));
    put_field("isenabler0", rd(GICD + 0x100));
    put_field("isenabler1", rd(GICD + 0x104));
    put_field("ipriorityr8", rd(GICD + 0x420));
    put_field("itargetsr8", rd(GICD + 0x820));
    puts("\n");
    puts("gicc");
    put_field("ctlr", rd(GICC + 0x000));
    put_field("pmr", rd(GICC + 0x004));
    put_field("bpr", rd(GICC + 0x008));
    puts("\n");
    puts("memory");
    put_field("data", data_counter);
    put_field("rodata", *(volatile const uint32_t *)&rodata_word);
    put_field("scratch", *(volatile uint32_t *)__scratch);
    puts("\n");
}

static void change_everything(uint32_t boot)
{
    wr(SYS_FLAGS, 0x80010000u);
    wr(SYS_LED, 0x5a);
    wr(SYS_LOCK, 0xa05f);
    wr(SYS_CFGDATA1, 0x11111111u * boot);
    wr(SYS_CFGDATA2, 0x22222222u * boot);
    wr(SYS_CFGDATA, 25000000);
    wr(SYS_CFGCTRL, CFG_START | CFG_WRITE | CFG_OSC1);

    wr(GICD + 0x000, 1);
    wr(GICD + 0x104, 1u << 2 | 1u << 6);         /* SPI 2 (SP804 0), SPI 6 (UART1) */
    wr(GICD + 0x420, 0xa0a0a0a0u);
    wr(GICC + 0x000, 1);
    wr(GICC + 0x004, 0xf0);
    wr(GICC + 0x008, 3);

    data_counter++;
    *(volatile uint32_t *)&rodata_word = 0xbad0da7au;
    (*(volatile uint32_t *)__scratch)++;

    if (boot == 1) {
        wr(UART1 + 0x038, 0x7f0);                /* IMSC: TX, RX, RT, errors */
        wr(UART1 + 0x024, 0x27);                 /* IBRD */
        wr(UART1 + 0x02c, 0x70);                 /* LCR_H: FIFOs, 8 bits */
        wr(UART1 + 0x000, 0);                    /* DR (not the console): raises TXI */
        wr(SP804_0 + 0x00, 1000);                /* Load: 1 ms at 1 MHz */
        wr(SP804_0 + 0x08, 0xe2);                /* enabled, periodic, interrupt, 32-bit */
        while (!(rd(SP804_0 + 0x10) & 1))        /* until its interrupt is raised */
            ;
    }
}

int main(void)
{
    uint32_t boot = rd(SYS_NVFLAGS) + 1;
    if (boot == 1)
        puts("reboot\n");
    show(boot);
    if (boot == LAST_BOOT)
        return 0;
    change_everything(boot);
    wr(SYS_NVFLAGSCLR, 0xffffffffu);
    wr(SYS_NVFLAGS, boot);
    puts("reset\n");
    wr(SYS_CFGSTAT, 0);
    wr(SYS_CFGCTRL, CFG_START | CFG_WRITE | CFG_REBOOT);
    for (;;)
        ;
}
