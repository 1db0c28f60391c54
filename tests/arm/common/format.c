/* format.c: the board-independent half of the test runtime (runtime.h): text and numbers on
 * the console through the board's putc(), and the checksum. Linked into every program, the
 * Versatile Express ones (common/runtime.c) and the Arndale ones (arndale/runtime/runtime.c). */
#include "runtime.h"

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
