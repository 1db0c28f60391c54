/* regs.h: a guest's registers as entry.S saves them on a trap into Hyp mode and restores them
 * on the way back (the order of the push and of the two words after it). */
#ifndef REGS_H
#define REGS_H

#include "types.h"

struct cpu_regs {
    uint32_t r[13];     /* r0-r12 */
    uint32_t lr;        /* LR_usr: Hyp mode has no LR of its own (ARM ARM B1.3.2) */
    uint32_t pc;        /* ELR_hyp: where the guest continues */
    uint32_t cpsr;      /* SPSR_hyp: the guest's CPSR */
};

/* Processor modes, CPSR.M (ARM ARM B1.3.1). */
#define MODE_USR    0x10
#define MODE_FIQ    0x11
#define MODE_IRQ    0x12
#define MODE_SVC    0x13
#define MODE_ABT    0x17
#define MODE_UND    0x1b
#define MODE_SYS    0x1f

static inline uint32_t guest_mode(const struct cpu_regs *regs) { return regs->cpsr & 0x1f; }

/* Register n (0-15) as the guest's trapped instruction names it, in the mode the guest was in:
 * SP, LR and FIQ's r8-r12 are banked, and Hyp mode reaches the banked copies with MRS/MSR
 * (banked register) (ARM ARM B9.3.9, B9.3.12). Register 15 reads as the instruction's address
 * plus 8, as an A32 instruction sees it. */
uint32_t guest_reg(const struct cpu_regs *regs, uint32_t n);
void set_guest_reg(struct cpu_regs *regs, uint32_t n, uint32_t value);

/* The banked LR and SPSR of one of the guest's PL1 modes (FIQ, IRQ, SVC, Abort, Undefined),
 * whatever mode it is in now: what exception entry writes (ARM ARM B1.8.3), and inject.c with
 * it. LR of User and System mode is LR_usr, in the frame; they have no SPSR (writes ignored). */
void set_mode_lr(struct cpu_regs *regs, uint32_t mode, uint32_t value);
void set_mode_spsr(uint32_t mode, uint32_t value);

/* Loads 'regs' into the CPU and ERETs into the guest (entry.S). */
void return_to_guest(struct cpu_regs *regs) __attribute__((noreturn));

#endif
