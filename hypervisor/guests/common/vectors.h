/* vectors.h: a guest's own exception vectors. A guest that wants to survive its own mistakes
 * needs what any operating system has: a vector table (ARM ARM B1.8.1) and a stack in each
 * mode an exception can enter. VBAR tells the processor where the table is; an exception
 * taken in the guest then runs the guest's handler, in the guest's Undefined or Abort mode,
 * whether the processor raised it or the hypervisor injected it.
 *
 * Every vector saves r0-r3, r12 and LR on its mode's stack and calls the guest's
 *     void on_exception(struct exception_frame *f, uint32_t vector);
 * which the including guest defines. On return the frame is restored and MOVS PC, LR goes to
 * f->lr with the CPSR from SPSR_<mode>: the handler says where the guest goes on by setting
 * f->lr (ARM ARM B1.8.10, exception return).
 *
 * Include it in one C file of the guest. */
#ifndef VECTORS_H
#define VECTORS_H

#include <stdint.h>

/* The offsets in the table (ARM ARM B1.8.1). */
#define VECTOR_UNDEFINED        0x04
#define VECTOR_SUPERVISOR_CALL  0x08
#define VECTOR_PREFETCH_ABORT   0x0c
#define VECTOR_DATA_ABORT       0x10
#define VECTOR_IRQ              0x18
#define VECTOR_FIQ              0x1c

struct exception_frame {
    uint32_t r[4];          /* r0-r3 */
    uint32_t r12;
    uint32_t lr;            /* LR_<mode> on entry; where the guest goes on, on return */
};

void on_exception(struct exception_frame *f, uint32_t vector);

__asm__(
    "   .text\n"
    "   .balign 32\n"                   /* VBAR ignores bits [4:0] */
    "   .global guest_vectors\n"
    "guest_vectors:\n"
    "   b   vector_00\n"
    "   b   vector_04\n"
    "   b   vector_08\n"
    "   b   vector_0c\n"
    "   b   vector_10\n"
    "   b   vector_14\n"
    "   b   vector_18\n"
    "   b   vector_1c\n"
    "   .macro vector_entry offset\n"
    "vector_\\offset:\n"
    "   push {r0-r3, r12, lr}\n"
    "   mov  r0, sp\n"
    "   mov  r1, #0x\\offset\n"
    "   bl   on_exception\n"
    "   pop  {r0-r3, r12, lr}\n"
    "   movs pc, lr\n"
    "   .endm\n"
    "   vector_entry 00\n"
    "   vector_entry 04\n"
    "   vector_entry 08\n"
    "   vector_entry 0c\n"
    "   vector_entry 10\n"
    "   vector_entry 14\n"
    "   vector_entry 18\n"
    "   vector_entry 1c\n");

extern char guest_vectors[];

/* A stack for each mode an exception enters (8-byte aligned, as AAPCS wants at a call); stacks
 * grow down, so stack i starts at &exception_stacks[i + 1]. */
static uint64_t exception_stacks[4][64];

static inline void set_vbar(uint32_t base)
{
    __asm__ volatile("mcr p15, 0, %0, c12, c0, 0\n isb" :: "r"(base) : "memory");
}

/* Gives Undefined, Abort, IRQ and FIQ mode a stack each, then points VBAR at the table.
 * Called in SVC mode (CPS changes mode at PL1; r0-r3 are not banked). */
static inline void install_vectors(void)
{
    register uint32_t und __asm__("r0") = (uint32_t)&exception_stacks[1];
    register uint32_t abt __asm__("r1") = (uint32_t)&exception_stacks[2];
    register uint32_t irq __asm__("r2") = (uint32_t)&exception_stacks[3];
    register uint32_t fiq __asm__("r3") = (uint32_t)&exception_stacks[4];
    __asm__ volatile(
        "cps #0x1b\n mov sp, r0\n"      /* Undefined */
        "cps #0x17\n mov sp, r1\n"      /* Abort */
        "cps #0x12\n mov sp, r2\n"      /* IRQ */
        "cps #0x11\n mov sp, r3\n"      /* FIQ */
        "cps #0x13\n"                   /* back to SVC */
        :: "r"(und), "r"(abt), "r"(irq), "r"(fiq) : "memory");
    set_vbar((uint32_t)guest_vectors);
}

/* What the guest's data and prefetch aborts report (ARM ARM B4.1.52 DFSR, B4.1.96 IFSR). */
static inline uint32_t read_dfsr(void) { uint32_t v; __asm__ volatile("mrc p15, 0, %0, c5, c0, 0" : "=r"(v)); return v; }
static inline uint32_t read_dfar(void) { uint32_t v; __asm__ volatile("mrc p15, 0, %0, c6, c0, 0" : "=r"(v)); return v; }
static inline uint32_t read_ifsr(void) { uint32_t v; __asm__ volatile("mrc p15, 0, %0, c5, c0, 1" : "=r"(v)); return v; }
static inline uint32_t read_ifar(void) { uint32_t v; __asm__ volatile("mrc p15, 0, %0, c6, c0, 2" : "=r"(v)); return v; }

#endif
