/* multiply_media: every multiply (32- and 64-bit, DSP halfword, dual, most-significant word),
 * saturating arithmetic, parallel add/subtract with the GE flags, SEL, extend and pack,
 * reversal, bit fields, CLZ, USAD8 and the divides. Like alu.c, one CRC line per instruction
 * over many operand pairs; the flags (NZCVQ and GE) are folded in after clearing them. */
#include "runtime.h"

static const uint32_t values[] = {
    0x00000000, 0x00000001, 0x00000002, 0x00007fff, 0x00008000, 0x0000ffff, 0x00010000,
    0x7fffffff, 0x80000000, 0x80000001, 0xffff8000, 0xfffffffe, 0xffffffff, 0x12345678,
    0x87654321, 0x7f7f7f7f, 0x80808080, 0x01ff01ff, 0xff00ff00, 0x55aa33cc,
};
#define NVALUES (sizeof(values) / sizeof(values[0]))

static uint32_t crc;

/* r starts as a third operand (accumulator or RdHi), s as a fourth (RdLo). */
#define DEFINE(name, text) \
    static void name(uint32_t a, uint32_t b, uint32_t c) { \
        uint32_t r = c, s = c ^ 0x5a5a5a5a, psr; \
        __asm__ volatile("msr cpsr_fs, %[zero]\n\t" text "\n\tmrs %[p], cpsr" \
                         : [r] "+&r"(r), [s] "+&r"(s), [p] "=r"(psr) \
                         : [a] "r"(a), [b] "r"(b), [zero] "r"(0) : "cc"); \
        crc = crc32_update(crc, r); \
        crc = crc32_update(crc, s); \
        crc = crc32_update(crc, psr & 0xf80f0000u); \
    }

DEFINE(mul, "mul %[r], %[a], %[b]")
DEFINE(muls, "muls %[r], %[a], %[b]")
DEFINE(mla, "mla %[r], %[a], %[b], %[r]")
DEFINE(mlas, "mlas %[r], %[a], %[b], %[r]")
DEFINE(mls, "mls %[r], %[a], %[b], %[r]")
DEFINE(umull, "umull %[s], %[r], %[a], %[b]")
DEFINE(umulls, "umulls %[s], %[r], %[a], %[b]")
DEFINE(umlal, "umlal %[s], %[r], %[a], %[b]")
DEFINE(smull, "smull %[s], %[r], %[a], %[b]")
DEFINE(smlals, "smlals %[s], %[r], %[a], %[b]")
DEFINE(umaal, "umaal %[s], %[r], %[a], %[b]")
DEFINE(smulbb, "smulbb %[r], %[a], %[b]")
DEFINE(smultb, "smultb %[r], %[a], %[b]")
DEFINE(smulbt, "smulbt %[r], %[a], %[b]")
DEFINE(smultt, "smultt %[r], %[a], %[b]")
DEFINE(smlabb, "smlabb %[r], %[a], %[b], %[r]")
DEFINE(smlatt, "smlatt %[r], %[a], %[b], %[r]")
DEFINE(smulwb, "smulwb %[r], %[a], %[b]")
DEFINE(smulwt, "smulwt %[r], %[a], %[b]")
DEFINE(smlawb, "smlawb %[r], %[a], %[b], %[r]")
DEFINE(smlawt, "smlawt %[r], %[a], %[b], %[r]")
DEFINE(smlalbb, "smlalbb %[s], %[r], %[a], %[b]")
DEFINE(smlaltb, "smlaltb %[s], %[r], %[a], %[b]")
DEFINE(smuad, "smuad %[r], %[a], %[b]")
DEFINE(smuadx, "smuadx %[r], %[a], %[b]")
DEFINE(smlad, "smlad %[r], %[a], %[b], %[r]")
DEFINE(smlsdx, "smlsdx %[r], %[a], %[b], %[r]")
DEFINE(smusd, "smusd %[r], %[a], %[b]")
DEFINE(smlald, "smlald %[s], %[r], %[a], %[b]")
DEFINE(smlsldx, "smlsldx %[s], %[r], %[a], %[b]")
DEFINE(smmul, "smmul %[r], %[a], %[b]")
DEFINE(smmulr, "smmulr %[r], %[a], %[b]")
DEFINE(smmla, "smmla %[r], %[a], %[b], %[r]")
DEFINE(smmlsr, "smmlsr %[r], %[a], %[b], %[r]")
DEFINE(sdiv, "sdiv %[r], %[a], %[b]")
DEFINE(udiv, "udiv %[r], %[a], %[b]")

