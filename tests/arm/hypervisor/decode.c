/* decode: a guest that reaches the emulated UART (the vpl011 at 0x22000000) with every load
 * and store form whose data abort has no syndrome (HSR.ISS.ISV = 0, ARM ARM B3.13.6), so the
 * hypervisor must decode the instruction (hypervisor/decode.c): pre- and post-indexed forms
 * with immediate and shifted register offsets, LDRD and STRD, the unprivileged forms, banked
 * registers as the base, a store of the PC. Not a teaching guest: real Xen emulates only a
 * few of these. Each line names the instruction, then shows in quotes the characters it wrote
 * to the data register, then r0-r3 after it ran. The vpl011 (hypervisor/vpl011.c): a byte
 * written to DR (+0x00) goes to the console, FR (+0x18) reads 0x90, every other offset
 * reads 0 and ignores writes. Expected transcript: tests/hypervisor/decode-*.txt. */
#include "xen.h"

#define U           0x22000000u             /* the vpl011: DR */
#define FR          (U + 0x18)              /* its flag register */
#define JUNK        0xdeadbeefu             /* a register's value before a load replaces it */

static void say(const char *s)
{
    uint32_t n = 0;
    while (s[n])
        n++;
    console_write(s, n);
}

static void hex(uint32_t v)
{
    char s[9];
    for (int i = 0; i < 8; i++)
        s[i] = "0123456789abcdef"[(v >> (28 - 4 * i)) & 15];
    s[8] = 0;
    say(s);
}

static void show(uint32_t r0, uint32_t r1, uint32_t r2, uint32_t r3)
{
    say("\" -> r0 ");
    hex(r0);
    say(" r1 ");
    hex(r1);
    say(" r2 ");
    hex(r2);
    say(" r3 ");
    hex(r3);
    say("\n");
}

/* Runs 'code' with r0-r3 set to a-d, after printing 'name', then prints r0-r3. The register
 * variables are set after the call to say(), which would clobber them; r4 is scratch. */
#define RUN(name, code, a, b, c, d) do {                                            \
        say(name ": \"");                                                           \
        register uint32_t r0 __asm__("r0") = (a);                                   \
        register uint32_t r1 __asm__("r1") = (b);                                   \
        register uint32_t r2 __asm__("r2") = (c);                                   \
        register uint32_t r3 __asm__("r3") = (d);                                   \
        __asm__ volatile(code : "+r"(r0), "+r"(r1), "+r"(r2), "+r"(r3)              \
                         : : "memory", "cc", "r4");                                 \
        show(r0, r1, r2, r3);                                                       \
    } while (0)

/* One instruction, named by itself. */
#define ONE(insn, a, b, c, d)   RUN(insn, insn, a, b, c, d)

/* The last test: LDM, a block transfer, is not decoded; the domain must die with the reason.
 * It runs from a fixed address, so the hypervisor's message names a known PC. */
#define LDM_AT      0x40100000u

static void refused_ldm(void)
{
    volatile uint32_t *code = (volatile uint32_t *)LDM_AT;
    code[0] = 0xe8900006;                   /* ldm r0, {r1, r2} */
    code[1] = 0xeafffffe;                   /* b . (never reached) */
    __asm__ volatile("dsb\n mcr p15, 0, %0, c7, c5, 0\n dsb\n isb" :: "r"(0) : "memory");  /* ICIALLU */
    say("ldm r0, {r1, r2} at 40100000: the hypervisor must refuse it\n");
    register uint32_t r0 __asm__("r0") = U;
    __asm__ volatile("blx %1" : "+r"(r0) : "r"(LDM_AT) : "r1", "r2", "r3", "r12", "lr", "memory", "cc");
}

