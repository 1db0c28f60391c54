/* hog: a guest that never waits and never makes a hypercall while it works: it only computes.
 * It cannot give its CPU away, so the hypervisor must take it: the Hyp timer ends its time
 * slice, and the other domains still make progress (watch their lines appear between its
 * own). It reports each quarter of its work, then shuts down. */
#include "../common/print.h"

#define QUARTER     2000000u        /* iterations of the loop below: about 12 ms of a CPU each */

/* A little arithmetic the compiler cannot drop: xorshift32 (Marsaglia 2003). */
static uint32_t work(uint32_t x, uint32_t n)
{
    for (uint32_t i = 0; i < n; i++) {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
    }
    return x;
}

int main(void)
{
    print("Hog: I compute and never wait. Only the hypervisor's timer can stop me.\n");
    uint32_t x = 2463534242u;
    for (uint32_t q = 1; q <= 4; q++) {
        x = work(x, QUARTER);
        struct line l = { .len = 0 };
        line_str(&l, "Hog: ");
        line_dec(&l, q);
        line_str(&l, "/4 of my work done");
        line_print(&l);
    }
    struct line l = { .len = 0 };
    line_str(&l, "Hog: done; the result is ");
    line_hex(&l, x);
    line_print(&l);
    shutdown(SHUTDOWN_poweroff);
    return 0;
}
