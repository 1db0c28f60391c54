/* vuart: a guest that writes a UART the hypervisor emulates. The vpl011 at 0x22000000 is not
 * mapped in this domain's stage 2, so each load and store below traps into the hypervisor
 * (HSR.EC 0x24, a stage-2 data abort), which decodes the access from the syndrome, plays the
 * device and resumes the guest at the next instruction: trap and emulate. */
#include "../common/xen.h"

#define VPL011      0x22000000u
#define UARTDR      (VPL011 + 0x00)
#define UARTFR      (VPL011 + 0x18)
#define FR_TXFF     (1u << 5)

static inline uint32_t rd(uint32_t a) { return *(volatile uint32_t *)a; }
static inline void wr(uint32_t a, uint32_t v) { *(volatile uint32_t *)a = v; }

static void putc(char c)
{
    while (rd(UARTFR) & FR_TXFF)            /* a trapped read */
        ;
    wr(UARTDR, (uint8_t)c);                 /* a trapped write */
}

static void puts(const char *s)
{
    for (; *s; s++)
        putc(*s);
}

static void put_hex(uint32_t v)
{
    for (int shift = 28; shift >= 0; shift -= 4)
        putc("0123456789abcdef"[(v >> shift) & 15]);
}

int main(const void *dtb)
{
    (void)dtb;
    /* Read before writing anything: once bytes went out, Xen 4.17's vpl011 reports its
     * transmit FIFO as not empty (TXFE clear) while its console takes them. */
    uint32_t flags = rd(UARTFR);
    puts("Hello through the emulated PL011 at 0x22000000.\n");
    puts("Its flag register reads ");
    put_hex(flags);
    puts(": transmitter empty, nothing received.\n");
    shutdown(SHUTDOWN_poweroff);
    return 0;
}
