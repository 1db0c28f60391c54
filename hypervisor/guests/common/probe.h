/* probe.h: loads and stores that may fault, for a guest that touches an address on purpose to
 * see what happens. As Linux's exception tables do, the guest says before the access where it
 * goes on if the access aborts; its data abort handler (on_exception, vectors.h) asks
 * probe_caught() and resumes there. That does not depend on the LR_abt the hypervisor gives:
 * the architecture's (the instruction + 8, HypLab) or Xen 4.17's (the instruction + 0).
 *
 * Each probe_* access is a leaf function of one load or store (no stack, so the abort leaves
 * SVC mode's SP and LR as they were); probe_failed returns 0 to the caller instead.
 * Include it once, after vectors.h. */
#ifndef PROBE_H
#define PROBE_H

#include <stdbool.h>
#include <stddef.h>
#include "vectors.h"

__asm__(
    "   .text\n"
    "   .macro probe_leaf name, insn\n"
    "   .global \\name\n"
    "\\name:\n"
    "   \\insn\n"
    "   bx   lr\n"
    "   .endm\n"
    "   probe_leaf probe_ldrb,  \"ldrb  r0, [r0]\"\n"
    "   probe_leaf probe_ldrsb, \"ldrsb r0, [r0]\"\n"
    "   probe_leaf probe_ldrh,  \"ldrh  r0, [r0]\"\n"
    "   probe_leaf probe_ldrsh, \"ldrsh r0, [r0]\"\n"
    "   probe_leaf probe_ldr,   \"ldr   r0, [r0]\"\n"
    "   probe_leaf probe_strb,  \"strb  r1, [r0]\"\n"
    "   probe_leaf probe_strh,  \"strh  r1, [r0]\"\n"
    "   probe_leaf probe_str,   \"str   r1, [r0]\"\n"
    "   .global probe_failed\n"
    "probe_failed:\n"
    "   mov  r0, #0\n"
    "   bx   lr\n");

/* A probe: a leaf function of up to four arguments that ends with BX LR and leaves SVC mode's
 * stack as it found it. The probe_* accesses take (address, value to store) and return the
 * value loaded. */
typedef uint32_t probe_fn(uint32_t a0, uint32_t a1, uint32_t a2, uint32_t a3);
probe_fn probe_ldrb, probe_ldrsb, probe_ldrh, probe_ldrsh, probe_ldr, probe_strb, probe_strh, probe_str, probe_failed;

static volatile uint32_t probe_resume;      /* where a fault during a probe goes on, or 0 */
static volatile uint32_t probe_vector;      /* the vector of the fault a probe took, or 0 */

/* Runs 'access'; true if it completed, false if it took a data abort or an undefined
 * instruction (and then *result is 0). */
static inline bool probe4(probe_fn *access, uint32_t a0, uint32_t a1, uint32_t a2, uint32_t a3, uint32_t *result)
{
    probe_vector = 0;
    probe_resume = (uint32_t)probe_failed;
    uint32_t r = access(a0, a1, a2, a3);
    probe_resume = 0;
    if (result)
        *result = r;
    return probe_vector == 0;
}

static inline bool probe(probe_fn *access, uint32_t address, uint32_t value, uint32_t *result)
{
    return probe4(access, address, value, 0, 0, result);
}

/* For on_exception: true if the exception is a probe's, which then goes on at probe_failed. */
static inline bool probe_caught(struct exception_frame *f, uint32_t vector)
{
    if (probe_resume == 0 || (vector != VECTOR_DATA_ABORT && vector != VECTOR_UNDEFINED))
        return false;
    f->lr = probe_resume;
    probe_resume = 0;
    probe_vector = vector;
    return true;
}

#endif
