/* domain.c: building the domains the device tree describes, the way Xen 4.17 builds dom0less
 * guests (XEN-ABI.md §7): each /chosen node with compatible "xen,domain" is a domain, with its
 * memory (in KiB), its number of vCPUs, and a child "multiboot,kernel" module holding its
 * kernel. A boot module given without such a node (the plain `--module` of `./hyplab run`) is a
 * domain too, with the defaults. A domain gets its RAM at guest address 0x40000000, taken from
 * the top of the machine's RAM; stage-2 tables that map exactly that and the GIC's virtual CPU
 * interface; its kernel copied in; its own device tree; and its vCPU 0 ready to run. */
#include "domain.h"
#include "board.h"
#include "console.h"
#include "fdt.h"
#include "guest_dt.h"
#include "hypercall.h"
#include "mm.h"
#include "sched.h"
#include "vgic.h"

#define MAX_DOMAINS         P2M_MAX_DOMAINS
#define ZIMAGE_MAGIC        0x016f2818u
#define ELF_MAGIC           0x464c457fu     /* "\177ELF" */
#define BLOCK_2M            (2u << 20)

static struct domain domains[MAX_DOMAINS];
static uint32_t nr_domains;
static uintptr_t ram_top;                   /* guest RAM is handed out downwards from here */

/* Machine memory the domains' RAM must not cover: the hypervisor, the device tree and the
 * boot modules (kept, so that a domain can be rebooted from its kernel). */
#define MAX_RESERVED        (MAX_DOMAINS + 2)
static struct { uintptr_t start, end; } reserved[MAX_RESERVED];
static uint32_t nr_reserved;

static void reserve(uintptr_t start, uintptr_t end)
{
    if (nr_reserved < MAX_RESERVED) {
        reserved[nr_reserved].start = start;
        reserved[nr_reserved].end = end;
        nr_reserved++;
    }
}

static bool overlaps_reserved(uintptr_t start, uintptr_t end)
{
    for (uint32_t i = 0; i < nr_reserved; i++)
        if (start < reserved[i].end && reserved[i].start < end)
            return true;
    return false;
}

static uint32_t le32(uintptr_t pa) { return *(volatile uint32_t *)pa; }
static uint16_t le16(uintptr_t pa) { return *(volatile uint16_t *)pa; }

/* Copies the kernel into the domain's RAM and returns its entry point (a guest address), or 0
 * with the reason in 'why'. A zImage goes to its 'start' (0x28), or RAM + 0x8000 if that is 0
 * (XEN-ABI.md §6); an ELF's loadable segments go to their physical addresses. */
static uint32_t load_kernel(struct domain *d, const char **why)
{
    uintptr_t k = d->kernel_pa;
    uint32_t size = d->kernel_size;
    if (size >= 0x30 && le32(k + 0x24) == ZIMAGE_MAGIC) {
        uint32_t start = le32(k + 0x28);
        if (start == 0)
            start = GUEST_RAM_BASE + 0x8000;
        if (start < GUEST_RAM_BASE || start - GUEST_RAM_BASE + size > d->ram_size) {
            *why = "its zImage asks to be loaded outside its RAM";
            return 0;
        }
        uintptr_t load = d->ram_pa + (start - GUEST_RAM_BASE);
        memcpy((void *)load, (const void *)k, size);
        mm_clean_dcache(load, size);                /* the guest starts with its caches off */
        return start;
    }
    /* ELF (the ELF specification, "ELF header" and "Program header"): 32-bit, little-endian,
     * ARM (e_machine 40), each PT_LOAD segment copied and its tail (bss) zeroed. */
    if (size >= 52 && le32(k) == ELF_MAGIC) {
        if (*(volatile uint8_t *)(k + 4) != 1 || *(volatile uint8_t *)(k + 5) != 1 || le16(k + 18) != 40) {
            *why = "its ELF kernel is not 32-bit little-endian ARM";
            return 0;
        }
        uint32_t phoff = le32(k + 28), phentsize = le16(k + 42), phnum = le16(k + 44);
        if (phentsize < 32 || phoff > size || phnum > (size - phoff) / phentsize) {
            *why = "its ELF program headers lie outside the file";
            return 0;
        }
        for (uint32_t i = 0; i < phnum; i++) {
            uintptr_t ph = k + phoff + i * phentsize;
            if (le32(ph) != 1)                      /* PT_LOAD */
                continue;
            uint32_t offset = le32(ph + 4), paddr = le32(ph + 12), filesz = le32(ph + 16), memsz = le32(ph + 20);
            if (filesz > memsz || offset > size || filesz > size - offset || paddr < GUEST_RAM_BASE
                || memsz > d->ram_size || paddr - GUEST_RAM_BASE > d->ram_size - memsz) {
                *why = "an ELF segment lies outside its RAM or its file";
                return 0;
            }
            uintptr_t load = d->ram_pa + (paddr - GUEST_RAM_BASE);
            memcpy((void *)load, (const void *)(k + offset), filesz);
            memset((void *)(load + filesz), 0, memsz - filesz);
            mm_clean_dcache(load, memsz);
        }
        return le32(k + 24);                        /* e_entry */
    }
    *why = "its kernel is neither a zImage nor an ELF file";
    return 0;
}

