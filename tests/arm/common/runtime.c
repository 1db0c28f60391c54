/* runtime.c: the Versatile Express half of the test runtime (runtime.h): putc on UART0 and the
 * power-off; format.c holds the rest. */
#include "runtime.h"

#define UART0_DR    (*(volatile uint32_t *)0x1C090000u)
#define UART0_FR    (*(volatile uint32_t *)0x1C090018u)
#define UART_FR_TXFF (1u << 5)

#define SYS_CFGDATA (*(volatile uint32_t *)0x1C0100A0u)
#define SYS_CFGCTRL (*(volatile uint32_t *)0x1C0100A4u)
#define SYS_CFGSTAT (*(volatile uint32_t *)0x1C0100A8u)

void putc(char c)
{
    while (UART0_FR & UART_FR_TXFF)
        ;
    UART0_DR = (uint32_t)(uint8_t)c;
}

/* SYS_CFGCTRL SHUTDOWN (BOARDS.md §2.6): QEMU exits, ./hyplab run exits 0. */
void power_off(void)
{
    SYS_CFGSTAT = 0;
    SYS_CFGDATA = 0;
    SYS_CFGCTRL = (1u << 31) | (1u << 30) | (8u << 20);
    for (;;)
        __asm__ volatile("wfi");
}
