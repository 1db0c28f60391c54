/* runtime.c: console, checksum and power-off for the Arndale test programs (see runtime.h). */
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

void puts(const char *s)
{
    for (; *s; s++) {
        if (*s == '\n')
            putc('\r');
        putc(*s);
    }
}

void put_hex(uint32_t value)
{
    for (int shift = 28; shift >= 0; shift -= 4)
        putc("0123456789abcdef"[(value >> shift) & 0xF]);
}

void put_dec(int32_t value)
{
    char digits[12];
    int n = 0;
    uint32_t magnitude = value < 0 ? -(uint32_t)value : (uint32_t)value;
    do {
        digits[n++] = (char)('0' + magnitude % 10);
        magnitude /= 10;
    } while (magnitude);
    if (value < 0)
        putc('-');
    while (n)
        putc(digits[--n]);
}

void put_line(const char *label, uint32_t value)
{
    puts(label);
    putc('=');
    put_hex(value);
    puts("\n");
}

uint32_t crc32_update(uint32_t crc, uint32_t word)
{
    crc = ~crc;
    for (int i = 0; i < 32; i++) {
        uint32_t bit = (crc ^ (word >> i)) & 1;
        crc = (crc >> 1) ^ (bit ? 0xEDB88320u : 0);
    }
    return ~crc;
}

/* PS_HOLD low with its output enabled, the value Linux's syscon-poweroff writes (LNX-restart):
 * the PMIC cuts the power; ./hyplab run exits 0. */
void power_off(void)
{
    PS_HOLD_CONTROL = 0x5200;
    for (;;)
        __asm__ volatile("wfi");
}
