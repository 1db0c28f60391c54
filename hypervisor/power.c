/* power.c: powering the board off, each board its own way (BOARDS.md §2.6, §3.6). */
#include "power.h"
#include "board.h"
#include "console.h"

#define SYS_CFGDATA     0xa0
#define SYS_CFGCTRL     0xa4
#define SYS_CFGSTAT     0xa8
#define CFG_START       (1u << 31)
#define CFG_WRITE       (1u << 30)
#define CFG_SHUTDOWN    (8u << 20)      /* function 8 of the motherboard's device 0 */

#define PS_HOLD_CONTROL 0x330c
#define PS_HOLD_OFF     0x5200          /* enable kept, the data bit that holds power dropped */

void power_off(void)
{
    switch (board.power) {
    case POWER_VEXPRESS_CFG:
        /* The configuration protocol (Xen's vexpress_syscfg): clear the status, write the
         * request, the controller sets COMPLETE when done. */
        mmio_write(board.power_reg + SYS_CFGSTAT, 0);
        mmio_write(board.power_reg + SYS_CFGDATA, 0);
        mmio_write(board.power_reg + SYS_CFGCTRL, CFG_START | CFG_WRITE | CFG_SHUTDOWN);
        break;
    case POWER_EXYNOS_PS_HOLD:
        mmio_write(board.power_reg + PS_HOLD_CONTROL, PS_HOLD_OFF);
        break;
    case POWER_NONE:
        printk("This board cannot be powered off: halting\n");
        break;
    }
    /* The power goes a moment after the request (QEMU, too, stops the machine only later):
     * wait for it with nothing else to do. */
    for (;;)
        __asm__ volatile("wfi");
}
