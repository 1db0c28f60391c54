/* echo: the console's receive side. Enables UART0's receive interrupt (PL011 IMSC.RXIM, SPI 37
 * through the GIC), sleeps in WFI until a byte arrives, and echoes each byte in upper case;
 * a '.' ends the run. ./hyplab run feeds it standard input (RunCommandTest); with no input
 * left and nothing else to wake it, the run is deadlocked (exit 4). */
#include "../gic/gic.h"

#define UART0       0x1c090000u
#define UART_DR     (UART0 + 0x00)
#define UART_FR     (UART0 + 0x18)
#define UART_IMSC   (UART0 + 0x38)
#define FR_RXFE     (1u << 4)
#define INT_RX      (1u << 4)

int main(void)
{
    wr(GICD_CTLR, 1);
    wr(GICC + CTLR, 1);
    wr(GICC + PMR, 0xf0);
    wr8(GICD_ITARGETSR0 + 37, 0x01);          /* SPIs reset to no target (IHI 0048B 4.3.12) */
    wr(GICD_ISENABLER0 + 4, 1u << (37 - 32));
    wr(UART_IMSC, INT_RX);
    puts("type:\n");
    for (;;) {
        while (rd(UART_FR) & FR_RXFE)
            __asm__ volatile("wfi");          /* IRQs masked: the line wakes us, nothing is taken */
        char c = (char)(rd(UART_DR) & 0xff);
        if (c == '.')
            break;
        putc(c >= 'a' && c <= 'z' ? (char)(c - 32) : c);
    }
    puts("\nbye\n");
    return 0;
}
