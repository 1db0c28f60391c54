/* mmio.c: emulating a device access from its syndrome (ARM ARM B3.13.6, HSR.ISS for a data
 * abort): ISV says the syndrome describes the instruction; then SAS is the access size, SRT
 * the register, WnR the direction, and HPFAR with HDFAR's page offset the guest physical
 * address (B4.1.69). An access with ISV = 0 (LDM, LDRD, writeback forms) cannot be emulated
 * from the syndrome alone; the hypervisor would have to decode the instruction, which it does
 * not do yet, so the domain dies (as it does for SP, PC and FIQ mode's banked r8-r12). */
#include "mmio.h"
#include "console.h"
#include "domain.h"
#include "vpl011.h"

#define ISS_ISV     (1u << 24)
#define ISS_SAS(h)  (((h) >> 22) & 3)       /* 0 byte, 1 halfword, 2 word */
#define ISS_SRT(h)  (((h) >> 16) & 15)
#define ISS_WNR     (1u << 6)
#define HSR_IL      (1u << 25)              /* a 32-bit instruction */

static uint32_t faulting_ipa(void)
{
    uint32_t hpfar, hdfar;
    __asm__ volatile("mrc p15, 4, %0, c6, c0, 4" : "=r"(hpfar));    /* HPFAR: IPA[39:12] in [31:4] */
    __asm__ volatile("mrc p15, 4, %0, c6, c0, 0" : "=r"(hdfar));    /* HDFAR: the VA, for the offset */
    return (hpfar << 8 & 0xfffff000u) | (hdfar & 0xfffu);
}

#define MODE_FIQ    0x11
#define MODE_IRQ    0x12
#define MODE_SVC    0x13
#define MODE_ABT    0x17
#define MODE_UND    0x1b

/* The guest's LR as the trapped instruction names it: the LR of the mode it ran in. Only
 * User/System mode's LR is in the saved frame; the others are banked, and Hyp mode reaches
 * them with the banked-register forms of MRS/MSR (ARM ARM B9.3.9, B9.3.12). */
static uint32_t read_lr(const struct cpu_regs *regs)
{
    uint32_t v = regs->lr;
    switch (regs->cpsr & 0x1f) {
    case MODE_SVC: __asm__ volatile("mrs %0, lr_svc" : "=r"(v)); break;
    case MODE_ABT: __asm__ volatile("mrs %0, lr_abt" : "=r"(v)); break;
    case MODE_UND: __asm__ volatile("mrs %0, lr_und" : "=r"(v)); break;
    case MODE_IRQ: __asm__ volatile("mrs %0, lr_irq" : "=r"(v)); break;
    case MODE_FIQ: __asm__ volatile("mrs %0, lr_fiq" : "=r"(v)); break;
    }
    return v;
}

static void write_lr(struct cpu_regs *regs, uint32_t v)
{
    switch (regs->cpsr & 0x1f) {
    case MODE_SVC: __asm__ volatile("msr lr_svc, %0" :: "r"(v)); break;
    case MODE_ABT: __asm__ volatile("msr lr_abt, %0" :: "r"(v)); break;
    case MODE_UND: __asm__ volatile("msr lr_und, %0" :: "r"(v)); break;
    case MODE_IRQ: __asm__ volatile("msr lr_irq, %0" :: "r"(v)); break;
    case MODE_FIQ: __asm__ volatile("msr lr_fiq, %0" :: "r"(v)); break;
    default: regs->lr = v;
    }
}

void do_data_abort(struct cpu_regs *regs, uint32_t hsr)
{
    uint32_t ipa = faulting_ipa();
    bool in_uart = ipa - GUEST_PL011_BASE < GUEST_PL011_SIZE;
    if (!in_uart) {
        printk("d%u: data abort at guest address %08x (pc %08x): no memory or device there\n",
               current->id, ipa, regs->pc);
        domain_kill(current, "crashed");
        return;
    }
    uint32_t srt = ISS_SRT(hsr);
    bool fiq_banked = (regs->cpsr & 0x1f) == MODE_FIQ && srt >= 8 && srt <= 12;
    if (!(hsr & ISS_ISV) || srt == 13 || srt == 15 || fiq_banked) {
        printk("d%u: cannot emulate the access at %08x (pc %08x): HSR %08x gives no register\n",
               current->id, ipa, regs->pc, hsr);
        domain_kill(current, "crashed");
        return;
    }
    uint32_t offset = ipa - GUEST_PL011_BASE;
    if (hsr & ISS_WNR) {
        uint32_t mask = ISS_SAS(hsr) == 0 ? 0xff : ISS_SAS(hsr) == 1 ? 0xffff : 0xffffffffu;
        uint32_t value = srt == 14 ? read_lr(regs) : regs->r[srt];
        vpl011_write(current, offset, value & mask);
    } else {
        uint32_t value;
        vpl011_read(current, offset, &value);
        if (srt == 14)
            write_lr(regs, value);
        else
            regs->r[srt] = value;
    }
    regs->pc += hsr & HSR_IL ? 4 : 2;      /* continue after the emulated instruction */
}