DEFINE(qadd, "qadd %[r], %[a], %[b]")
DEFINE(qsub, "qsub %[r], %[a], %[b]")
DEFINE(qdadd, "qdadd %[r], %[a], %[b]")
DEFINE(qdsub, "qdsub %[r], %[a], %[b]")
DEFINE(ssat8, "ssat %[r], #8, %[a]")
DEFINE(ssat32_asr, "ssat %[r], #32, %[a], asr #3")
DEFINE(ssat1_lsl, "ssat %[r], #1, %[a], lsl #4")
DEFINE(usat8, "usat %[r], #8, %[a]")
DEFINE(usat31_asr32, "usat %[r], #31, %[a], asr #32")
DEFINE(ssat16, "ssat16 %[r], #9, %[a]")
DEFINE(usat16, "usat16 %[r], #7, %[a]")

DEFINE(sadd16, "sadd16 %[r], %[a], %[b]")
DEFINE(sasx, "sasx %[r], %[a], %[b]")
DEFINE(ssax, "ssax %[r], %[a], %[b]")
DEFINE(ssub16, "ssub16 %[r], %[a], %[b]")
DEFINE(sadd8, "sadd8 %[r], %[a], %[b]")
DEFINE(ssub8, "ssub8 %[r], %[a], %[b]")
DEFINE(uadd16, "uadd16 %[r], %[a], %[b]")
DEFINE(uasx, "uasx %[r], %[a], %[b]")
DEFINE(usax, "usax %[r], %[a], %[b]")
DEFINE(usub16, "usub16 %[r], %[a], %[b]")
DEFINE(uadd8, "uadd8 %[r], %[a], %[b]")
DEFINE(usub8, "usub8 %[r], %[a], %[b]")
DEFINE(qadd16, "qadd16 %[r], %[a], %[b]")
DEFINE(qasx, "qasx %[r], %[a], %[b]")
DEFINE(qsub8, "qsub8 %[r], %[a], %[b]")
DEFINE(uqadd8, "uqadd8 %[r], %[a], %[b]")
DEFINE(uqsax, "uqsax %[r], %[a], %[b]")
DEFINE(uqsub16, "uqsub16 %[r], %[a], %[b]")
DEFINE(shadd16, "shadd16 %[r], %[a], %[b]")
DEFINE(shsax, "shsax %[r], %[a], %[b]")
DEFINE(shsub8, "shsub8 %[r], %[a], %[b]")
DEFINE(uhadd8, "uhadd8 %[r], %[a], %[b]")
DEFINE(uhasx, "uhasx %[r], %[a], %[b]")
DEFINE(uhsub16, "uhsub16 %[r], %[a], %[b]")
DEFINE(sel_after_usub8, "usub8 %[s], %[a], %[b]\n\tsel %[r], %[a], %[b]")
DEFINE(sel_after_sadd16, "sadd16 %[s], %[a], %[b]\n\tsel %[r], %[b], %[a]")

DEFINE(sxtb, "sxtb %[r], %[a]")
DEFINE(sxth_ror8, "sxth %[r], %[a], ror #8")
DEFINE(sxtb16_ror16, "sxtb16 %[r], %[a], ror #16")
DEFINE(uxtb_ror24, "uxtb %[r], %[a], ror #24")
DEFINE(uxth, "uxth %[r], %[a]")
DEFINE(uxtb16, "uxtb16 %[r], %[a]")
DEFINE(sxtab, "sxtab %[r], %[b], %[a], ror #8")
DEFINE(sxtah, "sxtah %[r], %[b], %[a]")
DEFINE(sxtab16, "sxtab16 %[r], %[b], %[a]")
DEFINE(uxtab, "uxtab %[r], %[b], %[a]")
DEFINE(uxtah_ror16, "uxtah %[r], %[b], %[a], ror #16")
DEFINE(uxtab16_ror8, "uxtab16 %[r], %[b], %[a], ror #8")
DEFINE(pkhbt, "pkhbt %[r], %[a], %[b], lsl #7")
DEFINE(pkhtb, "pkhtb %[r], %[a], %[b], asr #9")
DEFINE(pkhtb_asr32, "pkhtb %[r], %[a], %[b], asr #32")

