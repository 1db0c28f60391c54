/* vpl011.c: trap and emulate. The UART's page is not mapped in the guest's stage 2, so every
 * access to it faults into the hypervisor (mmio.c), which plays the device. A byte written to
 * the data register goes to the console as the guest's output; a keystroke switched to the
 * domain (input.c) waits in a small receive FIFO, is announced by the flag register and, if
 * the guest unmasked it, by interrupt 32. Only the registers of Xen's vpl011 exist: data, error
 * status, flags and the interrupt mask, status and clear (PL011 TRM 3.3; XEN-ABI.md §8.3); any
 * other offset, or a 64-bit access, gives the guest a data abort, as on Xen. */
#include "vpl011.h"
#include "console.h"
#include "domain.h"
#include "vgic.h"

#define UARTDR      0x000
#define UARTRSR     0x004
#define UARTFR      0x018
#define UARTIMSC    0x038
#define UARTRIS     0x03c
#define UARTMIS     0x040
#define UARTICR     0x044
#define FR_RXFE     (1u << 4)               /* receive FIFO empty */
#define FR_RXFF     (1u << 6)               /* receive FIFO full */
#define FR_TXFE     (1u << 7)               /* transmit FIFO empty: output leaves at once */
#define INT_RX      (1u << 4)               /* receive */
#define INT_TX      (1u << 5)               /* transmit: always room */
#define INT_RT      (1u << 6)               /* receive timeout: a byte waits */

/* The raw interrupt status: the conditions, as levels. */
static uint32_t raw_status(const struct vpl011 *u)
{
    return INT_TX | (u->rx_count ? INT_RX | INT_RT : 0);
}

/* Tell the guest by interrupt 32 if a condition it unmasked holds. Xen's vpl011 raises the
 * line on a change; here the receive side raises it when a byte arrives or is unmasked. */
static void raise_if_due(struct domain *d, uint32_t before)
{
    uint32_t now = raw_status(&d->uart) & d->uart.imsc;
    if (now & ~before & (INT_RX | INT_RT))
        vgic_inject(&d->vcpu[0], VIRQ_VPL011);
}

bool vpl011_read(struct domain *d, uint32_t offset, uint32_t size, uint32_t *value)
{
    struct vpl011 *u = &d->uart;
    if (size == 8)
        return false;
    switch (offset) {
    case UARTDR: {
        int c = vpl011_take(d);
        *value = c < 0 ? 0 : (uint32_t)c;
        return true;
    }
    case UARTRSR:
        *value = 0;                         /* no framing, parity or overrun errors */
        return true;
    case UARTFR:
        *value = FR_TXFE | (u->rx_count == 0 ? FR_RXFE : 0) | (u->rx_count == VPL011_RX_SIZE ? FR_RXFF : 0);
        return true;
    case UARTIMSC:
        *value = u->imsc;
        return true;
    case UARTRIS:
        *value = raw_status(u);
        return true;
    case UARTMIS:
        *value = raw_status(u) & u->imsc;
        return true;
    case UARTICR:
        *value = 0;                         /* write-only */
        return true;
    }
    return false;
}

bool vpl011_write(struct domain *d, uint32_t offset, uint32_t size, uint32_t value)
{
    struct vpl011 *u = &d->uart;
    if (size == 8)
        return false;
    switch (offset) {
    case UARTDR:
        domain_console_putc(d, (char)(value & 0xff));
        return true;
    case UARTRSR:
    case UARTICR:                           /* the conditions are levels: nothing to clear */
    case UARTFR:
    case UARTRIS:
    case UARTMIS:
        return true;                        /* read-only or write-to-clear: ignored */
    case UARTIMSC: {
        uint32_t before = raw_status(u) & u->imsc;
        u->imsc = value & (INT_RX | INT_TX | INT_RT);
        raise_if_due(d, before);
        return true;
    }
    }
    return false;
}

int vpl011_take(struct domain *d)
{
    struct vpl011 *u = &d->uart;
    if (u->rx_count == 0)
        return -1;
    uint8_t c = u->rx[u->rx_head];
    u->rx_head = (u->rx_head + 1) % VPL011_RX_SIZE;
    u->rx_count--;
    return c;
}

void vpl011_receive(struct domain *d, char c)
{
    struct vpl011 *u = &d->uart;
    if (u->rx_count == VPL011_RX_SIZE)
        return;                             /* full: the byte is lost, as on a real UART */
    uint32_t before = raw_status(u) & u->imsc;
    u->rx[(u->rx_head + u->rx_count) % VPL011_RX_SIZE] = (uint8_t)c;
    u->rx_count++;
    raise_if_due(d, before);
}
