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

/* Receiving: the UART's interrupt ID (0: none), unmasking its receive interrupt, the next
 * received byte (-1: none waiting), and clearing the interrupt once the bytes are read. */
uint32_t uart_irq(void);
void uart_rx_enable(void);
int uart_getc(void);
void uart_rx_ack(void);

#endif
