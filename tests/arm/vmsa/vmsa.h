/* vmsa.h: what the vmsa/ programs share: named CP15 registers, vector tables for PL1 and Hyp
 * mode that record every exception and resume after it, a way for the "hypervisor" (Hyp mode)
 * to run a "guest" function at PL1 or PL0 and get control back, and a way to run a function
 * in User mode from SVC. Each program is one translation unit that includes this once.
 *
 * Resuming after an exception (so that one test can provoke many):
 *   - synchronous traps, undefined instructions, data aborts: at the next instruction (every
 *     instruction the tests provoke with is a 32-bit ARM one);
 *   - SVC and HVC: where the exception returns to anyway (the next instruction);
 *   - prefetch aborts: the tests only branch into code that may abort with BLX, so they resume
 *     at the caller's LR (of the mode that was running);
 *   - IRQ, FIQ, asynchronous (virtual) aborts: at the interrupted instruction, with the
 *     exception masked in the returned CPSR so that it is not taken again at once. */
#ifndef VMSA_H
#define VMSA_H

#include "runtime.h"

/* ---- CP15 registers by name (ARM ARM B4.1; BOARDS.md §4.2) --------------------------------- */
/* 32-bit registers: coprocessor, opc1, CRn, CRm, opc2. */
#define MIDR        p15, 0, c0, c0, 0
#define MPIDR       p15, 0, c0, c0, 5
#define SCTLR       p15, 0, c1, c0, 0
#define ACTLR       p15, 0, c1, c0, 1
#define CPACR       p15, 0, c1, c0, 2
#define TTBR0       p15, 0, c2, c0, 0
#define TTBR1       p15, 0, c2, c0, 1
#define TTBCR       p15, 0, c2, c0, 2
#define DACR        p15, 0, c3, c0, 0
#define DFSR        p15, 0, c5, c0, 0
#define IFSR        p15, 0, c5, c0, 1
#define DFAR        p15, 0, c6, c0, 0
#define IFAR        p15, 0, c6, c0, 2
#define PAR         p15, 0, c7, c4, 0
#define ATS1CPR     p15, 0, c7, c8, 0
#define ATS1CPW     p15, 0, c7, c8, 1
#define ATS1CUR     p15, 0, c7, c8, 2
#define ATS1CUW     p15, 0, c7, c8, 3
#define ATS12NSOPR  p15, 0, c7, c8, 4
#define ATS12NSOPW  p15, 0, c7, c8, 5
#define ATS12NSOUR  p15, 0, c7, c8, 6
#define ATS12NSOUW  p15, 0, c7, c8, 7
#define ICIALLU     p15, 0, c7, c5, 0
#define BPIALL      p15, 0, c7, c5, 6
#define TLBIALL     p15, 0, c8, c7, 0
#define TLBIMVA     p15, 0, c8, c7, 1
#define TLBIASID    p15, 0, c8, c7, 2
#define TLBIMVAA    p15, 0, c8, c7, 3
#define PRRR        p15, 0, c10, c2, 0
#define NMRR        p15, 0, c10, c2, 1
#define MAIR0       p15, 0, c10, c2, 0
#define MAIR1       p15, 0, c10, c2, 1
#define VBAR        p15, 0, c12, c0, 0
#define CONTEXTIDR  p15, 0, c13, c0, 1
#define CNTFRQ      p15, 0, c14, c0, 0
#define CNTKCTL     p15, 0, c14, c1, 0
#define CNTP_TVAL   p15, 0, c14, c2, 0
#define CNTP_CTL    p15, 0, c14, c2, 1
#define CNTV_TVAL   p15, 0, c14, c3, 0
#define CNTV_CTL    p15, 0, c14, c3, 1
/* Hyp-mode registers (opc1 = 4). */
#define VPIDR       p15, 4, c0, c0, 0
#define VMPIDR      p15, 4, c0, c0, 5
#define HSCTLR      p15, 4, c1, c0, 0
#define HCR         p15, 4, c1, c1, 0
#define HDCR        p15, 4, c1, c1, 1
#define HCPTR       p15, 4, c1, c1, 2
#define HSTR        p15, 4, c1, c1, 3
#define HTCR        p15, 4, c2, c0, 2
#define VTCR        p15, 4, c2, c1, 2
#define HSR         p15, 4, c5, c2, 0
#define HDFAR       p15, 4, c6, c0, 0
#define HIFAR       p15, 4, c6, c0, 2
#define HPFAR       p15, 4, c6, c0, 4
#define ATS1HR      p15, 4, c7, c8, 0
#define ATS1HW      p15, 4, c7, c8, 1
#define TLBIALLH    p15, 4, c8, c7, 0
#define TLBIMVAH    p15, 4, c8, c7, 1
#define TLBIALLNSNH p15, 4, c8, c7, 4
#define HMAIR0      p15, 4, c10, c2, 0
#define HMAIR1      p15, 4, c10, c2, 1
#define HVBAR       p15, 4, c12, c0, 0
#define CNTHCTL     p15, 4, c14, c1, 0
#define CNTHP_TVAL  p15, 4, c14, c2, 0
#define CNTHP_CTL   p15, 4, c14, c2, 1
/* 64-bit registers (MRRC/MCRR): coprocessor, opc1, CRm. */
#define TTBR0_64    p15, 0, c2
#define TTBR1_64    p15, 1, c2
#define HTTBR       p15, 4, c2
#define VTTBR       p15, 6, c2
#define PAR_64      p15, 0, c7
#define CNTPCT      p15, 0, c14
#define CNTVCT      p15, 1, c14
#define CNTP_CVAL   p15, 2, c14
#define CNTV_CVAL   p15, 3, c14
#define CNTVOFF     p15, 4, c14
#define CNTHP_CVAL  p15, 6, c14

