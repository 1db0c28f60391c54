/* guest_dt.c: the device tree of a domain, describing the virtual machine rather than the
 * board: its RAM, the GIC as the guest sees it (the emulated distributor and the GICV page at
 * Xen's addresses), the timer with the guest's PPIs, PSCI through HVC, and the vpl011. It is
 * the tree Xen 4.17 builds for a dom0less domU (XEN-ABI.md §5, §6.1), so a kernel written for
 * Xen finds the same machine here; and like Xen it goes at the top of the guest's RAM, in a
 * 2 MiB-aligned slot (kernel.c place_modules). */
#include "guest_dt.h"
#include "board.h"
#include "fdt_write.h"
#include "mm.h"
#include "vgic.h"
#include "vpl011.h"

#define GUEST_PHANDLE_GIC   65000u
#define GUEST_GNTTAB_BASE   0x38000000u     /* the grant-table window (XEN-ABI.md §5) */
#define GUEST_GNTTAB_SIZE   0x01000000u
#define DT_SLOT             (2u << 20)

/* A compatible list as one buffer: the strings with their NULs. */
#define STRS(s) s, sizeof(s)

uint32_t guest_dt_build(struct domain *d)
{
    /* At RAM + 128 MiB if the RAM reaches beyond that, else in the top 2 MiB (§6). */
    uint32_t ipa = d->ram_size >= (128u << 20) + DT_SLOT ? GUEST_RAM_BASE + (128u << 20)
                                                        : GUEST_RAM_BASE + d->ram_size - DT_SLOT;
    void *buf = (void *)(d->ram_pa + (ipa - GUEST_RAM_BASE));
    struct fdt_writer w;
    fdt_begin(&w, buf, DT_SLOT);

    fdt_begin_node(&w, "");
    fdt_prop_u32(&w, "#address-cells", 2);
    fdt_prop_u32(&w, "#size-cells", 2);

    fdt_begin_node(&w, "chosen");
    if (d->bootargs[0])
        fdt_prop_str(&w, "bootargs", d->bootargs);      /* the kernel module's, as Xen passes them */
    fdt_end_node(&w);

    /* PSCI 0.2 and 1.0 through HVC #0, with the 0.1 function IDs Xen also lists (§9). */
    fdt_begin_node(&w, "psci");
    fdt_prop_strs(&w, "compatible", STRS("arm,psci-1.0\0arm,psci-0.2\0arm,psci"));
    fdt_prop_str(&w, "method", "hvc");
    fdt_prop_u32(&w, "cpu_off", 1);
    fdt_prop_u32(&w, "cpu_on", 2);
    fdt_end_node(&w);

    fdt_begin_node(&w, "cpus");
    fdt_prop_u32(&w, "#address-cells", 1);
    fdt_prop_u32(&w, "#size-cells", 0);
    for (uint32_t i = 0; i < d->nr_vcpus; i++) {
        char name[8] = "cpu@0";
        name[4] = (char)('0' + i);
        fdt_begin_node(&w, name);
        fdt_prop_str(&w, "compatible", "arm,cortex-a15");
        fdt_prop_str(&w, "device_type", "cpu");
        fdt_prop_u32(&w, "reg", i);             /* its MPIDR's affinity: vCPU i */
        fdt_end_node(&w);
    }
    fdt_end_node(&w);

    fdt_begin_node(&w, "memory@40000000");
    fdt_prop_str(&w, "device_type", "memory");
    fdt_prop_cells(&w, "reg", (const uint32_t[]){ 0, GUEST_RAM_BASE, 0, d->ram_size }, 4);
    fdt_end_node(&w);

    fdt_begin_node(&w, "interrupt-controller@3001000");
    fdt_prop_str(&w, "compatible", "arm,gic-400");
    fdt_prop_u32(&w, "#interrupt-cells", 3);
    fdt_prop_u32(&w, "#address-cells", 0);
    fdt_prop_empty(&w, "interrupt-controller");
    fdt_prop_cells(&w, "reg", (const uint32_t[]){ 0, GUEST_GICD_BASE, 0, 0x1000, 0, GUEST_GICC_BASE, 0, 0x2000 }, 8);
    fdt_prop_u32(&w, "phandle", GUEST_PHANDLE_GIC);
    fdt_end_node(&w);

    /* Secure and non-secure physical, virtual: PPIs 13, 14, 11 (IDs 29, 30, 27). */
    fdt_begin_node(&w, "timer");
    fdt_prop_str(&w, "compatible", "arm,armv7-timer");
    fdt_prop_cells(&w, "interrupts", (const uint32_t[]){ 1, 13, 0xf08, 1, 14, 0xf08, 1, 11, 0xf08 }, 9);
    fdt_prop_u32(&w, "interrupt-parent", GUEST_PHANDLE_GIC);
    if (board.timer_frequency)
        fdt_prop_u32(&w, "clock-frequency", board.timer_frequency);
    fdt_end_node(&w);

    fdt_begin_node(&w, "sbsa-uart@22000000");
    fdt_prop_str(&w, "compatible", "arm,sbsa-uart");
    fdt_prop_cells(&w, "reg", (const uint32_t[]){ 0, GUEST_PL011_BASE, 0, GUEST_PL011_SIZE }, 4);
    fdt_prop_cells(&w, "interrupts", (const uint32_t[]){ 0, 0, 0xf04 }, 3);     /* SPI 0 = ID 32 */
    fdt_prop_u32(&w, "interrupt-parent", GUEST_PHANDLE_GIC);
    fdt_prop_u32(&w, "current-speed", 115200);
    fdt_end_node(&w);
    /* Xen's PV interfaces (xen,enhanced): where to map grant-table frames, and the event
     * channel upcall, PPI 15 = ID 31 (XEN-ABI.md §4, "DT"). */
    if (d->enhanced) {
        fdt_begin_node(&w, "hypervisor");
        fdt_prop_strs(&w, "compatible", STRS("xen,xen-4.17\0xen,xen"));
        fdt_prop_cells(&w, "reg", (const uint32_t[]){ 0, GUEST_GNTTAB_BASE, 0, GUEST_GNTTAB_SIZE }, 4);
        fdt_prop_cells(&w, "interrupts", (const uint32_t[]){ 1, 15, 0xf08 }, 3);
        fdt_prop_u32(&w, "interrupt-parent", GUEST_PHANDLE_GIC);
        fdt_end_node(&w);
    }

    fdt_end_node(&w);
    uint32_t size = fdt_finish(&w);
    if (size == 0)
        return 0;
    mm_clean_dcache((uintptr_t)buf, size);          /* the guest reads it with its caches off */
    return ipa;
}
