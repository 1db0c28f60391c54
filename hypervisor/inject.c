/* inject.c: giving the guest an exception of its own. When a guest does something the
 * hypervisor will not do for it (an access where its domain has nothing, an HVC that is not a
 * hypercall), Xen answers the way the guest's own hardware would: an Undefined Instruction or
 * an Abort exception, taken in the guest's Undefined or Abort mode at its own vector (XEN-ABI.md
 * §8.2, §8.3). The guest's handler runs, and the hypervisor is not involved any more.
 *
 * Hyp mode does by hand what exception entry does (ARM ARM B1.8.3, B1.9.2, B1.9.7, B1.9.8):
 *   SPSR_<mode> = the CPSR the guest had, LR_<mode> = the preferred return address plus the
 *   offset for that exception, CPSR.M = <mode>, I = 1 (A = 1 too for an abort), IT = 0, J = 0,
 *   T = SCTLR.TE, E = SCTLR.EE, and PC = the vector: 0xFFFF0000 if SCTLR.V (high vectors),
 *   else VBAR, plus 0x04 (undefined), 0x0C (prefetch abort) or 0x10 (data abort).
 * The new CPSR and PC go into the trap frame, which the ERET back to the guest loads; the
 * banked LR and SPSR are written in the CPU, where they stay until the guest runs. */
#include "inject.h"
#include "console.h"
#include "domain.h"

#define PSR_T       (1u << 5)
#define PSR_I       (1u << 7)
#define PSR_A       (1u << 8)
#define PSR_E       (1u << 9)
#define PSR_IT      (0x3fu << 10 | 3u << 25)
#define PSR_J       (1u << 24)

#define SCTLR_V     (1u << 13)              /* high vectors */
#define SCTLR_EE    (1u << 25)              /* exceptions taken big-endian */
#define SCTLR_TE    (1u << 30)              /* exceptions taken in Thumb state */
#define TTBCR_EAE   (1u << 31)              /* long-descriptor (LPAE) translation */

#define VECTOR_UNDEFINED        0x04
#define VECTOR_PREFETCH_ABORT   0x0c
#define VECTOR_DATA_ABORT       0x10

/* The fault status Xen 4.17 reports for every abort it injects ("a debug fault, best we can do
 * right now", xen/arch/arm/traps.c inject_abt32_exception): a debug event, FS = 0b00010 in the
 * short-descriptor format (ARM ARM B4.1.52, Table B3-23), or STATUS = 0b100010 with bit 9 (LPAE)
 * set when the guest's TTBCR.EAE selects the long-descriptor format (Table B3-24). A guest
 * reads the same DFSR/IFSR here as on Xen. */
#define FSR_SHORT_DEBUG     0x002u
#define FSR_LONG_DEBUG      (1u << 9 | 0x22u)

/* Reached from Hyp mode, these are the guest's own (Non-secure PL1) registers. */
static uint32_t read_sctlr(void) { uint32_t v; __asm__ volatile("mrc p15, 0, %0, c1, c0, 0" : "=r"(v)); return v; }
static uint32_t read_vbar(void)  { uint32_t v; __asm__ volatile("mrc p15, 0, %0, c12, c0, 0" : "=r"(v)); return v; }
static uint32_t read_ttbcr(void) { uint32_t v; __asm__ volatile("mrc p15, 0, %0, c2, c0, 2" : "=r"(v)); return v; }

/* Where the guest's exception vectors are (ARM ARM B1.8.1). */
static uint32_t vector_base(void)
{
    return read_sctlr() & SCTLR_V ? 0xffff0000u : read_vbar() & ~0x1fu;
}

/* Exception entry to 'mode' at 'vector', with LR_<mode> = 'lr'. */
static void enter(struct cpu_regs *regs, uint32_t mode, uint32_t vector, uint32_t lr)
{
    uint32_t sctlr = read_sctlr();
    uint32_t cpsr = regs->cpsr & ~(0x1fu | PSR_IT | PSR_J | PSR_T | PSR_E);
    cpsr |= mode | PSR_I;
    if (mode == MODE_ABT)
        cpsr |= PSR_A;                      /* F stays: only FIQ entry sets it */
    if (sctlr & SCTLR_TE)
        cpsr |= PSR_T;
    if (sctlr & SCTLR_EE)
        cpsr |= PSR_E;
    set_mode_spsr(mode, regs->cpsr);
    set_mode_lr(regs, mode, lr);
    regs->cpsr = cpsr;
    regs->pc = vector_base() + vector;
}

