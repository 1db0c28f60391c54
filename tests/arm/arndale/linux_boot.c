/* linux_boot: the ARM Linux boot protocol on the Arndale, as a raw image (ArndaleProgramsIT
 * boots linux_boot.bin, not the ELF). The image is loaded 64 KiB into RAM (0x40010000) and
 * entered on CPU0 only, in Hyp mode, with r0 = 0, r1 = 0xFFFFFFFF (no machine type: a DT-only
 * board, Documentation/arm/booting) and r2 = the device tree, placed half-way into RAM (at most
 * 128 MiB in) as QEMU places it: 0x48000000 with the 1 GiB the test gives. CPU1 waits in the
 * board's boot code (the iROM at 0) for an address in sysram; it is released the way Linux's
 * exynos_boot_secondary does it (BOARDS.md §3.6): the entry address into sysram at 0x02020000,
 * then an SGI. */
#include "arndale.h"

#define SYSRAM_BOOT_ADDR    0x02020000u
#define PMU_CORE1_STATUS    0x10042084u

static volatile uint32_t cpu1_mpidr, cpu1_cpsr, cpu1_arrived;
static volatile uint32_t cpu1_stack[256];

static inline uint32_t be32(uint32_t addr)
{
    uint32_t v = rd(addr);
    return (v >> 24) | ((v >> 8) & 0xff00) | ((v << 8) & 0xff0000) | (v << 24);
}

void secondary_c(void)
{
    uint32_t mpidr, cpsr;
    __asm__ volatile("mrc p15, 0, %0, c0, c0, 5" : "=r"(mpidr));
    __asm__ volatile("mrs %0, cpsr" : "=r"(cpsr));
    cpu1_mpidr = mpidr;
    cpu1_cpsr = cpsr;
    __asm__ volatile("dmb" : : : "memory");
    cpu1_arrived = 1;
    for (;;)
        __asm__ volatile("wfi");
}

__asm__(
"    .pushsection .text\n"
"    .global secondary_entry\n"
"secondary_entry:\n"
"    ldr sp, =cpu1_stack + 1024\n"
"    bl secondary_c\n"
"    .popsection\n"
);
extern char secondary_entry[];

int main(void)
{
    uint32_t cpsr;
    __asm__ volatile("mrs %0, cpsr" : "=r"(cpsr));
    put_line("r0", boot_regs[0]);
    put_line("r1", boot_regs[1]);
    put_line("r2", boot_regs[2]);
    put_line("cpsr mode", cpsr & 0x1f);
    uint32_t dtb = boot_regs[2];
    if (dtb) {
        put_line("dtb magic", be32(dtb));
        put_line("dtb version", be32(dtb + 20));
    }
    put_line("sysram", rd(SYSRAM_BOOT_ADDR));
    put_line("core1 status", rd(PMU_CORE1_STATUS) & 3);

    wr(SYSRAM_BOOT_ADDR, (uint32_t)secondary_entry);
    wr(GICD_CTLR, 1);
    wr(GICD_SGIR, 0x00020000);               /* SGI 0 to CPU1 */
    int arrived = 0;
    for (uint32_t i = 0; i < 50000000u && !arrived; i++)
        arrived = cpu1_arrived;
    puts("cpu1 started: ");
    puts(yes_no(arrived));
    puts("\n");
    put_line("cpu1 mpidr", cpu1_mpidr);
    put_line("cpu1 cpsr mode", cpu1_cpsr & 0x1f);
    return 0;
}
