/* mmio.c: emulated devices. A guest's access to a page that stage 2 does not map is a data
 * abort taken to Hyp mode (HSR.EC 0x24). The hypervisor works out what the instruction wanted
 * (an mmio_access), finds the emulated device at that guest physical address, lets it do the
 * read or write, writes a loaded value into the guest's register and resumes the guest after
 * the instruction, which never knows it did not reach hardware.
 *
 * The syndrome usually describes the access (ARM ARM B3.13.6, HSR.ISS for a data abort): ISV
 * says it is valid; then SAS is the size, SSE sign extension, SRT the register and WnR the
 * direction. When it is not (LDRD, the writeback forms), decode.c reads the instruction.
 * HPFAR with HDFAR's page offset is the guest physical address (B4.1.69). */
#include "mmio.h"
#include "console.h"
#include "decode.h"
#include "domain.h"
#include "inject.h"
#include "vgic.h"
#include "vpl011.h"

#define ISS_ISV     (1u << 24)
#define ISS_SAS(h)  (((h) >> 22) & 3)       /* 0 byte, 1 halfword, 2 word */
#define ISS_SSE     (1u << 21)
#define ISS_SRT(h)  (((h) >> 16) & 15)
#define ISS_WNR     (1u << 6)
#define HSR_IL      (1u << 25)              /* a 32-bit instruction */

/* The devices a domain sees. Each handler answers false for an access the device does not
 * implement, and the guest then gets what Xen gives it (XEN-ABI.md §8.3). */
struct mmio_device {
    uint32_t base, size;
    bool (*read)(struct domain *d, uint32_t offset, uint32_t size, uint32_t *value);
    bool (*write)(struct domain *d, uint32_t offset, uint32_t size, uint32_t value);
};

static const struct mmio_device devices[] = {
    { GUEST_GICD_BASE, GUEST_GICD_SIZE, vgic_dist_read, vgic_dist_write },
    { GUEST_PL011_BASE, GUEST_PL011_SIZE, vpl011_read, vpl011_write },
};

static const struct mmio_device *device_at(uint32_t ipa)
{
    for (size_t i = 0; i < sizeof(devices) / sizeof(devices[0]); i++)
        if (ipa - devices[i].base < devices[i].size)
            return &devices[i];
    return NULL;
}

static uint32_t faulting_va(void)
{
    uint32_t hdfar;
    __asm__ volatile("mrc p15, 4, %0, c6, c0, 0" : "=r"(hdfar));    /* HDFAR: the guest's VA */
    return hdfar;
}

static uint32_t faulting_ipa(uint32_t va)
{
    uint32_t hpfar;
    __asm__ volatile("mrc p15, 4, %0, c6, c0, 4" : "=r"(hpfar));    /* HPFAR: IPA[39:12] in [31:4] */
    return (hpfar << 8 & 0xfffff000u) | (va & 0xfffu);              /* the VA gives the offset */
}

/* The access as the syndrome describes it; false if it does not (ISV = 0: LDM, LDRD, the
 * writeback forms), or names a banked register: then the instruction is decoded instead. */
static bool access_from_syndrome(const struct cpu_regs *regs, uint32_t hsr, struct mmio_access *a)
{
    if (!(hsr & ISS_ISV))
        return false;
    a->rt = ISS_SRT(hsr);
    if (a->rt == 13 || a->rt == 15 || (guest_mode(regs) == MODE_FIQ && a->rt >= 8 && a->rt <= 12))
        return false;                       /* SP and FIQ's r8-r12 are banked; PC gives ISV = 0 */
    a->size = 1u << ISS_SAS(hsr);
    a->write = hsr & ISS_WNR;
    a->sign_extend = hsr & ISS_SSE;
    a->pair = false;
    a->length = hsr & HSR_IL ? 4 : 2;
    a->writeback = false;
    return true;
}

/* The guest touched a guest physical address with nothing behind it, or a register the device
 * does not implement: as Xen does, the guest takes a data abort of its own (inject.c), with
 * DFAR the virtual address its instruction used (HDFAR), and the instruction does not complete. */
static void bad_access(struct cpu_regs *regs, uint32_t ipa, const char *what)
{
    uint32_t va;
    __asm__ volatile("mrc p15, 4, %0, c6, c0, 0" : "=r"(va));     /* HDFAR */
    if (guest_fault_log())
        printk("d%u: guest address %08x (pc %08x): %s: data abort injected\n", current->id, ipa, regs->pc, what);
    inject_data_abort(regs, va);
}

void do_data_abort(struct cpu_regs *regs, uint32_t hsr)
{
    uint32_t va = faulting_va(), ipa = faulting_ipa(va);
    const struct mmio_device *dev = device_at(ipa);
    if (dev == NULL) {
        bad_access(regs, ipa, "no memory or device there");
        return;
    }
    /* The syndrome describes the access, or the instruction itself must be decoded. */
    struct mmio_access a;
    const char *why = NULL;
    if (!access_from_syndrome(regs, hsr, &a) && (why = decode_access(regs, hsr, va, &a)) != NULL) {
        /* Xen too gives up on an instruction it cannot decode, with a data abort (io.c). */
        if (guest_fault_log())
            printk("d%u: cannot emulate the access at %08x (pc %08x): %s\n", current->id, ipa, regs->pc, why);
        inject_data_abort(regs, va);
        return;
    }
    /* One access, or two for LDRD and STRD (the second word is on the same page: decode.c).
     * Loaded values reach the registers only once every read has succeeded. */
    uint32_t offset = ipa - dev->base;
    uint32_t mask = a.size == 4 ? 0xffffffffu : (1u << (8 * a.size)) - 1;
    uint32_t rt[2] = { a.rt, a.rt2 }, value[2];
    uint32_t n = a.pair ? 2 : 1;
    for (uint32_t i = 0; i < n; i++) {
        bool done = a.write ? dev->write(current, offset + 4 * i, a.size, guest_reg(regs, rt[i]) & mask)
                            : dev->read(current, offset + 4 * i, a.size, &value[i]);
        if (!done) {
            bad_access(regs, ipa + 4 * i, "the device has no such register");
            return;
        }
    }
    for (uint32_t i = 0; i < n && !a.write; i++) {
        value[i] &= mask;
        if (a.sign_extend && a.size < 4 && (value[i] >> (8 * a.size - 1)) & 1)
            value[i] |= ~mask;              /* LDRSB, LDRSH */
        set_guest_reg(regs, rt[i], value[i]);
    }
    if (a.writeback)
        set_guest_reg(regs, a.rn, a.rn_value);  /* pre- and post-indexed forms: the new base */
    regs->pc += a.length;                   /* continue after the emulated instruction */
}
