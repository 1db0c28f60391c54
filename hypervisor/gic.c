/* gic.c: bringing up the physical GIC-400: distributor, CPU interfaces, and reading what the
 * hardware offers (GICD_TYPER, GICH_VTR). The virtual side (vgic.c) builds on it. */
#include "gic.h"
#include "board.h"

#define GICD_CTLR       0x000
#define GICD_TYPER      0x004
#define GICD_ISENABLER  0x100
#define GICD_ITARGETSR  0x800
#define GICD_SGIR       0xf00
#define GICC_CTLR       0x000
#define GICC_PMR        0x004
#define GICH_VTR        0x004

void gic_init_distributor(void)
{
    mmio_write(board.gicd + GICD_CTLR, 1);      /* forward interrupts to the CPU interfaces */
}

void gic_init_cpu(void)
{
    mmio_write(board.gicc + GICC_PMR, 0xff);    /* lowest mask: every priority is signalled */
    mmio_write(board.gicc + GICC_CTLR, 1);
}

uint32_t gic_lines(void)
{
    return 32 * ((mmio_read(board.gicd + GICD_TYPER) & 0x1f) + 1);    /* ITLinesNumber, 4.3.2 */
}

uint32_t gic_cpus(void)
{
    return ((mmio_read(board.gicd + GICD_TYPER) >> 5) & 7) + 1;        /* CPUNumber */
}

uint32_t gic_list_registers(void)
{
    return (mmio_read(board.gich + GICH_VTR) & 0x3f) + 1;              /* ListRegs, 5.3.2 */
}

void gic_send_sgi(uint32_t targets, uint32_t id)
{
    dsb();                                      /* what the target will read is written first */
    mmio_write(board.gicd + GICD_SGIR, (targets & 0xff) << 16 | (id & 0xf));
}

void gic_enable(uint32_t id)
{
    /* For SGIs and PPIs the register is banked: this enables it for the calling CPU (4.3.5). */
    mmio_write(board.gicd + GICD_ISENABLER + 4 * (id / 32), 1u << (id % 32));
}

void gic_route(uint32_t id, uint32_t cpu)
{
    /* One byte per interrupt: the CPUs an SPI goes to (4.3.12). */
    mmio_write8(board.gicd + GICD_ITARGETSR + id, (uint8_t)(1u << cpu));
}
