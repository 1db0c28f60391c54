/* uart.h: the physical console. The device tree names the UART (/chosen stdout-path); the
 * driver is chosen by its compatible string, so one binary drives either board's UART. */
#ifndef UART_H
#define UART_H

#include "fdt.h"

/* Finds the console UART in the tree and starts using it; false if there is none we drive. */
bool uart_init(const struct fdt *fdt);
/* The console's node path and compatible, for the boot banner. */
const char *uart_path(void);
const char *uart_compatible(void);

void uart_putc(char c);

#endif