int main(const void *dtb)
{
    (void)dtb;
    say("Loads and stores the syndrome does not describe, on the vpl011:\n");
    say("each instruction, \"what it wrote to DR\", then r0-r3 after it.\n");

    /* LDR, STR, LDRB, STRB (ARM ARM A5.3): post-indexed, pre-indexed with writeback. */
    ONE("strb r1, [r0], #0",            U, 'A', 0, 0);
    ONE("strb r1, [r0], r2",            U, 'B', 0, 0);
    ONE("strb r1, [r0], #1",            U, 'C', 0, 0);
    ONE("str r1, [r0, #4]!",            U - 4, 'D', 0, 0);
    ONE("strb r1, [r0, #-8]!",          U + 8, 'E', 0, 0);
    ONE("strb r1, [r0, r2, lsl #4]!",   U - 0x100, 'F', 0x10, 0);
    ONE("strb r1, [r0, -r2, lsr #2]!",  U + 0x100, 'G', 0x400, 0);
    ONE("strb r1, [r0, r2, asr #2]!",   U + 0x40, 'H', 0xffffff00, 0);
    ONE("strb r1, [r0, r2, ror #8]!",   0, 'I', 0x22, 0);
    ONE("strb r1, [r0, r2, lsr #32]!",  U, 'J', 0xffffffff, 0);
    ONE("strb r1, [r0, r2, asr #32]!",  U + 1, 'K', 0x80000000, 0);
    RUN("strb r1, [r0, r2, rrx]! (C set)", "cmp r0, r0\n strb r1, [r0, r2, rrx]!",
        0x80000000, 'L', 0x44000000, 0);
    ONE("strb r1, [r0], r2, lsl #2",    U, 'M', 3, 0);
    ONE("str r1, [r0], -r2",            U, 'N', 0x100, 0);
    ONE("ldr r1, [r0], #4",             FR, JUNK, 0, 0);
    ONE("ldr r1, [r0, #0x18]!",         U, JUNK, 0, 0);
    ONE("ldrb r1, [r0, r2]!",           U, JUNK, 0x18, 0);
    ONE("ldrb r1, [r0], #-0x18",        FR, JUNK, 0, 0);
    ONE("ldr r1, [r0, -r2, lsl #3]!",   U + 0x58, JUNK, 8, 0);

    /* LDRH, STRH, LDRSB, LDRSH (A5.2.8): immediate or plain register offsets. */
    ONE("strh r1, [r0], #2",            U, 'O', 0, 0);
    ONE("strh r1, [r0, -r2]!",          U + 4, 'P', 4, 0);
    ONE("ldrh r1, [r0, #0x18]!",        U, JUNK, 0, 0);
    ONE("ldrh r1, [r0], r2",            FR, JUNK, 0x10, 0);
    ONE("ldrsb r1, [r0, #0x18]!",       U, JUNK, 0, 0);
    ONE("ldrsb r1, [r0], -r2",          FR, JUNK, 0x18, 0);
    ONE("ldrsh r1, [r0], #-0x18",       FR, JUNK, 0, 0);
    ONE("ldrsh r1, [r0, r2]!",          U, JUNK, 0x18, 0);

    /* LDRD, STRD (A5.2.8): two words, Rt at the address and Rt + 1 at the address + 4, on
     * pairs of registers the vpl011 has: IMSC/RIS/MIS at 0x38/0x3c/0x40, DR/RSR at 0/4. */
    ONE("ldrd r2, r3, [r0, #0x3c]",     U, 0, JUNK, JUNK);
    ONE("ldrd r2, r3, [r0], #8",        U + 0x38, 0, JUNK, JUNK);
    ONE("ldrd r2, r3, [r0, -r1]!",      U + 0x44, 8, JUNK, JUNK);
    ONE("ldrd r2, r3, [r0], r1",        U, 4, JUNK, JUNK);
    ONE("strd r2, r3, [r0]",            U, 0, 'Q', '!');
    ONE("strd r2, r3, [r0, #-8]!",      U + 8, 0, 'R', '!');
    ONE("strd r2, r3, [r0], -r1",       U, 0x10, 'S', '!');

    /* The unprivileged forms (A5.3, A5.2.9): post-indexed only. */
    ONE("strbt r1, [r0], #1",           U, 'T', 0, 0);
    ONE("ldrt r1, [r0], -r2",           FR, JUNK, 0x18, 0);
    ONE("ldrsht r1, [r0], #2",          FR, JUNK, 0, 0);
    ONE("strht r1, [r0], #-2",          U, 'U', 0, 0);

    /* Banked registers as the base (B9.3.12): SVC's SP and LR, System mode's (User's) SP and
     * LR, FIQ's r8-r10. r4 keeps what is borrowed. */
    RUN("strb r1, [sp], #1 (SVC)",
        "mov r4, sp\n mov sp, r0\n strb r1, [sp], #1\n mov r0, sp\n mov sp, r4", U, 'V', 0, 0);
    RUN("ldrb r1, [lr, #0x18]! (SVC)",
        "mov r4, lr\n mov lr, r0\n ldrb r1, [lr, #0x18]!\n mov r0, lr\n mov lr, r4", U, JUNK, 0, 0);
    RUN("str r1, [sp, #-4]! (System)",
        "cps #0x1f\n mov r4, sp\n mov sp, r0\n str r1, [sp, #-4]!\n mov r0, sp\n mov sp, r4\n cps #0x13",
        U + 4, 'W', 0, 0);
    RUN("strb r1, [lr], #-1 (System)",
        "cps #0x1f\n mov r4, lr\n mov lr, r0\n strb r1, [lr], #-1\n mov r0, lr\n mov lr, r4\n cps #0x13",
        U, 'X', 0, 0);
    RUN("strb r9, [r8], #2 (FIQ)",
        "cps #0x11\n mov r8, r0\n mov r9, r1\n strb r9, [r8], #2\n mov r0, r8\n cps #0x13", U, 'Y', 0, 0);
    RUN("ldrsb r10, [r8, #0x18]! (FIQ)",
        "cps #0x11\n mov r8, r0\n ldrsb r10, [r8, #0x18]!\n mov r0, r8\n mov r1, r10\n cps #0x13",
        U, JUNK, 0, 0);

    /* The PC: as the base (offset form: no writeback), and stored. The PC reads as the
     * instruction's address + 8. The store is placed 0x38 bytes into a 256-byte block, so the
     * byte stored, the low byte of its address + 8, is 0x40, '@'. */
    RUN("ldr r1, [pc, r2]",
        "adr r3, 1f\n sub r2, r2, r3\n sub r2, r2, #8\n1: ldr r1, [pc, r2]\n mov r2, #0\n mov r3, #0",
        U, JUNK, FR, 0);
    RUN("str pc, [r0]",
        "b 1f\n .balign 256\n .space 0x38\n1: str pc, [r0]", U, 0, 0, 0);

    refused_ldm();
    return 0;
}
