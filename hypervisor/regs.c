/* regs.c: reading and writing the guest's registers by number, the way an instruction names
 * them. r0-r12 and LR_usr are in the trap frame; the banked ones are still in the CPU while
 * the hypervisor handles the trap, and Hyp mode reaches them by name (ARM ARM B9.3.9). */
#include "regs.h"

#define BANKED_READ(reg, v)     __asm__ volatile("mrs %0, " reg : "=r"(v))
#define BANKED_WRITE(reg, v)    __asm__ volatile("msr " reg ", %0" :: "r"(v))

static uint32_t fiq_reg(uint32_t n)
{
    uint32_t v = 0;
    switch (n) {
    case 8:  BANKED_READ("r8_fiq", v); break;
    case 9:  BANKED_READ("r9_fiq", v); break;
    case 10: BANKED_READ("r10_fiq", v); break;
    case 11: BANKED_READ("r11_fiq", v); break;
    case 12: BANKED_READ("r12_fiq", v); break;
    }
    return v;
}

static void set_fiq_reg(uint32_t n, uint32_t v)
{
    switch (n) {
    case 8:  BANKED_WRITE("r8_fiq", v); break;
    case 9:  BANKED_WRITE("r9_fiq", v); break;
    case 10: BANKED_WRITE("r10_fiq", v); break;
    case 11: BANKED_WRITE("r11_fiq", v); break;
    case 12: BANKED_WRITE("r12_fiq", v); break;
    }
}

static uint32_t sp_of(uint32_t mode)
{
    uint32_t v;
    switch (mode) {
    case MODE_FIQ: BANKED_READ("sp_fiq", v); break;
    case MODE_IRQ: BANKED_READ("sp_irq", v); break;
    case MODE_SVC: BANKED_READ("sp_svc", v); break;
    case MODE_ABT: BANKED_READ("sp_abt", v); break;
    case MODE_UND: BANKED_READ("sp_und", v); break;
    default:       BANKED_READ("sp_usr", v); break;     /* User and System share SP */
    }
    return v;
}

static void set_sp_of(uint32_t mode, uint32_t v)
{
    switch (mode) {
    case MODE_FIQ: BANKED_WRITE("sp_fiq", v); break;
    case MODE_IRQ: BANKED_WRITE("sp_irq", v); break;
    case MODE_SVC: BANKED_WRITE("sp_svc", v); break;
    case MODE_ABT: BANKED_WRITE("sp_abt", v); break;
    case MODE_UND: BANKED_WRITE("sp_und", v); break;
    default:       BANKED_WRITE("sp_usr", v); break;
    }
}

static uint32_t lr_of(const struct cpu_regs *regs, uint32_t mode)
{
    uint32_t v;
    switch (mode) {
    case MODE_FIQ: BANKED_READ("lr_fiq", v); break;
    case MODE_IRQ: BANKED_READ("lr_irq", v); break;
    case MODE_SVC: BANKED_READ("lr_svc", v); break;
    case MODE_ABT: BANKED_READ("lr_abt", v); break;
    case MODE_UND: BANKED_READ("lr_und", v); break;
    default:       v = regs->lr; break;                 /* LR_usr is Hyp's LR: in the frame */
    }
    return v;
}

static void set_lr_of(struct cpu_regs *regs, uint32_t mode, uint32_t v)
{
    switch (mode) {
    case MODE_FIQ: BANKED_WRITE("lr_fiq", v); break;
    case MODE_IRQ: BANKED_WRITE("lr_irq", v); break;
    case MODE_SVC: BANKED_WRITE("lr_svc", v); break;
    case MODE_ABT: BANKED_WRITE("lr_abt", v); break;
    case MODE_UND: BANKED_WRITE("lr_und", v); break;
    default:       regs->lr = v; break;
    }
}

uint32_t guest_reg(const struct cpu_regs *regs, uint32_t n)
{
    uint32_t mode = guest_mode(regs);
    if (n < 8 || (n < 13 && mode != MODE_FIQ))
        return regs->r[n];
    if (n < 13)
        return fiq_reg(n);
    if (n == 13)
        return sp_of(mode);
    if (n == 14)
        return lr_of(regs, mode);
    return regs->pc + 8;
}

void set_guest_reg(struct cpu_regs *regs, uint32_t n, uint32_t value)
{
    uint32_t mode = guest_mode(regs);
    if (n < 8 || (n < 13 && mode != MODE_FIQ))
        regs->r[n] = value;
    else if (n < 13)
        set_fiq_reg(n, value);
    else if (n == 13)
        set_sp_of(mode, value);
    else if (n == 14)
        set_lr_of(regs, mode, value);
    else
        regs->pc = value;
}

void set_mode_lr(struct cpu_regs *regs, uint32_t mode, uint32_t value)
{
    set_lr_of(regs, mode, value);
}

void set_mode_spsr(uint32_t mode, uint32_t value)
{
    switch (mode) {
    case MODE_FIQ: BANKED_WRITE("spsr_fiq", value); break;
    case MODE_IRQ: BANKED_WRITE("spsr_irq", value); break;
    case MODE_SVC: BANKED_WRITE("spsr_svc", value); break;
    case MODE_ABT: BANKED_WRITE("spsr_abt", value); break;
    case MODE_UND: BANKED_WRITE("spsr_und", value); break;
    default:       break;                               /* User and System have no SPSR */
    }
}
