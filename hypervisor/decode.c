/* decode.c: the access behind a stage-2 data abort whose syndrome says nothing about it. The
 * syndrome describes only a load or store of one register that does not write its base back
 * (ARM ARM B3.13.6); for LDRD and STRD, the pre- and post-indexed forms, a store of the PC
 * and the like, HSR.ISS.ISV is 0, and the hypervisor reads the instruction at the guest's PC
 * and decodes it itself, as Xen does for a few forms (XEN-ABI.md §8.3). A32 only. */
#include "decode.h"
#include "guest.h"

#define CPSR_T      (1u << 5)               /* Thumb state (B1.3.3) */
#define CPSR_C      (1u << 29)              /* the carry flag, which RRX shifts in */
#define ISS_WNR     (1u << 6)               /* the access was a write; valid even when ISV = 0 */
#define PAGE_MASK   0xfffu

#define BIT(insn, n)        (((insn) >> (n)) & 1u)
#define BITS(insn, hi, lo)  (((insn) >> (lo)) & ((1u << ((hi) - (lo) + 1)) - 1))

/* The offset register of LDR/STR (register), shifted by a constant (DecodeImmShift and Shift,
 * A8.4.1, A8.4.3). A shift by 0 encodes LSR #32, ASR #32 and RRX. */
static uint32_t shifted(uint32_t value, uint32_t type, uint32_t amount, bool carry)
{
    switch (type) {
    case 0:
        return value << amount;                                         /* LSL */
    case 1:
        return amount ? value >> amount : 0;                            /* LSR; #32 */
    case 2:
        return (uint32_t)((int32_t)value >> (amount ? amount : 31));    /* ASR; #32: the sign */
    default:
        if (amount)
            return value >> amount | value << (32 - amount);            /* ROR */
        return (uint32_t)carry << 31 | value >> 1;                      /* RRX */
    }
}

/* Decodes 'insn', or says why not. The two encoding groups share the addressing mode: P, U
 * and W in bits 24, 23 and 21, L (load) in bit 20, Rn and Rt in bits 19-16 and 15-12, and
 * Rm in bits 3-0 if the offset is a register. */
