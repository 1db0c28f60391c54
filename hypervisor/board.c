/* board.c: reading the machine out of the device tree, the way Xen does at boot: memory, the
 * GIC with its virtualization windows, the generic timer's interrupts, and the board-specific
 * ways to start secondary CPUs and to power off, found by compatible string. */
#include "board.h"
#include "console.h"

struct board board;

static uintptr_t reg_address(const struct fdt *fdt, int node, uint32_t index, const char *what)
{
    uint64_t addr, size;
    if (!fdt_reg(fdt, node, index, &addr, &size) || addr > 0xffffffffu)
        panic("device tree: no usable 'reg' #%u for %s\n", index, what);
    return (uintptr_t)addr;
}

static void find_memory(const struct fdt *fdt)
{
    /* "/memory" finds memory@<address> (a path component without a unit address matches any). */
    int node = fdt_find_path(fdt, "/memory");
    if (node < 0 || !fdt_reg(fdt, node, 0, &board.ram_base, &board.ram_size))
        panic("device tree: no /memory node\n");
}

static void find_gic(const struct fdt *fdt)
{
    int gic = fdt_find_compatible(fdt, -1, "arm,cortex-a15-gic");
    if (gic < 0)
        gic = fdt_find_compatible(fdt, -1, "arm,gic-400");
    if (gic < 0)
        panic("device tree: no GICv2 (arm,cortex-a15-gic or arm,gic-400)\n");
    /* reg: distributor, CPU interface, then the two virtualization windows (GICH, GICV). */
    board.gicd = reg_address(fdt, gic, 0, "the GIC distributor");
    board.gicc = reg_address(fdt, gic, 1, "the GIC CPU interface");
    board.gich = reg_address(fdt, gic, 2, "GICH (the GIC has no virtualization extensions?)");
    board.gicv = reg_address(fdt, gic, 3, "GICV");
    if (!fdt_irq(fdt, gic, "interrupts", 0, &board.maintenance_irq))
        panic("device tree: the GIC has no maintenance interrupt\n");
}

static void find_timer(const struct fdt *fdt)
{
    int timer = fdt_find_compatible(fdt, -1, "arm,armv7-timer");
    for (uint32_t i = 0; i < 4; i++) {
        if (timer < 0 || !fdt_irq(fdt, timer, "interrupts", i, &board.timer_irq[i]))
            panic("device tree: the arm,armv7-timer node needs four interrupts\n");
    }
    /* Set where firmware may leave CNTFRQ unprogrammed (the Arndale, BOARDS.md §3.3). */
    if (!fdt_prop_cell(fdt, timer, "clock-frequency", 0, &board.timer_frequency))
        board.timer_frequency = 0;
}

static void count_cpus(const struct fdt *fdt)
{
    char path[16] = "/cpus/cpu@0";
    for (board.cpus = 0; board.cpus < 8; board.cpus++) {
        path[10] = (char)('0' + board.cpus);
        if (fdt_find_path(fdt, path) < 0)
            break;
    }
}

static void find_smp_and_power(const struct fdt *fdt)
{
    int node = fdt_find_compatible(fdt, -1, "arm,vexpress-sysreg");
    if (node >= 0) {
        uintptr_t sysreg = reg_address(fdt, node, 0, "the V2M system registers");
        board.smp = SMP_VEXPRESS_FLAGS;
        board.smp_mailbox = sysreg + 0x30;          /* SYS_FLAGSSET */
        board.smp_mailbox_clear = sysreg + 0x34;    /* SYS_FLAGSCLR */
        board.power = POWER_VEXPRESS_CFG;
        board.power_reg = sysreg;
        return;
    }
    node = fdt_find_compatible(fdt, -1, "samsung,exynos4210-sysram");
    if (node >= 0) {
        board.smp = SMP_EXYNOS_SYSRAM;
        board.smp_mailbox = reg_address(fdt, node, 0, "the sysram boot address");
    }
    node = fdt_find_compatible(fdt, -1, "samsung,exynos5250-pmu");
    if (node >= 0) {
        board.power = POWER_EXYNOS_PS_HOLD;
        board.power_reg = reg_address(fdt, node, 0, "the Exynos PMU");
    }
}

void board_discover(const struct fdt *fdt)
{
    int root = fdt_find_path(fdt, "/");
    board.model = fdt_prop_string(fdt, root, "model");
    board.compatible = fdt_prop_string(fdt, root, "compatible");
    if (board.model == NULL)
        board.model = "(no model)";
    if (board.compatible == NULL)
        board.compatible = "(no compatible)";
    find_memory(fdt);
    find_gic(fdt);
    find_timer(fdt);
    count_cpus(fdt);
    find_smp_and_power(fdt);
}
