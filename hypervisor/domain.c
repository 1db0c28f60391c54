/* domain.c: building a domain and starting it. A domain gets 16 MiB of RAM at guest address
 * 0x40000000 (taken from the top of the machine's RAM), stage-2 tables that map exactly that,
 * and its kernel copied in where a zImage asks to be loaded. For now the domains run one after
 * another on CPU0; the scheduler (sched.c) will run them side by side. */
#include "domain.h"
#include "board.h"
#include "console.h"
#include "fdt.h"
#include "guest_dt.h"
#include "mm.h"
#include "power.h"

#define MAX_DOMAINS         4
#define ZIMAGE_MAGIC        0x016f2818u

/* HCR (B4.1.65), as Xen sets it for a guest (XEN-ABI.md §8.1), less what this hypervisor does
 * not handle yet: VM (stage 2 on), SWIO (set/way invalidate as clean+invalidate), FMO/IMO/AMO
 * (physical interrupts to Hyp mode, virtual ones to the guest), TSC (SMC traps). */
#define HCR_VM      (1u << 0)
#define HCR_SWIO    (1u << 1)
#define HCR_FMO     (1u << 3)
#define HCR_IMO     (1u << 4)
#define HCR_AMO     (1u << 5)
#define HCR_TSC     (1u << 19)
#define HCR_GUEST   (HCR_VM | HCR_SWIO | HCR_FMO | HCR_IMO | HCR_AMO | HCR_TSC)

/* A guest's reset SCTLR: MMU and caches off (Xen's SCTLR_GUEST_INIT, XEN-ABI.md §6). */
#define SCTLR_GUEST_INIT    0x00c50078u
/* Z | A | I | F | SVC: the CPSR a guest starts with (PSR_GUEST32_INIT). */
#define PSR_GUEST_INIT      0x400001d3u

struct domain *current;

static struct domain domains[MAX_DOMAINS];
static uint32_t nr_domains, next_to_run;
static uintptr_t ram_top;           /* guest RAM is handed out downwards from here */

static uint32_t le32(uintptr_t pa) { return *(volatile uint32_t *)pa; }

bool domain_create(struct domain *d, uint32_t id, uintptr_t kernel_pa, uint32_t kernel_size)
{
    memset(d, 0, sizeof(*d));
    d->id = id;
    d->kernel_pa = kernel_pa;
    d->kernel_size = kernel_size;
    if (kernel_size < 0x30 || le32(kernel_pa + 0x24) != ZIMAGE_MAGIC) {
        printk("d%u: the boot module at %08x is not a zImage\n", id, kernel_pa);
        return false;
    }
    if (ram_top == 0)
        ram_top = (uintptr_t)(board.ram_base + board.ram_size);
    ram_top -= GUEST_RAM_SIZE;
    d->ram_pa = ram_top;
    if (!p2m_init(&d->p2m, (uint8_t)id) || !p2m_map_ram(&d->p2m, GUEST_RAM_BASE, d->ram_pa, GUEST_RAM_SIZE)) {
        printk("d%u: no stage-2 tables left\n", id);
        return false;
    }
    printk("d%u: %u MiB of RAM at %08x, kernel from the boot module at %08x\n", id, GUEST_RAM_SIZE >> 20,
           d->ram_pa, kernel_pa);
    return true;
}

void domain_start(struct domain *d)
{
    /* A zImage is loaded at its 'start' (0x28), or at RAM + 0x8000 if that is 0 (§6). */
    uint32_t start = le32(d->kernel_pa + 0x28);
    if (start == 0)
        start = GUEST_RAM_BASE + 0x8000;
    if (start < GUEST_RAM_BASE || start - GUEST_RAM_BASE + d->kernel_size > GUEST_RAM_SIZE) {
        domain_kill(d, "its zImage asks to be loaded outside its RAM");
        schedule();
    }
    uintptr_t load = d->ram_pa + (start - GUEST_RAM_BASE);
    memcpy((void *)load, (const void *)d->kernel_pa, d->kernel_size);
    mm_clean_dcache(load, d->kernel_size);          /* the guest starts with its caches off */

    current = d;
    p2m_activate(&d->p2m);
    __asm__ volatile("mcr p15, 4, %0, c1, c1, 0" :: "r"(HCR_GUEST));          /* HCR */
    __asm__ volatile("mcr p15, 0, %0, c1, c0, 0" :: "r"(SCTLR_GUEST_INIT));   /* the guest's SCTLR */
    isb();

    /* The guest's first registers, on this stack: return_to_guest() makes this frame the top
     * of the stack, where the guest's traps will save their registers from now on. */
    struct cpu_regs regs;
    memset(&regs, 0, sizeof(regs));
    regs.r[1] = 0xffffffffu;            /* no machine type: the guest has a device tree (§6) */
    regs.r[2] = guest_dt_build(d);      /* its device tree (§6) */
    if (regs.r[2] == 0) {
        domain_kill(d, "its device tree does not fit");
        schedule();
    }
    regs.pc = start;
    regs.cpsr = PSR_GUEST_INIT;
    printk("d%u: starting at %08x\n", d->id, start);
    return_to_guest(&regs);
}

void domain_console_putc(struct domain *d, char c)
{
    if (c == '\n' || d->line_len == sizeof(d->line) - 1) {
        d->line[d->line_len] = 0;
        guest_printk(d->id, d->line);
        d->line_len = 0;
    }
    if (c >= 0x20 && c < 0x7f)          /* printable characters only, as Xen */
        d->line[d->line_len++] = c;
}

void domain_kill(struct domain *d, const char *why)
{
    d->dead = true;
    printk("d%u: %s\n", d->id, why);
}

void schedule(void)
{
    while (next_to_run < nr_domains) {
        struct domain *d = &domains[next_to_run++];
        domain_start(d);
    }
    printk("No domains left: powering off\n");
    power_off();
}

void domains_from_modules(const struct fdt *fdt)
{
    /* Each /chosen/module@ADDR with compatible "multiboot,module" is a guest kernel. */
    for (int node = fdt_find_compatible(fdt, -1, "multiboot,module"); node >= 0 && nr_domains < MAX_DOMAINS;
         node = fdt_find_compatible(fdt, node, "multiboot,module")) {
        uint64_t addr, size;
        if (!fdt_reg_local(fdt, node, 0, &addr, &size) || addr + size > 0xffffffffu) {
            printk("boot module %s: no usable reg\n", fdt_name(fdt, node));
            continue;
        }
        if (domain_create(&domains[nr_domains], nr_domains + 1, (uintptr_t)addr, (uint32_t)size))
            nr_domains++;
    }
}
