/* alu: every data-processing operation with every shifter form, flags in and out.
 * Each line folds one operation over all operand pairs, both carry-in values and several shift
 * amounts into a CRC of (result, NZCV); QEMU and HypLab must print the same lines. */
#include "runtime.h"

static const uint32_t values[] = {
    0x00000000, 0x00000001, 0x00000002, 0x0000001f, 0x00000020, 0x00000021, 0x7ffffffe,
    0x7fffffff, 0x80000000, 0x80000001, 0xfffffffe, 0xffffffff, 0x12345678, 0x87654321,
    0x0000ffff, 0xffff0000, 0x000000ff, 0x55555555, 0xaaaaaaaa,
};
#define NVALUES (sizeof(values) / sizeof(values[0]))

/* Shift amounts for the register-controlled forms: the bottom byte counts, 32+ are special. */
static const uint32_t amounts[] = {0, 1, 7, 31, 32, 33, 255, 256, 0x101};
#define NAMOUNTS (sizeof(amounts) / sizeof(amounts[0]))

static uint32_t crc;

static void record(uint32_t result, uint32_t psr)
{
    crc = crc32_update(crc, result);
    crc = crc32_update(crc, psr & 0xF0000000u);
}

/* Sets NZCV to 00c0 (C = carry), runs the instruction text, records its result and the flags. */

#define DEFINE(name, text) \
    static void name(uint32_t a, uint32_t b, uint32_t carry) { \
        uint32_t r = 0xdeadbeef, psr; \
        __asm__ volatile("msr cpsr_f, %[c]\n\t" text "\n\tmrs %[p], cpsr" \
                         : [r] "+&r"(r), [p] "=r"(psr) \
                         : [a] "r"(a), [b] "r"(b), [c] "r"(carry << 29) : "cc"); \
        record(r, psr); \
    }

DEFINE(adds_reg, "adds %[r], %[a], %[b]")
DEFINE(adcs_reg, "adcs %[r], %[a], %[b]")
DEFINE(subs_reg, "subs %[r], %[a], %[b]")
DEFINE(sbcs_reg, "sbcs %[r], %[a], %[b]")
DEFINE(rsbs_reg, "rsbs %[r], %[a], %[b]")
DEFINE(rscs_reg, "rscs %[r], %[a], %[b]")
DEFINE(ands_reg, "ands %[r], %[a], %[b]")
DEFINE(orrs_reg, "orrs %[r], %[a], %[b]")
DEFINE(eors_reg, "eors %[r], %[a], %[b]")
DEFINE(bics_reg, "bics %[r], %[a], %[b]")
DEFINE(movs_reg, "movs %[r], %[b]")
DEFINE(mvns_reg, "mvns %[r], %[b]")
DEFINE(cmp_reg, "cmp %[a], %[b]")
DEFINE(cmn_reg, "cmn %[a], %[b]")
DEFINE(tst_reg, "tst %[a], %[b]")
DEFINE(teq_reg, "teq %[a], %[b]")
DEFINE(add_noflags, "add %[r], %[a], %[b]")
DEFINE(adc_noflags, "adc %[r], %[a], %[b]")
DEFINE(sbc_noflags, "sbc %[r], %[a], %[b]")

DEFINE(movs_lsl1, "movs %[r], %[b], lsl #1")
DEFINE(movs_lsl31, "movs %[r], %[b], lsl #31")
DEFINE(movs_lsr1, "movs %[r], %[b], lsr #1")
DEFINE(movs_lsr32, "movs %[r], %[b], lsr #32")
DEFINE(movs_asr1, "movs %[r], %[b], asr #1")
DEFINE(movs_asr32, "movs %[r], %[b], asr #32")
DEFINE(movs_ror1, "movs %[r], %[b], ror #1")
DEFINE(movs_ror31, "movs %[r], %[b], ror #31")
DEFINE(movs_rrx, "movs %[r], %[b], rrx")
DEFINE(ands_lsr3, "ands %[r], %[a], %[b], lsr #3")
DEFINE(adds_asr7, "adds %[r], %[a], %[b], asr #7")
DEFINE(subs_ror16, "subs %[r], %[a], %[b], ror #16")
DEFINE(adcs_rrx, "adcs %[r], %[a], %[b], rrx")
DEFINE(teq_lsl5, "teq %[a], %[b], lsl #5")
DEFINE(tst_rrx, "tst %[a], %[b], rrx")

