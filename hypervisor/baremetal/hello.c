/* hello: the smallest program that proves the ARM tool chain and a board work.
 *
 * It prints a greeting and the processor mode it was entered in over the
 * Versatile Express UART0 (a PL011), then asks the board to power off through the
 * V2M system registers' configuration interface. Run it with
 *   qemu-system-arm -M vexpress-a15,secure=off -nographic -kernel hello-vexpress.elf
 */

#include <stdint.h>

/* Versatile Express "RS1" memory map (BOARDS.md §2.1). */
#define UART0_BASE   0x1C090000u   /* PL011 */
#define SYSREG_BASE  0x1C010000u   /* V2M system registers */

/* PL011 registers (PL011 TRM, 3.2). */
#define UART_DR      0x000         /* data register: a write sends a byte */
#define UART_FR      0x018         /* flag register */
#define UART_FR_TXFF (1u << 5)     /* transmit FIFO full */

/* V2M configuration interface (BOARDS.md §2.6). */
#define SYS_CFGDATA  0x0A0
#define SYS_CFGCTRL  0x0A4
#define SYS_CFGSTAT  0x0A8
#define CFG_START    (1u << 31)
#define CFG_WRITE    (1u << 30)
#define CFG_FUNC(f)  ((uint32_t)(f) << 20)
#define FUNC_SHUTDOWN 8

static inline void mmio_write(uint32_t addr, uint32_t value)
{
    *(volatile uint32_t *)addr = value;
}

static inline uint32_t mmio_read(uint32_t addr)
{
    return *(volatile uint32_t *)addr;
}

static void uart_putc(char c)
{
    while (mmio_read(UART0_BASE + UART_FR) & UART_FR_TXFF)
        ;                                   /* wait for room in the FIFO */
    mmio_write(UART0_BASE + UART_DR, (uint32_t)c);
}

static void uart_puts(const char *s)
{
    for (; *s; s++) {
        if (*s == '\n')
            uart_putc('\r');                /* a terminal wants CR LF */
        uart_putc(*s);
    }
}

/* CPSR.M names the processor mode (ARM ARM B1.3.1, Table B1-1). */
static const char *mode_name(uint32_t cpsr)
{
    switch (cpsr & 0x1f) {
    case 0x10: return "USR";
    case 0x11: return "FIQ";
    case 0x12: return "IRQ";
    case 0x13: return "SVC";
    case 0x16: return "MON";
    case 0x17: return "ABT";
    case 0x1a: return "HYP";
    case 0x1b: return "UND";
    case 0x1f: return "SYS";
    default:   return "???";
    }
}

/* Power off: one write transaction to the motherboard's SHUTDOWN function,
 * following the host protocol (clear status, start, wait for COMPLETE). */
static void board_power_off(void)
{
    mmio_write(SYSREG_BASE + SYS_CFGSTAT, 0);
    mmio_write(SYSREG_BASE + SYS_CFGDATA, 0);
    mmio_write(SYSREG_BASE + SYS_CFGCTRL, CFG_START | CFG_WRITE | CFG_FUNC(FUNC_SHUTDOWN));
    while (!(mmio_read(SYSREG_BASE + SYS_CFGSTAT) & 1))
        ;
}

int main(void)
{
    uint32_t cpsr;

    __asm__ volatile("mrs %0, cpsr" : "=r"(cpsr));

    uart_puts("Hello from HypLab on the Versatile Express A15!\n");
    uart_puts("Entered in ");
    uart_puts(mode_name(cpsr));
    uart_puts(" mode.\n");
    uart_puts("Powering off.\n");

    board_power_off();
    return 0;
}
