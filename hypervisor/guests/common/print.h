/* print.h: console output for the tiny guests, through the console_io hypercall (xen.h). Each
 * call is one hypercall, so a line printed in one call stays whole even when two vCPUs print. */
#ifndef PRINT_H
#define PRINT_H

#include "xen.h"

/* GCC clears a struct with a call to memset, and a guest has no C library: here is one. */
void *memset(void *dst, int c, unsigned int n)
{
    volatile uint8_t *d = dst;
    while (n--)
        *d++ = (uint8_t)c;
    return dst;
}

static inline uint32_t str_length(const char *s)
{
    uint32_t n = 0;
    while (s[n])
        n++;
    return n;
}

static inline void print(const char *s)
{
    console_write(s, str_length(s));
}

/* Builds a line piece by piece, then prints it in one call. */
struct line {
    char text[120];
    uint32_t len;
};

static inline void line_str(struct line *l, const char *s)
{
    while (*s && l->len < sizeof(l->text) - 1)
        l->text[l->len++] = *s++;
}

static inline void line_hex(struct line *l, uint32_t v)
{
    for (int i = 28; i >= 0 && l->len < sizeof(l->text) - 1; i -= 4)
        l->text[l->len++] = "0123456789abcdef"[(v >> i) & 15];
}

static inline void line_dec(struct line *l, uint32_t v)
{
    char digits[10];
    int n = 0;
    do {
        digits[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    while (n && l->len < sizeof(l->text) - 1)
        l->text[l->len++] = digits[--n];
}

static inline void line_print(struct line *l)
{
    l->text[l->len++] = '\n';
    console_write(l->text, l->len);
    l->len = 0;
}

#endif