/* cp_read(SCTLR), cp_write(SCTLR, v), cp_read64(TTBR0_64), cp_write64(TTBR0_64, v): the extra
 * level lets the register name expand into its fields first. */
#define cp_read(...)        cp_read_(__VA_ARGS__)
#define cp_write(...)       cp_write_(__VA_ARGS__)
#define cp_read64(...)      cp_read64_(__VA_ARGS__)
#define cp_write64(...)     cp_write64_(__VA_ARGS__)
#define cp_read_(cp, o1, n, m, o2) ({ uint32_t v_; \
        __asm__ volatile("mrc " #cp ", " #o1 ", %0, " #n ", " #m ", " #o2 : "=r"(v_) : : "memory"); v_; })
#define cp_write_(cp, o1, n, m, o2, v) \
        __asm__ volatile("mcr " #cp ", " #o1 ", %0, " #n ", " #m ", " #o2 : : "r"((uint32_t)(v)) : "memory")
#define cp_read64_(cp, o1, m) ({ uint64_t v_; \
        __asm__ volatile("mrrc " #cp ", " #o1 ", %Q0, %R0, " #m : "=r"(v_) : : "memory"); v_; })
#define cp_write64_(cp, o1, m, v) \
        __asm__ volatile("mcrr " #cp ", " #o1 ", %Q0, %R0, " #m : : "r"((uint64_t)(v)) : "memory")

static inline void isb(void) { __asm__ volatile("isb" : : : "memory"); }
static inline void dsb(void) { __asm__ volatile("dsb" : : : "memory"); }

/* CPSR mode values with A, I and F masked. */
#define MODE_USR    0x1d0
#define MODE_SVC    0x1d3

/* HSR fields (ARM ARM B3.13.6). */
#define HSR_EC(hsr)     ((hsr) >> 26)

/* ---- Exception records -------------------------------------------------------------------- */
/* What the last exception saw; 'count' says how many were taken since the test cleared it. */
struct trap {
    uint32_t count;
    uint32_t vector;    /* offset in the table that took it */
    uint32_t pc;        /* preferred return address (ELR_hyp, or the PL1 LR less its offset) */
    uint32_t spsr;
    uint32_t dfsr, dfar, ifsr, ifar;            /* PL1 */
    uint32_t hsr, hdfar, hifar, hpfar;          /* Hyp */
};
volatile struct trap pl1_seen, hyp_seen;

/* Registers as the entry code saves them, lowest address first; the handlers may change pc and
 * spsr, which the exception return then uses. */
struct frame {
    uint32_t spsr;
    uint32_t r[13];
    uint32_t r14;       /* PL1: the exception mode's LR; Hyp: LR_usr (Hyp mode shares it) */
    uint32_t pc;
};

static inline void clear_traps(void)
{
    pl1_seen.count = hyp_seen.count = 0;
}

static inline uint32_t banked_lr_svc(void)
{
    uint32_t lr;
    __asm__ volatile("mrs %0, lr_svc" : "=r"(lr));
    return lr;
}

static inline uint32_t banked_lr_usr(void)
{
    uint32_t lr;
    __asm__ volatile("mrs %0, lr_usr" : "=r"(lr));
    return lr;
}

/* The short-descriptor (and LPAE) fault statuses of asynchronous external aborts, the only
 * asynchronous aborts the tests see (virtual aborts, HCR.VA; ARM ARM B3.13, DFSR). */
static inline int async_abort(uint32_t fsr)
{
    return (fsr & (1u << 9)) ? (fsr & 0x3f) == 0x11 : (fsr & 0x40f) == 0x406;
}

/* ---- PL1 vector table (VBAR) --------------------------------------------------------------- */
__asm__(
"    .pushsection .text\n"
"    .align 5\n"
"    .global pl1_vectors\n"
"pl1_vectors:\n"
"    b .\n    b pl1_und\n    b pl1_svc\n    b pl1_pabt\n    b pl1_dabt\n    b .\n    b pl1_irq\n    b pl1_fiq\n"
/* Entry: lr = preferred return address; save the frame; call pl1_trap(vector, frame). */
"    .macro pl1_entry vec, adjust\n"
"    sub lr, lr, #\\adjust\n"
"    push {lr}\n"
"    push {r0-r12, lr}\n"
"    mrs r0, spsr\n"
"    push {r0}\n"
"    mov r0, #\\vec\n"
"    mov r1, sp\n"
"    bl pl1_trap\n"
"    pop {r0}\n"
"    msr spsr_cxsf, r0\n"
"    pop {r0-r12, lr}\n"
"    pop {lr}\n"
"    movs pc, lr\n"
"    .endm\n"
"pl1_und:  pl1_entry 0x04, 4\n"
/* SVC: the two trampolines that end a User-mode function come here first. */
"pl1_svc:\n"
"    push {r12}\n"
"    ldr r12, =guest_exit_usr + 4\n"
"    cmp lr, r12\n"
"    pop {r12}\n"
"    beq guest_exit_svc\n"               /* a guest entered in User mode returns to Hyp */
"    push {r12}\n"
"    ldr r12, =usr_return + 4\n"
"    cmp lr, r12\n"
"    pop {r12}\n"
"    beq usr_resume\n"                   /* run_as_usr's function returned */
"    pl1_entry 0x08, 4\n"
"pl1_pabt: pl1_entry 0x0c, 4\n"
"pl1_dabt: pl1_entry 0x10, 8\n"
"pl1_irq:  pl1_entry 0x18, 4\n"
"pl1_fiq:  pl1_entry 0x1c, 4\n"
"    .ltorg\n"

/* run_as_usr(fn, arg), called in SVC mode: fn(arg) in User mode (A, I, F masked) on its own
 * stack; returns what fn returned. fn returns to usr_return, whose SVC comes back here. */
"    .global run_as_usr\n"
"run_as_usr:\n"
"    push {r4-r11, lr}\n"
"    mov r2, r0\n"
"    mov r0, r1\n"
"    ldr r3, =usr_return\n"
"    msr lr_usr, r3\n"
"    ldr r3, =__stack_usr\n"
"    msr sp_usr, r3\n"
"    mov r3, #0x1d0\n"
"    msr spsr_cxsf, r3\n"
"    movs pc, r2\n"
"usr_return:\n"
"    svc #0xff\n"
"usr_resume:\n"
"    pop {r4-r11, pc}\n"
"    .ltorg\n"
"    .popsection\n"
);

void pl1_trap(uint32_t vector, struct frame *f)
{
    uint32_t dfsr = cp_read(DFSR);
    pl1_seen.count++;
    pl1_seen.vector = vector;
    pl1_seen.pc = f->pc;
    pl1_seen.spsr = f->spsr;
    pl1_seen.dfsr = dfsr;
    pl1_seen.dfar = cp_read(DFAR);
    pl1_seen.ifsr = cp_read(IFSR);
    pl1_seen.ifar = cp_read(IFAR);
    switch (vector) {
    case 0x04:                  /* undefined: skip the instruction */
    case 0x08:                  /* SVC: LR was the next instruction, the entry took 4 off */
        f->pc += 4;
        break;
    case 0x0c:                  /* prefetch abort: back to whoever branched there */
        f->pc = (f->spsr & 0x1f) == 0x13 ? banked_lr_svc() : banked_lr_usr();
        break;
    case 0x10:
        if (async_abort(dfsr))
            f->spsr |= 1u << 8;     /* CPSR.A: resume where it was taken, masked */
        else
            f->pc += 4;             /* skip the faulting load or store */
        break;
    case 0x18:
        f->spsr |= 1u << 7;         /* CPSR.I */
        break;
    case 0x1c:
        f->spsr |= 1u << 6;         /* CPSR.F */
        break;
    }
}

/* ---- Hyp vector table (HVBAR) -------------------------------------------------------------- */
__asm__(
"    .pushsection .text\n"
"    .align 5\n"
"    .global hyp_vectors\n"
"hyp_vectors:\n"
"    b .\n    b hyp_und\n    b hyp_hvc\n    b hyp_pabt\n    b hyp_dabt\n    b hyp_htrap\n    b hyp_irq\n    b hyp_fiq\n"
"    .macro hyp_entry vec\n"
"    sub sp, sp, #4\n"
"    push {r0-r12, lr}\n"
"    mrs r0, elr_hyp\n"
"    str r0, [sp, #56]\n"
"    mrs r0, spsr\n"
"    push {r0}\n"
"    mov r0, #\\vec\n"
"    b hyp_common\n"
"    .endm\n"
"hyp_und:   hyp_entry 0x04\n"
"hyp_hvc:   hyp_entry 0x08\n"
"hyp_pabt:  hyp_entry 0x0c\n"
"hyp_dabt:  hyp_entry 0x10\n"
"hyp_htrap: hyp_entry 0x14\n"
"hyp_irq:   hyp_entry 0x18\n"
"hyp_fiq:   hyp_entry 0x1c\n"
"hyp_common:\n"
"    mov r1, sp\n"
"    bl hyp_trap\n"
"    cmp r0, #0\n"
"    bne hyp_guest_exit\n"
"    pop {r0}\n"
"    msr spsr_cxsf, r0\n"
"    ldr r0, [sp, #56]\n"
"    msr elr_hyp, r0\n"
"    pop {r0-r12, lr}\n"
"    add sp, sp, #4\n"
"    eret\n"
/* The guest is done: back to enter_guest's caller with the guest's r0. */
"hyp_guest_exit:\n"
"    ldr r0, [sp, #4]\n"
"    ldr r1, =hyp_saved_sp\n"
"    ldr sp, [r1]\n"
"    pop {r4-r11, pc}\n"

/* enter_guest(fn, arg, cpsr), called in Hyp mode: runs fn(arg) in the mode cpsr gives (SVC or
 * User), every PL1 mode on a fresh stack, under the HCR etc. the caller set; returns fn's
 * result once fn returns (to guest_exit_*). */
"    .global enter_guest\n"
"enter_guest:\n"
"    push {r4-r11, lr}\n"
"    ldr r3, =hyp_saved_sp\n"
"    str sp, [r3]\n"
"    msr elr_hyp, r0\n"
"    msr spsr_cxsf, r2\n"
"    ldr r3, =__stack_svc\n    msr sp_svc, r3\n"
"    ldr r3, =__stack_abt\n    msr sp_abt, r3\n"
"    ldr r3, =__stack_und\n    msr sp_und, r3\n"
"    ldr r3, =__stack_irq\n    msr sp_irq, r3\n"
"    ldr r3, =guest_fiq_stack + 1024\n    msr sp_fiq, r3\n"
"    ldr r3, =__stack_usr\n    msr sp_usr, r3\n"
"    ldr r3, =guest_exit_svc\n    msr lr_svc, r3\n"
"    ldr lr, =guest_exit_usr\n"          /* Hyp mode's LR is LR_usr */
"    mov r0, r1\n"
"    eret\n"
"    .global guest_exit_svc\n"
"guest_exit_svc:\n"
"    hvc #0xffff\n"
"guest_exit_usr:\n"
"    svc #0xff\n"
"    .ltorg\n"
"    .popsection\n"
);
uint32_t hyp_saved_sp;
uint8_t guest_fiq_stack[1024] __attribute__((aligned(8)));
extern char pl1_vectors[], hyp_vectors[], guest_exit_usr[];
uint32_t enter_guest(void *fn, uint32_t arg, uint32_t cpsr);
uint32_t run_as_usr(void *fn, uint32_t arg);

uint32_t hyp_trap(uint32_t vector, struct frame *f)
{
    uint32_t hsr = cp_read(HSR);
    uint32_t ec = HSR_EC(hsr);
    if (vector == 0x14 && ec == 0x12 && (hsr & 0xffff) == 0xffff)
        return 1;                                   /* hvc #0xffff: guest_exit_svc */
    if (vector == 0x14 && ec == 0x11 && f->pc == (uint32_t)guest_exit_usr + 4)
        return 1;                                   /* User-mode guest returned (HCR.TGE) */
    hyp_seen.count++;
    hyp_seen.vector = vector;
    hyp_seen.pc = f->pc;
    hyp_seen.spsr = f->spsr;
    hyp_seen.hsr = vector >= 0x18 ? 0 : hsr;        /* IRQ and FIQ do not write the HSR */
    hyp_seen.hdfar = cp_read(HDFAR);
    hyp_seen.hifar = cp_read(HIFAR);
    hyp_seen.hpfar = cp_read(HPFAR);
    if (vector >= 0x18)
        return 0;
    if (vector == 0x0c)                             /* prefetch abort in Hyp mode */
        f->pc = f->r14;
    else if (vector == 0x14 && ec == 0x20)          /* guest prefetch abort */
        f->pc = (f->spsr & 0x1f) == 0x13 ? banked_lr_svc() : f->r14;
    else if (!(vector == 0x08 || ec == 0x11 || ec == 0x12))
        f->pc += 4;                                 /* skip the trapped instruction */
    return 0;
}

/* ---- Printing ----------------------------------------------------------------------------- */
static inline void put_field(const char *name, uint32_t value)
{
    puts(" ");
    puts(name);
    puts("=");
    put_hex(value);
}

/* "+N" / "-N": an address relative to another, in bytes. */
static inline void put_offset(const char *name, uint32_t addr, uint32_t base)
{
    puts(" ");
    puts(name);
    puts("=");
    int32_t d = (int32_t)(addr - base);
    if (d >= 0)
        puts("+");
    put_dec(d);
}

static inline const char *yes_no(int b)
{
    return b ? "yes" : "no";
}

/* ---- Accesses that may abort ------------------------------------------------------------- */
enum access { READ, WRITE, UREAD, UWRITE };
static const char *const access_name[] = { "pl1 read", "pl1 write", "pl0 read", "pl0 write" };

/* One word access: LDR/STR, or LDRT/STRT for an unprivileged (PL0) access from PL1 (ARM ARM
 * A8.8.92). Returns what a load loaded, 0xdeadbeef if it aborted; a store stores 'value'. */
static inline uint32_t do_access(enum access kind, uint32_t va, uint32_t value)
{
    uint32_t loaded = 0xdeadbeef;
    switch (kind) {
    case READ:   __asm__ volatile("ldr %0, [%1]" : "+r"(loaded) : "r"(va) : "memory"); break;
    case UREAD:  __asm__ volatile("ldrt %0, [%1]" : "+r"(loaded) : "r"(va) : "memory"); break;
    case WRITE:  __asm__ volatile("str %0, [%1]" : : "r"(value), "r"(va) : "memory"); break;
    case UWRITE: __asm__ volatile("strt %0, [%1]" : : "r"(value), "r"(va) : "memory"); break;
    }
    return loaded;
}

/* Branches (BLX) to va; returns what the code there returned, or 0 after a prefetch abort
 * (the handlers resume at the LR the BLX set). */
static inline uint32_t call_at(uint32_t va)
{
    uint32_t result;
    __asm__ volatile("mov r0, #0\n\tblx %1\n\tmov %0, r0"
                     : "=r"(result) : "r"(va) : "r0", "r1", "r2", "r3", "r12", "lr", "memory", "cc");
    return result;
}

/* Runs the instruction(s) 'insn' after 'setup', returning the address of the first one of
 * 'insn' (where a trap or abort on it is reported); r0-r3 are free for both to use. */
#define PROBE(setup, insn, ...) ({ uint32_t at_; \
        __asm__ volatile(setup "\n\tadr %0, 1f\n1:\t" insn \
                         : "=&r"(at_) : __VA_ARGS__ : "r0", "r1", "r2", "r3", "memory", "cc"); at_; })

#endif
