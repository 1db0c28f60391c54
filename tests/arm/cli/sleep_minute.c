/* sleep_minute: arms the physical timer for one minute of emulated time and waits in WFI (IRQs
 * masked: the timer's PPI wakes the CPU without being taken, ARM ARM B1.8.13). HypLab moves
 * time on to the timer's event instead of executing a minute of idling, so this powers off
 * after a few hundred instructions and well within a second (RunCommandTest). */
#include "../gic/gic.h"

#define MINUTE  (60ull * 62500000ull)   /* CNTFRQ on vexpress: 62.5 MHz (BOARDS.md §2.3) */

int main(void)
{
    wr(GICD_CTLR, 1);
    wr(GICC + CTLR, 1);
    wr(GICC + PMR, 0xf0);
    wr(GICD_ISENABLER0, 1u << 30);
    uint64_t start = cp_read64(CNTPCT);
    cp_write64(CNTP_CVAL, start + MINUTE);
    cp_write(CNTP_CTL, 1);
    isb();
    __asm__ volatile("wfi");
    uint64_t end = cp_read64(CNTPCT);
    put_line("cntp_ctl", cp_read(CNTP_CTL));
    puts(end - start >= MINUTE ? "a minute passed\n" : "woke early\n");
    return 0;
}