/* Puts the domain in its boot state: kernel loaded, device tree written, vCPU 0 at the entry
 * with r0 = 0, r1 = ~0 (no machine type) and r2 = the tree (XEN-ABI.md §6), the others off. */
static bool domain_boot(struct domain *d)
{
    const char *why = NULL;
    uint32_t entry = load_kernel(d, &why);
    uint32_t dtb = entry ? guest_dt_build(d) : 0;
    if (entry && !dtb)
        why = "its device tree does not fit";
    if (why) {
        printk("d%u: %s\n", d->id, why);
        return false;
    }
    vgic_domain_init(d);
    d->cntvoff = now();                             /* its virtual time starts at 0 */
    for (uint32_t i = 0; i < d->nr_vcpus; i++) {
        vcpu_reset(&d->vcpu[i], entry);
        d->vcpu[i].state = VCPU_OFFLINE;
    }
    d->vcpu[0].regs.r[1] = 0xffffffffu;
    d->vcpu[0].regs.r[2] = dtb;
    d->line_len = 0;
    return true;
}

static bool domain_create(struct domain *d, uint32_t id, uintptr_t kernel_pa, uint32_t kernel_size,
                          uint32_t ram_size, uint32_t vcpus, bool enhanced, const char *bootargs)
{
    memset(d, 0, sizeof(*d));
    for (uint32_t i = 0; bootargs && bootargs[i] && i < sizeof(d->bootargs) - 1; i++)
        d->bootargs[i] = bootargs[i];
    d->id = id;
    d->kernel_pa = kernel_pa;
    d->kernel_size = kernel_size;
    d->ram_size = ram_size;
    d->nr_vcpus = vcpus;
    d->enhanced = enhanced;
    for (uint32_t i = 0; i < vcpus; i++) {
        d->vcpu[i].domain = d;
        d->vcpu[i].id = i;
    }
    if (ram_top == 0)
        ram_top = (uintptr_t)(board.ram_base + board.ram_size);
    if (ram_top - board.ram_base < ram_size || overlaps_reserved(ram_top - ram_size, ram_top)) {
        printk("d%u: no room for %u MiB of RAM below %08x\n", id, ram_size >> 20, ram_top);
        return false;
    }
    ram_top -= ram_size;
    d->ram_pa = ram_top;
    if (!p2m_init(&d->p2m, (uint8_t)id) || !p2m_map_ram(&d->p2m, GUEST_RAM_BASE, d->ram_pa, ram_size)
        || !p2m_map_page(&d->p2m, GUEST_GICC_BASE, board.gicv, P2M_DEVICE)
        || !p2m_map_page(&d->p2m, GUEST_GICC_BASE + 0x1000, board.gicv + 0x1000, P2M_DEVICE)) {
        printk("d%u: no stage-2 tables left\n", id);
        return false;
    }
    printk("d%u: %u MiB of RAM at %08x, %u vCPU%s, kernel from the boot module at %08x\n", id,
           ram_size >> 20, d->ram_pa, vcpus, vcpus == 1 ? "" : "s", kernel_pa);
    if (!domain_boot(d))
        return false;
    printk("d%u: kernel entry %08x, device tree at %08x\n", id, d->vcpu[0].regs.pc, d->vcpu[0].regs.r[2]);
    d->vcpu[0].state = VCPU_RUNNABLE;
    return true;
}

/* A boot module's reg, in the cells of the node it sits in; false (and says so) if unusable. */
static bool module_reg(const struct fdt *fdt, int node, uintptr_t *addr, uint32_t *size)
{
    uint64_t a, s;
    if (!fdt_reg_local(fdt, node, 0, &a, &s) || a + s > 0xffffffffu || s == 0) {
        printk("boot module %s: no usable reg\n", fdt_name(fdt, node));
        return false;
    }
    *addr = (uintptr_t)a;
    *size = (uint32_t)s;
    return true;
}

/* One /chosen/domU* node (XEN-ABI.md §7); Xen panics on the errors, this hypervisor skips the
 * domain and says why. */