static bool thumb(const struct cpu_regs *regs) { return regs->cpsr & PSR_T; }

static uint32_t fault_status(void)
{
    return read_ttbcr() & TTBCR_EAE ? FSR_LONG_DEBUG : FSR_SHORT_DEBUG;
}

/* LR_und = the instruction + 4 (ARM) or + 2 (Thumb): a handler that returns with MOVS PC, LR
 * goes on after it (ARM ARM B1.8.3, the table of link values). */
void inject_undefined(struct cpu_regs *regs)
{
    enter(regs, MODE_UND, VECTOR_UNDEFINED, regs->pc + (thumb(regs) ? 2 : 4));
}

/* LR_abt = the instruction + 8 in both states; the handler returns to the instruction with
 * SUBS PC, LR, #8. (Xen 4.17 writes the instruction + 0 in ARM state, + 4 in Thumb state, so a
 * guest that returns through LR lands elsewhere there; HypLab follows the architecture.) */
void inject_data_abort(struct cpu_regs *regs, uint32_t va)
{
    __asm__ volatile("mcr p15, 0, %0, c6, c0, 0" :: "r"(va));                /* DFAR */
    __asm__ volatile("mcr p15, 0, %0, c5, c0, 0" :: "r"(fault_status()));    /* DFSR */
    enter(regs, MODE_ABT, VECTOR_DATA_ABORT, regs->pc + 8);
}

/* LR_abt = the instruction + 4 in both states (SUBS PC, LR, #4 retries it). */
void inject_prefetch_abort(struct cpu_regs *regs, uint32_t va)
{
    __asm__ volatile("mcr p15, 0, %0, c6, c0, 2" :: "r"(va));                /* IFAR */
    __asm__ volatile("mcr p15, 0, %0, c5, c0, 1" :: "r"(fault_status()));    /* IFSR */
    enter(regs, MODE_ABT, VECTOR_PREFETCH_ABORT, regs->pc + 4);
}

static const char *const vector_names[8] = {
    "a reset", "an undefined instruction", "a supervisor call", "a prefetch abort",
    "a data abort", "an exception", "an IRQ", "an FIQ",
};

/* Xen injects a prefetch abort for any stage-2 instruction abort. But when the fetch that
 * faulted was the guest's exception vector itself, the guest has no handler there: another
 * prefetch abort would send it to the vectors again, and fault again, for ever (Xen 4.17 does
 * loop, silently). HypLab stops the domain instead and says why: this is where it
 * deliberately differs from Xen. */
void do_instruction_abort(struct cpu_regs *regs)
{
    uint32_t va;
    __asm__ volatile("mrc p15, 4, %0, c6, c0, 2" : "=r"(va));               /* HIFAR */
    uint32_t offset = va - vector_base();
    if (offset < 0x20) {
        printk("d%u: took %s but has no exception vectors at %08x\n", current->id,
               vector_names[offset / 4], va);
        domain_kill(current, "crashed");
        return;
    }
    if (guest_fault_log())
        printk("d%u: instruction fetch at %08x, where there is nothing: prefetch abort injected\n",
               current->id, va);
    inject_prefetch_abort(regs, va);
}

/* A guest can fault as often as it likes; the console must stay readable. Xen rate-limits the
 * messages a guest causes (printk_ratelimit); HypLab, which has no clock to spare for it,
 * prints each domain's first FAULTS_LOGGED and then says it stops. */
#define FAULTS_LOGGED   10
#define DOMAIN_SLOTS    16                  /* ids from 16 up share the last count */

bool guest_fault_log(void)
{
    static uint32_t logged[DOMAIN_SLOTS];
    uint32_t *n = &logged[current->id < DOMAIN_SLOTS ? current->id : DOMAIN_SLOTS - 1];
    if (*n > FAULTS_LOGGED)
        return false;
    if (++*n <= FAULTS_LOGGED)
        return true;
    printk("d%u: more faults than that: not logged\n", current->id);
    return false;
}