DEFINE(rev, "rev %[r], %[a]")
DEFINE(rev16, "rev16 %[r], %[a]")
DEFINE(revsh, "revsh %[r], %[a]")
DEFINE(rbit, "rbit %[r], %[a]")
DEFINE(clz, "clz %[r], %[a]")
DEFINE(bfc, "bfc %[r], #4, #9")
DEFINE(bfi, "bfi %[r], %[a], #12, #13")
DEFINE(bfi_full, "bfi %[r], %[a], #0, #32")
DEFINE(sbfx, "sbfx %[r], %[a], #3, #11")
DEFINE(ubfx, "ubfx %[r], %[a], #20, #12")
DEFINE(sbfx_top, "sbfx %[r], %[a], #31, #1")
DEFINE(usad8, "usad8 %[r], %[a], %[b]")
DEFINE(usada8, "usada8 %[r], %[a], %[b], %[r]")

typedef void (*test_fn)(uint32_t, uint32_t, uint32_t);
struct test { const char *name; test_fn fn; };
#define T(fn) {#fn, fn}

static const struct test tests[] = {
    T(mul), T(muls), T(mla), T(mlas), T(mls), T(umull), T(umulls), T(umlal), T(smull), T(smlals),
    T(umaal), T(smulbb), T(smultb), T(smulbt), T(smultt), T(smlabb), T(smlatt), T(smulwb),
    T(smulwt), T(smlawb), T(smlawt), T(smlalbb), T(smlaltb), T(smuad), T(smuadx), T(smlad),
    T(smlsdx), T(smusd), T(smlald), T(smlsldx), T(smmul), T(smmulr), T(smmla), T(smmlsr),
    T(sdiv), T(udiv),
    T(qadd), T(qsub), T(qdadd), T(qdsub), T(ssat8), T(ssat32_asr), T(ssat1_lsl), T(usat8),
    T(usat31_asr32), T(ssat16), T(usat16),
    T(sadd16), T(sasx), T(ssax), T(ssub16), T(sadd8), T(ssub8), T(uadd16), T(uasx), T(usax),
    T(usub16), T(uadd8), T(usub8), T(qadd16), T(qasx), T(qsub8), T(uqadd8), T(uqsax),
    T(uqsub16), T(shadd16), T(shsax), T(shsub8), T(uhadd8), T(uhasx), T(uhsub16),
    T(sel_after_usub8), T(sel_after_sadd16),
    T(sxtb), T(sxth_ror8), T(sxtb16_ror16), T(uxtb_ror24), T(uxth), T(uxtb16), T(sxtab),
    T(sxtah), T(sxtab16), T(uxtab), T(uxtah_ror16), T(uxtab16_ror8), T(pkhbt), T(pkhtb),
    T(pkhtb_asr32),
    T(rev), T(rev16), T(revsh), T(rbit), T(clz), T(bfc), T(bfi), T(bfi_full), T(sbfx), T(ubfx),
    T(sbfx_top), T(usad8), T(usada8),
};

int main(void)
{
    puts("multiply_media\n");
    for (unsigned t = 0; t < sizeof(tests) / sizeof(tests[0]); t++) {
        crc = 0;
        for (unsigned i = 0; i < NVALUES; i++)
            for (unsigned j = 0; j < NVALUES; j++)
                tests[t].fn(values[i], values[j], values[(i + j) % NVALUES]);
        put_line(tests[t].name, crc);
    }
    return 0;
}