static void domain_from_node(const struct fdt *fdt, int node)
{
    uint32_t hi, lo, vcpus;
    const char *name = fdt_name(fdt, node);
    if (!fdt_prop_cell(fdt, node, "memory", 0, &hi) || !fdt_prop_cell(fdt, node, "memory", 1, &lo)) {
        printk("%s: no 'memory' (two cells, in KiB)\n", name);
        return;
    }
    uint64_t bytes = ((uint64_t)hi << 32 | lo) << 10;
    if (bytes == 0 || bytes % BLOCK_2M || bytes > (512u << 20)) {
        printk("%s: memory must be a multiple of 2 MiB, at most 512 MiB\n", name);
        return;
    }
    if (!fdt_prop_cell(fdt, node, "cpus", 0, &vcpus) || vcpus == 0 || vcpus > MAX_VCPUS) {
        printk("%s: 'cpus' must be 1 to %u\n", name, MAX_VCPUS);
        return;
    }
    int kernel = fdt_find_compatible(fdt, node, "multiboot,kernel");
    while (kernel >= 0 && fdt_parent(fdt, kernel) != node)
        kernel = fdt_find_compatible(fdt, kernel, "multiboot,kernel");
    uintptr_t addr;
    uint32_t size;
    if (kernel < 0) {
        printk("%s: missing kernel boot module\n", name);
        return;
    }
    if (!module_reg(fdt, kernel, &addr, &size))
        return;
    bool enhanced = fdt_prop(fdt, node, "xen,enhanced", NULL) != NULL;
    struct domain *d = &domains[nr_domains];
    const char *bootargs = fdt_prop_string(fdt, kernel, "bootargs");
    if (domain_create(d, nr_domains + 1, addr, size, (uint32_t)bytes, vcpus, enhanced, bootargs))
        nr_domains++;
}

void domains_from_dt(const struct fdt *fdt, uintptr_t image_start, uintptr_t image_end)
{
    reserve(image_start, image_end);
    reserve((uintptr_t)fdt->blob, (uintptr_t)fdt->blob + fdt->size);
    int chosen = fdt_find_path(fdt, "/chosen");
    for (int m = fdt_find_compatible(fdt, -1, "multiboot,module"); m >= 0; m = fdt_find_compatible(fdt, m, "multiboot,module")) {
        uintptr_t addr;
        uint32_t size;
        if (module_reg(fdt, m, &addr, &size))
            reserve(addr, addr + size);
    }
    for (int node = fdt_find_compatible(fdt, -1, "xen,domain"); node >= 0 && nr_domains < MAX_DOMAINS;
         node = fdt_find_compatible(fdt, node, "xen,domain"))
        if (fdt_parent(fdt, node) == chosen)
            domain_from_node(fdt, node);
    /* Bare modules straight under /chosen: a domain each, with Xen's defaults but for RAM. */
    for (int m = fdt_find_compatible(fdt, -1, "multiboot,module"); m >= 0 && nr_domains < MAX_DOMAINS;
         m = fdt_find_compatible(fdt, m, "multiboot,module")) {
        uintptr_t addr;
        uint32_t size;
        if (fdt_parent(fdt, m) != chosen || !module_reg(fdt, m, &addr, &size))
            continue;
        if (domain_create(&domains[nr_domains], nr_domains + 1, addr, size, DEFAULT_RAM_SIZE, 1, true,
                          fdt_prop_string(fdt, m, "bootargs")))
            nr_domains++;
    }
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
    if (d->dead)
        return;
    d->dead = true;
    printk("d%u: %s\n", d->id, why);
    hypercall_domain_destroy(d);        /* its event channels, grants and shared pages */
    for (uint32_t i = 0; i < d->nr_vcpus; i++) {
        struct vcpu *v = &d->vcpu[i];
        bool elsewhere = v->state == VCPU_RUNNING && v->pcpu != this_cpu()->id;
        v->state = VCPU_DEAD;
        if (elsewhere)
            sched_notify_cpu(v->pcpu);  /* it stops at once, not at its next trap */
    }
}

void domain_reboot(struct domain *d)
{
    printk("d%u: rebooting\n", d->id);
    hypercall_domain_destroy(d);        /* the new kernel starts with no channels or grants */
    for (uint32_t i = 0; i < d->nr_vcpus; i++) {
        struct vcpu *v = &d->vcpu[i];
        if (v->state == VCPU_RUNNING && v->pcpu != this_cpu()->id)
            sched_notify_cpu(v->pcpu);
    }
    if (!domain_boot(d)) {
        domain_kill(d, "crashed: it cannot boot again");
        return;
    }
    d->vcpu[0].state = VCPU_OFFLINE;
    sched_wake(&d->vcpu[0]);
}

uint32_t domains_alive(void)
{
    uint32_t alive = 0;
    for (uint32_t i = 0; i < nr_domains; i++) {
        bool any = false;
        for (uint32_t n = 0; n < domains[i].nr_vcpus; n++)
            any |= domains[i].vcpu[n].state != VCPU_OFFLINE && domains[i].vcpu[n].state != VCPU_DEAD;
        alive += any;
    }
    return alive;
}

struct vcpu *vcpu_at(uint32_t index)
{
    for (uint32_t i = 0; i < nr_domains; i++) {
        if (index < domains[i].nr_vcpus)
            return &domains[i].vcpu[index];
        index -= domains[i].nr_vcpus;
    }
    return NULL;
}

struct domain *domain_by_id(uint32_t id)
{
    return id >= 1 && id <= nr_domains ? &domains[id - 1] : NULL;
}
