/* console.c: printk, a small printf onto the console UART, one line at a time under a lock
 * so that two CPUs' messages do not mix. */
#include <stdarg.h>
#include "console.h"
#include "spinlock.h"
#include "uart.h"

static spinlock_t console_lock;
static bool at_line_start = true;

static void put(char c)
{
    if (at_line_start) {
        for (const char *p = "(XEN) "; *p; p++)
            uart_putc(*p);
        at_line_start = false;
    }
    if (c == '\n') {
        uart_putc('\r');            /* terminals want CR LF */
        at_line_start = true;
    }
    uart_putc(c);
}

static void put_number(uint64_t v, unsigned base, int width, bool zero, bool negative)
{
    char digits[24];
    int n = 0;
    do {
        digits[n++] = "0123456789abcdef"[v % base];
        v /= base;
    } while (v);
    if (negative)
        width--;
    if (negative && zero)
        put('-');
    for (; width > n; width--)
        put(zero ? '0' : ' ');
    if (negative && !zero)
        put('-');
    while (n)
        put(digits[--n]);
}

static void vprintk(const char *fmt, va_list ap)
{
    for (; *fmt; fmt++) {
        if (*fmt != '%') {
            put(*fmt);
            continue;
        }
        fmt++;
        bool zero = *fmt == '0';
        int width = 0;
        while (*fmt >= '0' && *fmt <= '9')
            width = width * 10 + (*fmt++ - '0');
        int longs = 0;
        while (*fmt == 'l') {
            longs++;
            fmt++;
        }
        switch (*fmt) {
        case 's': {
            const char *s = va_arg(ap, const char *);
            for (s = s ? s : "(null)"; *s; s++)
                put(*s);
            break;
        }
        case 'c':
            put((char)va_arg(ap, int));
            break;
        case 'd': {
            int64_t v = longs == 2 ? va_arg(ap, int64_t) : va_arg(ap, int32_t);
            put_number(v < 0 ? -(uint64_t)v : (uint64_t)v, 10, width, zero, v < 0);
            break;
        }
        case 'u':
        case 'x': {
            uint64_t v = longs == 2 ? va_arg(ap, uint64_t) : va_arg(ap, uint32_t);
            put_number(v, *fmt == 'u' ? 10 : 16, width, zero, false);
            break;
        }
        case 'p':
            put('0');
            put('x');
            put_number((uintptr_t)va_arg(ap, void *), 16, 8, true, false);
            break;
        case '%':
            put('%');
            break;
        default:                    /* an unknown conversion is printed as it is */
            put('%');
            put(*fmt);
            if (!*fmt)
                return;
        }
    }
}

void printk(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    spin_lock(&console_lock);
    vprintk(fmt, ap);
    spin_unlock(&console_lock);
    va_end(ap);
}

void guest_printk(uint32_t domid, const char *line)
{
    spin_lock(&console_lock);
    at_line_start = false;              /* this line has its own prefix */
    for (const char *p = "(d"; *p; p++)
        uart_putc(*p);
    put_number(domid, 10, 0, false, false);
    uart_putc(')');
    uart_putc(' ');
    for (; *line; line++)
        put(*line);
    put('\n');
    spin_unlock(&console_lock);
}

void panic(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    spin_lock(&console_lock);
    vprintk("PANIC: ", ap);
    vprintk(fmt, ap);
    spin_unlock(&console_lock);
    va_end(ap);
    for (;;)
        __asm__ volatile("wfi");
}
