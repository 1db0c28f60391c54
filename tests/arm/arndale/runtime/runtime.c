/* runtime.c: the Arndale half of the test runtime (runtime.h): putc on UART2 and the power-off;
 * ../../common/format.c holds the rest. */
#include "runtime.h"

/* UART2 at 0x12C20000 (BOARDS.md §3.4). The programs do not set the UART up, as a kernel finds
 * it set up by its boot loader; transmission polls UTRSTAT.TXFE the way Xen's early printk does
 * (XEN-exydbg), which works in FIFO and non-FIFO mode alike. */
#define UART2_UTRSTAT   (*(volatile uint32_t *)0x12C20010u)
#define UART2_UTXH      (*(volatile uint32_t *)0x12C20020u)
#define UTRSTAT_TXFE    (1u << 1)

/* PMU PS_HOLD_CONTROL (§3.6). */
#define PS_HOLD_CONTROL (*(volatile uint32_t *)0x1004330Cu)

void putc(char c)
{
    while (!(UART2_UTRSTAT & UTRSTAT_TXFE))
        ;
    UART2_UTXH = (uint32_t)(uint8_t)c;
}

/* PS_HOLD low with its output enabled, the value Linux's syscon-poweroff writes (LNX-restart):
 * the PMIC cuts the power; ./hyplab run exits 0. */
void power_off(void)
{
    PS_HOLD_CONTROL = 0x5200;
    for (;;)
        __asm__ volatile("wfi");
}
