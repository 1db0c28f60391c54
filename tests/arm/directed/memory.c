/* memory: loads and stores in every addressing mode, sizes and signedness; LDRD/STRD; LDM/STM
 * in the four modes with write-back; exclusives and the local monitor; SWP/SWPB; big-endian
 * data after SETEND BE. Each test prints the registers it produced and a CRC of the buffer. */
#include "runtime.h"

static uint8_t buf[256] __attribute__((aligned(8)));

static uint32_t buffer_crc(void)
{
    uint32_t crc = 0;
    for (unsigned i = 0; i < sizeof(buf); i += 4)
        crc = crc32_update(crc, buf[i] | buf[i + 1] << 8 | buf[i + 2] << 16 | (uint32_t)buf[i + 3] << 24);
    return crc;
}

static void fill(void)
{
    for (unsigned i = 0; i < sizeof(buf); i++)
        buf[i] = (uint8_t)(i * 37 + 11);
}

/* Runs 'text' with base = &buf[64], index = 12, value = 0x89abcdef; prints out, base, buffer. */
#define TEST(name, text) do { \
        fill(); \
        uint32_t base = (uint32_t)&buf[64], index = 12, value = 0x89abcdef, out = 0, out2 = 0; \
        __asm__ volatile(text : [base] "+&r"(base), [out] "+&r"(out), [out2] "+&r"(out2) \
                         : [index] "r"(index), [value] "r"(value) : "r2", "r3", "r4", "r5", "memory", "cc"); \
        puts(name); puts(": out="); put_hex(out); puts(" out2="); put_hex(out2); \
        puts(" base="); put_hex(base - (uint32_t)buf); puts(" buf="); put_hex(buffer_crc()); puts("\n"); \
    } while (0)

