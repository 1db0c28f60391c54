/* console_in: a guest that reads the console through its vpl011, to test that keystrokes
 * switched to a domain (CTRL-a three times, hypervisor/input.c) reach it: it polls the flag
 * register until a byte is there (FR.RXFE clear), reads it from the data register, and when a
 * line is complete prints it and shuts down. Not a teaching guest. */
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
    shutdown(SHUTDOWN_poweroff);
    return 0;
}
