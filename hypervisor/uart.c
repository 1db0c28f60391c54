/* uart.c: polled transmit on the two UARTs of the tiny cloud's boards: the ARM PL011 of the
 * Versatile Express (BOARDS.md §2.4) and the Samsung UART of the Exynos 5250 (§3.4). */
#include "uart.h"

/* PL011 (PL011 TRM 3.3): data register, and the flag register's "transmit FIFO full". */
#define PL011_DR        0x00
#define PL011_FR        0x18
#define PL011_FR_TXFF   (1u << 5)

/* Exynos UART: transmit holding register, and UTRSTAT's "transmit buffer empty". */
#define EXYNOS_UTRSTAT  0x10
#define EXYNOS_UTXH     0x20
#define EXYNOS_TXFE     (1u << 1)

enum uart_kind { UART_NONE, UART_PL011, UART_EXYNOS };

static enum uart_kind kind;
static uintptr_t base;
static char path[64];
static const char *compat = "";

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
    return true;
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
