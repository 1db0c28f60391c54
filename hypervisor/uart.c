/* uart.c: the two UARTs of the tiny cloud's boards: the ARM PL011 of the Versatile Express
 * (BOARDS.md §2.4) and the Samsung UART of the Exynos 5250 (§3.4). Transmit is polled; receive
 * raises an interrupt, so that a keystroke wakes a CPU waiting in WFI. */
#include "uart.h"

/* PL011 (PL011 TRM 3.3): data register, and the flag register's "transmit FIFO full". */
#define PL011_DR        0x00
#define PL011_FR        0x18
#define PL011_FR_TXFF   (1u << 5)
#define PL011_FR_RXFE   (1u << 4)
#define PL011_IMSC      0x38
#define PL011_ICR       0x44
#define PL011_INT_RX    (1u << 4)               /* receive, and receive timeout: */
#define PL011_INT_RT    (1u << 6)               /* a byte waits (PL011 TRM 3.3.13) */

/* Exynos UART: transmit holding register, and UTRSTAT's "transmit buffer empty". */
#define EXYNOS_UTRSTAT  0x10
#define EXYNOS_UTXH     0x20
#define EXYNOS_TXFE     (1u << 1)
#define EXYNOS_RXDR     (1u << 0)               /* UTRSTAT: a received byte is ready */
#define EXYNOS_URXH     0x24
#define EXYNOS_UINTP    0x30
#define EXYNOS_UINTM    0x38
#define EXYNOS_INT_RXD  (1u << 0)

enum uart_kind { UART_NONE, UART_PL011, UART_EXYNOS };

static enum uart_kind kind;
static uintptr_t base;
static char path[64];
static const char *compat = "";
static uint32_t irq;                /* its interrupt ID, 0 if the tree gives none */

/* The path /chosen's stdout-path points at: "serial0:115200n8" names an alias (3.5, 3.6). */
static int console_node(const struct fdt *fdt)
{
    int chosen = fdt_find_path(fdt, "/chosen");
    const char *stdout_path = fdt_prop_string(fdt, chosen, "stdout-path");
    if (stdout_path == NULL)
        return -1;
    size_t n = 0;
    while (stdout_path[n] && stdout_path[n] != ':' && n < sizeof(path) - 1) {
        path[n] = stdout_path[n];
        n++;
    }
    path[n] = 0;
    if (path[0] != '/') {
        const char *alias = fdt_prop_string(fdt, fdt_find_path(fdt, "/aliases"), path);
        if (alias == NULL || strlen(alias) >= sizeof(path))
            return -1;
        memcpy(path, alias, strlen(alias) + 1);
    }
    return fdt_find_path(fdt, path);
}

bool uart_init(const struct fdt *fdt)
{
    int node = console_node(fdt);
    uint64_t addr, size;
    if (node < 0 || !fdt_reg(fdt, node, 0, &addr, &size) || addr > 0xffffffffu)
        return false;
    if (fdt_find_compatible(fdt, node - 1, "arm,pl011") == node) {
        kind = UART_PL011;
        compat = "arm,pl011";
    } else if (fdt_find_compatible(fdt, node - 1, "samsung,exynos4210-uart") == node) {
        kind = UART_EXYNOS;
        compat = "samsung,exynos4210-uart";
    } else {
        return false;
    }
    base = (uintptr_t)addr;
    if (!fdt_irq(fdt, node, "interrupts", 0, &irq))
        irq = 0;                    /* no receive interrupt: input stays off */
    return true;
}

uint32_t uart_irq(void) { return irq; }

void uart_rx_enable(void)
{
    switch (kind) {
    case UART_PL011:
        mmio_write(base + PL011_IMSC, PL011_INT_RX | PL011_INT_RT);
        break;
    case UART_EXYNOS:
        mmio_write(base + EXYNOS_UINTM, 0xf & ~EXYNOS_INT_RXD);    /* only "received" */
        break;
    case UART_NONE:
        break;
    }
}

int uart_getc(void)
{
    switch (kind) {
    case UART_PL011:
        if (mmio_read(base + PL011_FR) & PL011_FR_RXFE)
            return -1;
        return (int)(mmio_read(base + PL011_DR) & 0xff);
    case UART_EXYNOS:
        if (!(mmio_read(base + EXYNOS_UTRSTAT) & EXYNOS_RXDR))
            return -1;
        return (int)(mmio_read(base + EXYNOS_URXH) & 0xff);
    case UART_NONE:
        break;
    }
    return -1;
}

void uart_rx_ack(void)
{
    if (kind == UART_PL011)
        mmio_write(base + PL011_ICR, PL011_INT_RX | PL011_INT_RT);
    else if (kind == UART_EXYNOS)
        mmio_write(base + EXYNOS_UINTP, EXYNOS_INT_RXD);           /* write 1 to clear */
}

const char *uart_path(void) { return path; }
const char *uart_compatible(void) { return compat; }

void uart_putc(char c)
{
    switch (kind) {
    case UART_PL011:
        while (mmio_read(base + PL011_FR) & PL011_FR_TXFF)
            ;
        mmio_write(base + PL011_DR, (uint8_t)c);
        break;
    case UART_EXYNOS:
        /* As Xen's early printk: wait until the transmit buffer is empty. */
        while (!(mmio_read(base + EXYNOS_UTRSTAT) & EXYNOS_TXFE))
            ;
        mmio_write(base + EXYNOS_UTXH, (uint8_t)c);
        break;
    case UART_NONE:
        break;
    }
}