int main(void)
{
    puts("memory\n");
    /* SWP/SWPB need SCTLR.SW = 1: with the Multiprocessing Extensions they are UNDEFINED while it
     * is 0 (ARM ARM B4.1.130); QEMU 7.2 ignores the bit, HypLab follows the manual. */
    uint32_t sctlr;
    __asm__ volatile("mrc p15, 0, %0, c1, c0, 0" : "=r"(sctlr));
    __asm__ volatile("mcr p15, 0, %0, c1, c0, 0\n isb" :: "r"(sctlr | (1u << 10)));
    TEST("ldr imm", "ldr %[out], [%[base], #4]");
    TEST("ldr imm neg pre wb", "ldr %[out], [%[base], #-8]!");
    TEST("ldr imm post", "ldr %[out], [%[base]], #20");
    TEST("ldr reg", "ldr %[out], [%[base], %[index]]");
    TEST("ldr reg lsl", "ldr %[out], [%[base], %[index], lsl #2]");
    TEST("ldr reg neg asr pre wb", "ldr %[out], [%[base], -%[index], asr #1]!");
    TEST("ldr reg post ror", "ldr %[out], [%[base]], %[index], ror #1");
    TEST("ldr unaligned", "ldr %[out], [%[base], #3]");
    TEST("ldrb", "ldrb %[out], [%[base], #-5]");
    TEST("ldrb reg post", "ldrb %[out], [%[base]], -%[index]");
    TEST("ldrh", "ldrh %[out], [%[base], #6]");
    TEST("ldrh reg pre wb", "ldrh %[out], [%[base], %[index]]!");
    TEST("ldrh post", "ldrh %[out], [%[base]], #-2");
    TEST("ldrsb", "ldrsb %[out], [%[base], #7]");
    TEST("ldrsb reg", "ldrsb %[out], [%[base], -%[index]]");
    TEST("ldrsh", "ldrsh %[out], [%[base], #2]");
    TEST("ldrsh post reg", "ldrsh %[out], [%[base]], %[index]");
    TEST("ldrh unaligned", "ldrh %[out], [%[base], #1]");
    TEST("ldrd", "mov r4, %[base]\n\tldrd r2, r3, [r4, #8]\n\tmov %[out], r2\n\tmov %[out2], r3");
    TEST("ldrd pre wb", "mov r4, %[base]\n\tldrd r2, r3, [r4, #-16]!\n\tmov %[out], r2\n\tmov %[out2], r4");
    TEST("strd post reg", "mov r2, %[value]\n\tmvn r3, %[value]\n\tstrd r2, r3, [%[base]], %[index]");
    TEST("str imm", "str %[value], [%[base], #12]");
    TEST("str reg pre wb", "str %[value], [%[base], -%[index], lsl #1]!");
    TEST("str unaligned", "str %[value], [%[base], #1]");
    TEST("strb post", "strb %[value], [%[base]], #3");
    TEST("strh", "strh %[value], [%[base], #10]");
    TEST("strh reg post", "strh %[value], [%[base]], -%[index]");
    TEST("str pc", "str pc, [%[base]]\n\tldr %[out], [%[base]]\n\tsub %[out], %[out], pc");
    TEST("ldr literal", "ldr %[out], 1f\n\tb 2f\n1:\t.word 0x13572468\n2:");
    TEST("ldmia", "ldmia %[base], {r2, r3, r4}\n\teor %[out], r2, r3\n\teor %[out], %[out], r4");
    TEST("ldmib wb", "ldmib %[base]!, {r2, r3}\n\tadd %[out], r2, r3");
    TEST("ldmda", "ldmda %[base], {r2, r3, r4, r5}\n\tadd %[out], r2, r5\n\tmov %[out2], r3");
    TEST("ldmdb wb", "ldmdb %[base]!, {r2-r5}\n\tadd %[out], r2, r4\n\tmov %[out2], r5");
    TEST("stmia wb", "mov r2, #1\n\tmov r3, #2\n\tstmia %[base]!, {r2, r3, %[value]}");
    TEST("stmib", "mov r2, #3\n\tstmib %[base], {r2, %[value]}");
    TEST("stmda wb", "mov r2, #4\n\tmov r3, #5\n\tstmda %[base]!, {r2, r3}");
    TEST("stmdb", "stmdb %[base], {%[index], %[value]}");
    TEST("push pop", "mov r2, sp\n\tmov sp, %[base]\n\tpush {%[index], %[value]}\n\tpop {r3}\n\tmov %[out], r3\n\tmov %[out2], sp\n\tmov sp, r2");
    TEST("ldrex strex", "ldrex %[out], [%[base]]\n\tstrex %[out2], %[value], [%[base]]");
    TEST("strex without ldrex", "clrex\n\tstrex %[out2], %[value], [%[base]]");
    TEST("strex other address", "ldrex %[out], [%[base]]\n\tadd r4, %[base], #4\n\tstrex %[out2], %[value], [r4]");
    TEST("ldrexb strexb", "ldrexb %[out], [%[base]]\n\tstrexb %[out2], %[value], [%[base]]");
    TEST("ldrexh strexh", "ldrexh %[out], [%[base]]\n\tstrexh %[out2], %[value], [%[base]]");
    TEST("ldrexd strexd", "ldrexd r2, r3, [%[base]]\n\tmov %[out], r3\n\tmvn r4, r2\n\tmvn r5, r3\n\tstrexd %[out2], r4, r5, [%[base]]");
    TEST("swp", "swp %[out], %[value], [%[base]]");
    TEST("swpb", "swpb %[out], %[value], [%[base]]");
    TEST("setend be ldr", "setend be\n\tldr %[out], [%[base]]\n\tldrh %[out2], [%[base], #2]\n\tsetend le");
    TEST("setend be str", "setend be\n\tstr %[value], [%[base]]\n\tstrh %[value], [%[base], #6]\n\tsetend le");
    TEST("ldr pc interworking", "adr r2, 1f\n\tstr r2, [%[base]]\n\tldr pc, [%[base]]\n\tmov %[out], #1\n1:\tmov %[out2], #2");
    return 0;
}
