/* linux_boot: the ARM Linux boot protocol as a raw image sees it (Documentation/arm/booting,
 * BOARDS.md §2.7, §2.8). Built as an ELF and, with objcopy, as a raw image; the raw image is
 * loaded 64 KiB into RAM and entered on CPU0 only, in Hyp mode, with r0 = 0, r1 = the machine
 * type (0x8E0 on vexpress) and r2 = the device tree's address, while CPU1 waits in the board's
 * boot code until it is released the way Linux and Xen release it on vexpress: SYS_FLAGSCLR,
 * SYS_FLAGSSET = entry, then an SGI to CPU1. Both QEMU and HypLab run it with 128 MiB of RAM and
 * the device tree `./hyplab dtb` writes (QEMU with -dtb), so r2 is the same on both. */
#include "../gic/gic.h"

#define SYS_FLAGSSET    0x1c010030u
#define SYS_FLAGSCLR    0x1c010034u

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

/* Where CPU1 starts once released: a stack, then C. */
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
    put_line("sys_flags", rd(SYS_FLAGSSET));

    wr(SYS_FLAGSCLR, 0xffffffff);
    wr(SYS_FLAGSSET, (uint32_t)secondary_entry);
    wr(GICD_CTLR, 1);
    wr(GICD_SGIR, 0x00020000);               /* SGI 0 to CPU1 */
    int arrived = 0;
    for (uint32_t i = 0; i < POLL_LIMIT && !arrived; i++)
        arrived = cpu1_arrived;
    puts("cpu1 started: ");
    puts(yes_no(arrived));
    puts("\n");
    put_line("cpu1 mpidr", cpu1_mpidr);
    put_line("cpu1 cpsr mode", cpu1_cpsr & 0x1f);
    put_line("cpu1 cpsr aif", cpu1_cpsr & 0x1c0);
    return 0;
}
