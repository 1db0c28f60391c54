/* vpl011.c: trap and emulate. The UART's page is not mapped in the guest's stage 2, so every
 * access to it faults into the hypervisor (mmio.c), which plays the device: a byte written to
 * the data register goes to the console as the guest's output; the flag register says the
 * transmitter is always ready and nothing was received. The rest reads as zero and ignores
 * writes: enough for a polled driver (PL011 TRM 3.3; Xen's vpl011 implements the SBSA subset). */
#include "vpl011.h"
#include "console.h"

#define UARTDR      0x000
#define UARTFR      0x018
#define FR_RXFE     (1u << 4)               /* receive FIFO empty */
#define FR_TXFE     (1u << 7)               /* transmit FIFO empty */

bool vpl011_read(struct domain *d, uint32_t offset, uint32_t size, uint32_t *value)
{
    (void)d;
    (void)size;
    *value = offset == UARTFR ? (FR_TXFE | FR_RXFE) : 0;
    return true;
}

bool vpl011_write(struct domain *d, uint32_t offset, uint32_t size, uint32_t value)
{
    (void)size;
    if (offset == UARTDR)
        domain_console_putc(d, (char)(value & 0xff));
    return true;
}