static const char *decode(uint32_t insn, const struct cpu_regs *regs, struct mmio_access *a, uint32_t *address)
{
    bool p = BIT(insn, 24), u = BIT(insn, 23), w = BIT(insn, 21), load = BIT(insn, 20);
    uint32_t rn = BITS(insn, 19, 16), rt = BITS(insn, 15, 12), rm = BITS(insn, 3, 0);
    bool wback = !p || w;                   /* post-indexed always writes back */
    bool reg_offset;
    uint32_t offset;

    if (BITS(insn, 31, 28) == 0xf)
        return "not a load or store (an unconditional instruction, A5.7)";
    if (BITS(insn, 27, 26) == 1 && !(BIT(insn, 25) && BIT(insn, 4))) {
        /* LDR, STR, LDRB, STRB, and LDRT... when P = 0, W = 1 (A5.3). */
        a->write = !load;
        a->size = BIT(insn, 22) ? 1 : 4;
        a->sign_extend = false;
        a->pair = false;
        reg_offset = BIT(insn, 25);
        offset = reg_offset ? shifted(guest_reg(regs, rm), BITS(insn, 6, 5), BITS(insn, 11, 7), regs->cpsr & CPSR_C)
                            : BITS(insn, 11, 0);
    } else if (BITS(insn, 27, 25) == 0 && BIT(insn, 7) && BIT(insn, 4) && BITS(insn, 6, 5) != 0) {
        /* The "extra" loads and stores, op2 in bits 6-5 (A5.2.8, A5.2.9):
         *   op2 01: STRH, LDRH   op2 10: LDRD, LDRSB   op2 11: STRD, LDRSH
         * LDRD and STRD, with L = 0, move two words: Rt at the address, Rt + 1 after it. */
        uint32_t op2 = BITS(insn, 6, 5);
        a->pair = !load && op2 != 1;
        a->write = a->pair ? op2 == 3 : !load;
        a->size = a->pair ? 4 : op2 == 2 ? 1 : 2;
        a->sign_extend = load && op2 != 1;
        reg_offset = !BIT(insn, 22);
        if (reg_offset && BITS(insn, 11, 8) != 0)
            return "UNPREDICTABLE: a register offset with bits 11-8 not zero (A8.8.82)";
        offset = reg_offset ? guest_reg(regs, rm) : BITS(insn, 11, 8) << 4 | BITS(insn, 3, 0);
    } else if (BITS(insn, 27, 25) == 4) {
        return "LDM/STM: a block transfer (A5.5) is not emulated";
    } else if (BITS(insn, 27, 24) == 1 && BITS(insn, 7, 4) == 9) {
        return "an exclusive access or a swap (A5.2.10): no emulated device supports them";
    } else {
        return "not a load or store of one or two registers (A5.1)";
    }

    /* The UNPREDICTABLE encodings (A8.8.63-A8.8.92 for the loads, A8.8.204-A8.8.220 for the
     * stores): real CPUs differ on them, so the hypervisor refuses rather than guess. */
    if (a->pair && ((rt & 1) != 0 || rt == 14))
        return "UNPREDICTABLE: LDRD/STRD need an even Rt other than r14 (A8.8.72, A8.8.210)";
    if (a->pair && !p && w)
        return "UNPREDICTABLE: LDRD/STRD with P = 0 and W = 1 (A8.8.72, A8.8.210)";
    if (reg_offset && rm == 15)
        return "UNPREDICTABLE: the PC as the offset register (A8.8.66)";
    if (a->pair && load && reg_offset && (rm == rt || rm == rt + 1))
        return "UNPREDICTABLE: LDRD loading its own offset register (A8.8.74)";
    if (wback && rn == 15)
        return "UNPREDICTABLE: writeback to the PC (A8.8.63, A8.8.204)";
    if (wback && (rn == rt || (a->pair && rn == rt + 1)))
        return "UNPREDICTABLE: writeback to a register the instruction also transfers (A8.8.63, A8.8.204)";
    if (rt == 15 && !a->write && a->size == 4)
        return "a load into the PC is a branch: not emulated";
    if (rt == 15 && !(a->write && a->size == 4))
        return "UNPREDICTABLE: the PC as Rt of a byte or halfword access (A8.8.68)";
    /* STR and STRT may store the PC: its value is the instruction's address + 8 (A8.8.204),
     * which guest_reg() gives. */

    uint32_t base = guest_reg(regs, rn);    /* the PC reads as its address + 8, word-aligned */
    uint32_t offset_addr = u ? base + offset : base - offset;
    *address = p ? offset_addr : base;      /* offset and pre-indexed; post-indexed: Rn itself */
    a->rt = rt;
    a->rt2 = rt + 1;
    a->length = 4;
    a->writeback = wback;
    a->rn = rn;
    a->rn_value = offset_addr;
    return NULL;
}

const char *decode_access(const struct cpu_regs *regs, uint32_t hsr, uint32_t va, struct mmio_access *a)
{
    uint32_t insn, address;
    if (regs->cpsr & CPSR_T)
        return "the guest is in Thumb state; only A32 instructions are decoded";
    if (!copy_from_guest(&insn, regs->pc, sizeof(insn)))
        return "the instruction at the guest's PC cannot be read";
    const char *why = decode(insn, regs, a, &address);
    if (why != NULL)
        return why;

    /* What was decoded must be what faulted: the guest (or its other vCPU) may have rewritten
     * the instruction since. The address it computes must be the one in HDFAR; an LDRD or
     * STRD that faulted on its second word, its first in RAM, fails this check too. ISV covers
     * only ISS bits 23-14 (B3.13.6); WnR, bit 6, is valid whatever ISV says, so the direction
     * must agree too. */
    if (address != va)
        return "the instruction at the PC does not access the address that faulted";
    if (a->write != ((hsr & ISS_WNR) != 0))
        return "the instruction at the PC does not match the syndrome's WnR";
    if (a->pair && (va & PAGE_MASK) == PAGE_MASK - 3)
        return "LDRD/STRD across a page boundary: its second word is on another page";
    return NULL;
}