DEFINE(movs_lsl_reg, "movs %[r], %[a], lsl %[b]")
DEFINE(movs_lsr_reg, "movs %[r], %[a], lsr %[b]")
DEFINE(movs_asr_reg, "movs %[r], %[a], asr %[b]")
DEFINE(movs_ror_reg, "movs %[r], %[a], ror %[b]")
DEFINE(adds_lsl_reg, "adds %[r], %[a], %[a], lsl %[b]")
DEFINE(ands_ror_reg, "ands %[r], %[a], %[a], ror %[b]")
DEFINE(rsbs_asr_reg, "rsbs %[r], %[a], %[a], asr %[b]")
DEFINE(tst_lsr_reg, "tst %[a], %[a], lsr %[b]")

DEFINE(ands_imm_rot, "ands %[r], %[a], #0xff000000")
DEFINE(orrs_imm_norot, "orrs %[r], %[a], #0x7f")
DEFINE(adds_imm, "adds %[r], %[a], #0x80000000")
DEFINE(subs_imm, "subs %[r], %[a], #1")
DEFINE(rsbs_imm, "rsbs %[r], %[a], #0")
DEFINE(cmp_imm, "cmp %[a], #0xf0000000")
DEFINE(tst_imm_rot, "tst %[a], #0x80000001 & 0x80000000")
DEFINE(mvns_imm, "mvns %[r], #0xc0000003")
DEFINE(movw_movt, "movw %[r], #0x1234\n\tmovt %[r], #0xabcd")

/* Conditional execution: every condition code after a compare. */
DEFINE(cond_all,
       "cmp %[a], %[b]\n\t"
       "mov %[r], #0\n\t"
       "orreq %[r], %[r], #1\n\t"  "orrne %[r], %[r], #2\n\t"
       "orrcs %[r], %[r], #4\n\t"  "orrcc %[r], %[r], #8\n\t"
       "orrmi %[r], %[r], #16\n\t" "orrpl %[r], %[r], #32\n\t"
       "orrvs %[r], %[r], #64\n\t" "orrvc %[r], %[r], #128\n\t"
       "orrhi %[r], %[r], #256\n\t" "orrls %[r], %[r], #512\n\t"
       "orrge %[r], %[r], #1024\n\t" "orrlt %[r], %[r], #2048\n\t"
       "orrgt %[r], %[r], #4096\n\t" "orrle %[r], %[r], #8192")

typedef void (*test_fn)(uint32_t, uint32_t, uint32_t);
struct test { const char *name; test_fn fn; int register_shift; };

#define T(fn) {#fn, fn, 0}
#define TR(fn) {#fn, fn, 1}

static const struct test tests[] = {
    T(adds_reg), T(adcs_reg), T(subs_reg), T(sbcs_reg), T(rsbs_reg), T(rscs_reg), T(ands_reg),
    T(orrs_reg), T(eors_reg), T(bics_reg), T(movs_reg), T(mvns_reg), T(cmp_reg), T(cmn_reg),
    T(tst_reg), T(teq_reg), T(add_noflags), T(adc_noflags), T(sbc_noflags),
    T(movs_lsl1), T(movs_lsl31), T(movs_lsr1), T(movs_lsr32), T(movs_asr1), T(movs_asr32),
    T(movs_ror1), T(movs_ror31), T(movs_rrx), T(ands_lsr3), T(adds_asr7), T(subs_ror16),
    T(adcs_rrx), T(teq_lsl5), T(tst_rrx),
    TR(movs_lsl_reg), TR(movs_lsr_reg), TR(movs_asr_reg), TR(movs_ror_reg), TR(adds_lsl_reg),
    TR(ands_ror_reg), TR(rsbs_asr_reg), TR(tst_lsr_reg),
    T(ands_imm_rot), T(orrs_imm_norot), T(adds_imm), T(subs_imm), T(rsbs_imm), T(cmp_imm),
    T(tst_imm_rot), T(mvns_imm), T(movw_movt), T(cond_all),
};

int main(void)
{
    puts("alu: data processing\n");
    for (unsigned t = 0; t < sizeof(tests) / sizeof(tests[0]); t++) {
        crc = 0;
        for (unsigned i = 0; i < NVALUES; i++) {
            unsigned n = tests[t].register_shift ? NAMOUNTS : NVALUES;
            for (unsigned j = 0; j < n; j++) {
                uint32_t b = tests[t].register_shift ? amounts[j] : values[j];
                tests[t].fn(values[i], b, 0);
                tests[t].fn(values[i], b, 1);
            }
        }
        put_line(tests[t].name, crc);
    }
    return 0;
}
