/* runtime.c: console, checksum and power-off for the test programs (see runtime.h). */
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

/* SYS_CFGCTRL SHUTDOWN (BOARDS.md §2.6): QEMU exits, ./hyplab run exits 0. */
void power_off(void)
{
    SYS_CFGSTAT = 0;
    SYS_CFGDATA = 0;
    SYS_CFGCTRL = (1u << 31) | (1u << 30) | (8u << 20);
    for (;;)
        __asm__ volatile("wfi");
}
