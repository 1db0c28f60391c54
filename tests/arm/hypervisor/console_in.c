/* console_in: a guest that tests the console both ways. It reads a line through its vpl011
 * (keystrokes switched to the domain with CTRL-a three times, hypervisor/input.c: it polls the
 * flag register until a byte is there and reads the data register), then a second line with
 * console_io read, prints both, writes 30 lines of 100 bytes in ONE console_io write (longer
 * than the hypervisor writes per HVC, so the call is continued), and shuts down. Not a
 * teaching guest. */
#include "print.h"

#define VPL011      0x22000000u
#define UARTDR      (VPL011 + 0x00)
#define UARTFR      (VPL011 + 0x18)
#define FR_RXFE     (1u << 4)

static inline uint32_t rd(uint32_t a) { return *(volatile uint32_t *)a; }

int main(void)
{
    print("console_in: type a line for me\n");
    struct line l = { .len = 0 };
    line_str(&l, "console_in: got '");
    for (;;) {
        while (rd(UARTFR) & FR_RXFE)
            hypercall3(__HYPERVISOR_sched_op, 0 /* SCHEDOP_yield */, 0, 0);
        char c = (char)(rd(UARTDR) & 0xff);
        if (c == '\r' || c == '\n')
            break;
        char s[2] = { c, 0 };
        line_str(&l, s);
    }
    line_str(&l, "'");
    line_print(&l);

    line_str(&l, "console_in: console_io read gave '");
    for (;;) {
        char c[2] = { 0, 0 };
        if (hypercall3(__HYPERVISOR_console_io, 1 /* CONSOLEIO_read */, 1, (uint32_t)c) != 1) {
            hypercall3(__HYPERVISOR_sched_op, 0 /* SCHEDOP_yield */, 0, 0);
            continue;
        }
        if (c[0] == '\n')
            break;
        line_str(&l, c);
    }
    line_str(&l, "'");
    line_print(&l);

    static char text[3000];
    for (int line = 0; line < 30; line++) {
        char *t = text + 100 * line;
        for (int k = 0; k < 99; k++)
            t[k] = (char)('a' + (line + k) % 26);
        t[99] = '\n';
    }
    long rc = console_write(text, sizeof(text));
    line_str(&l, "console_in: 3000 bytes in one console_io write: ");
    line_str(&l, rc == 0 ? "0" : "not 0");
    line_print(&l);
    shutdown(SHUTDOWN_poweroff);
    return 0;
}
