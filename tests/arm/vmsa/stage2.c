/* stage2: stage 2 translation (IPA to PA) for a guest at PL1, as a hypervisor sets it up
 * (ARM ARM B3.6 for the long-descriptor stage 2 tables, B3.13.6 for the HSR).
 *
 * The hypervisor (Hyp mode, main) builds a level 1/2/3 long-descriptor stage 2 table that maps
 * RAM and the UART one to one, sets VTCR (T0SZ 0, SL0 1: the walk starts at level 1) and VTTBR
 * (VMID 1, written with MCRR), sets HCR.VM and runs guest functions in SVC mode. It records
 * every trap; the guest prints what the hypervisor saw:
 *   - ID registers: the guest's MIDR/MPIDR reads return VPIDR/VMPIDR;
 *   - mapped RAM reads and writes take no trap;
 *   - stage 2 translation faults at levels 1-3, an access flag fault and a permission fault
 *     (a read-only page written): Hyp Trap vector (HVBAR+0x14), HSR EC 0x24, HDFAR (the VA),
 *     HPFAR (IPA[39:12] in bits [31:4]; UNKNOWN for permission faults, so not printed then);
 *   - the instruction syndrome (ISV, SAS, SSE, SRT, WnR) for LDR/STR/LDRB/LDRH/LDRSB/LDRSH/
 *     STRH/STRB, and ISV = 0 for LDM/STM/LDRD/STRD/LDREX and forms with base write-back;
 *   - an instruction fetch from a stage 2 execute-never page: EC 0x20, HIFAR, HPFAR;
 *   - the guest's own stage 1 (short descriptors) on: two-stage translation, a stage 2 fault
 *     on the stage 1 walk (S1PTW = 1), a stage 1 fault the guest takes itself;
 *   - ATS12NSOPR/ATS12NSOPW/ATS12NSOUR from Hyp mode for guest VAs (64-bit PAR);
 *   - TLBIALLNSNH making a changed stage 2 entry visible.
 * The trap handler skips the faulting instruction (vmsa.h), so the guest carries on. */
#include "vmsa.h"
#include "mmu.h"

#define PLAY        0x80800000u             /* tagged words: physical address P holds P */
#define UNMAPPED_L3 0x1c0a0000u             /* level 3 entry invalid (next to the UART) */
#define UNMAPPED_L2 0x10000000u             /* level 2 entry invalid */
#define UNMAPPED_L1 0x40000000u             /* level 1 entry invalid */

#define HCR_VM      (1u << 0)
/* VTCR (ARM ARM B4.1, VTCR): T0SZ 0 (32-bit IPA), SL0 1 (start at level 1), walks inner/outer
 * write-back write-allocate inner shareable; bit 31 is UNK/SBOP. */
#define VTCR_VALUE  ((1u << 31) | (3u << 12) | (1u << 10) | (1u << 8) | (1u << 6))
#define VMID        1u

static uint64_t s2_l1[512] __attribute__((aligned(4096)));
static uint64_t s2_l2_low[512] __attribute__((aligned(4096)));    /* IPA 0x00000000-0x3fffffff */
static uint64_t s2_l3_dev[512] __attribute__((aligned(4096)));    /* IPA 0x1c000000-0x1c1fffff */
static uint64_t s2_l2_ram[512] __attribute__((aligned(4096)));    /* IPA 0x80000000-0xbfffffff */
static uint64_t s2_l3_ram[512] __attribute__((aligned(4096)));    /* IPA 0x80000000-0x801fffff */

/* Pages with their own stage 2 entries (all in the first 2 MB of RAM, under s2_l3_ram). */
static uint32_t ro_page[1024] __attribute__((aligned(4096)));     /* read-only */
static uint32_t noaf_page[1024] __attribute__((aligned(4096)));   /* access flag 0 */
static uint32_t hole_page[1024] __attribute__((aligned(4096)));   /* not mapped */
static const uint32_t code_page[1024] __attribute__((aligned(4096))) = { 0xe3a0002a, 0xe12fff1e };

/* The guest's stage 1 table. Its one second-level table is at an IPA that stage 2 does not map
 * (level 2 entry invalid), so walking it faults at stage 2. The stage 2 fault is at level 2,
 * the same level as the stage 1 lookup that needs it, because QEMU 7.2 reports the stage 1
 * level there (QEMU-DIFFERENCES.md). */
static uint32_t gs1_l1[4096] __attribute__((aligned(16384)));
#define GUEST_L2_IPA    0x80400000u

static uint32_t page_index(const void *p)
{
    return ((uint32_t)p - 0x80000000u) >> 12;
}

static void tlb_flush_guest(void)
{
    dsb();
    cp_write(TLBIALLNSNH, 0);
    dsb();
    isb();
}

static void build_stage2(void)
{
    s2_l1[0] = ld_table(s2_l2_low);
    s2_l1[2] = ld_table(s2_l2_ram);
    /* s2_l1[1] (IPA 0x40000000) and s2_l1[3]: invalid */
    s2_l2_low[0x1c000000 >> 21] = ld_table(s2_l3_dev);
    s2_l3_dev[0x10] = ld_page(0x1c010000, S2_DEVICE | S2_READ | S2_WRITE | LD_AF | LD_XN);
    s2_l3_dev[0x90] = ld_page(0x1c090000, S2_DEVICE | S2_READ | S2_WRITE | LD_AF | LD_XN);
    s2_l2_ram[0] = ld_table(s2_l3_ram);
    for (uint32_t i = 0; i < 512; i++)
        s2_l3_ram[i] = ld_page(0x80000000u + (i << 12), S2_NORMAL | S2_READ | S2_WRITE | LD_SH_INNER | LD_AF);
    for (uint32_t i = 1; i < 8; i++)
        s2_l2_ram[i] = ld_block(0x80000000u + (i << 21), S2_NORMAL | S2_READ | S2_WRITE | LD_SH_INNER | LD_AF);
    s2_l3_ram[page_index(ro_page)] &= ~S2_WRITE;
    s2_l3_ram[page_index(noaf_page)] &= ~LD_AF;
    s2_l3_ram[page_index(hole_page)] = 0;
    s2_l2_ram[GUEST_L2_IPA >> 21 & 0x1ff] = 0;
}

/* ---- What the guest prints ----------------------------------------------------------------- */
/* HPFAR holds the faulting IPA for stage 2 translation and access flag faults and for faults
 * on a stage 1 walk (S1PTW); for other stage 2 permission faults it is UNKNOWN (hypervisors
 * translate the VA with an ATS operation instead), so it is not printed for them. */
static void put_hpfar(uint32_t hsr)
{
    uint32_t fsc = hsr & 0x3f;
    if ((fsc & 0x3c) == 0x0c && !(hsr & (1u << 7)))
        puts(" hpfar=(permission fault)");
    else
        put_field("hpfar", hyp_seen.hpfar);
}

static void report_dabt(const char *what, uint32_t at)
{
    puts(what);
    puts(":");
    if (!hyp_seen.count) {
        puts(" no trap\n");
        return;
    }
    put_field("vector", hyp_seen.vector);
    put_field("hsr", hyp_seen.hsr);
    put_field("hdfar", hyp_seen.hdfar);
    put_hpfar(hyp_seen.hsr);
    put_offset("elr", hyp_seen.pc, at);
    puts("\n");
}

/* ---- Guest functions (SVC mode, stage 2 on) ---------------------------------------------- */
static uint32_t guest_ids(uint32_t unused)
{
    (void)unused;
    put_line("guest midr", cp_read(MIDR));
    put_line("guest mpidr", cp_read(MPIDR));
    return 0;
}

static uint32_t guest_ram(uint32_t unused)
{
    (void)unused;
    volatile uint32_t *tagged = (volatile uint32_t *)(PLAY + 0x1000);
    clear_traps();
    put_line("guest read ipa 80801000", *tagged);
    *tagged = 0x12345678;
    put_line("guest wrote and read back", *tagged);
    *tagged = PLAY + 0x1000;
    put_line("guest read ro page", ro_page[2]);
    put_line("hyp traps", hyp_seen.count);
    return 0;
}

/* One load or store at UNMAPPED_L3 (in r0); r1-r3 hold values to store. */
#define ISS_PROBE(insn) do { \
        clear_traps(); \
        uint32_t at = PROBE("mov r0, %1\n\tmov r1, #0x11\n\tmov r2, #8\n\tmov r3, #0x33", insn, \
                            "r"(UNMAPPED_L3)); \
        report_dabt(insn, at); \
    } while (0)

/* One load or store at UNMAPPED_L3 (in r0) with any transfer register: the access aborts, so
 * nothing is written to the register, not even to SP or PC, and the handler skips the
 * instruction; the registers the compiler might use are declared clobbered all the same. */
#define SRT_PROBE(insn) do { \
        clear_traps(); \
        uint32_t at; \
        __asm__ volatile("mov r0, %1\n\tadr %0, 1f\n1:\t" insn : "=&r"(at) : "r"(UNMAPPED_L3) \
                         : "r0", "r4", "r5", "r6", "r7", "r8", "r9", "r10", "r12", "lr", "memory", "cc"); \
        report_dabt(insn, at); \
    } while (0)

/* HSR.SRT names every transfer register, r0 to PC (ARM ARM B3.13.6). */
static uint32_t guest_srt(uint32_t unused)
{
    (void)unused;
    SRT_PROBE("ldr r0, [r0]");
    SRT_PROBE("ldr r4, [r0]");
    SRT_PROBE("ldr r5, [r0]");
    SRT_PROBE("ldr r6, [r0]");
    SRT_PROBE("ldr r7, [r0]");
    SRT_PROBE("ldr r8, [r0]");
    SRT_PROBE("ldr r9, [r0]");
    SRT_PROBE("ldr r10, [r0]");
    SRT_PROBE("ldr r11, [r0]");
    SRT_PROBE("ldr r12, [r0]");
    SRT_PROBE("ldr sp, [r0]");
    SRT_PROBE("ldr lr, [r0]");
    SRT_PROBE("ldr pc, [r0]");
    SRT_PROBE("str r0, [r0]");
    SRT_PROBE("str r4, [r0]");
    SRT_PROBE("strh r9, [r0]");
    SRT_PROBE("strb r11, [r0]");
    SRT_PROBE("str r12, [r0]");
    SRT_PROBE("str sp, [r0]");
    SRT_PROBE("str lr, [r0]");
    SRT_PROBE("str pc, [r0]");
    SRT_PROBE("ldrsh r10, [r0]");
    SRT_PROBE("ldrb lr, [r0]");
    return 0;
}

static uint32_t guest_syndromes(uint32_t unused)
{
    (void)unused;
    ISS_PROBE("ldr r1, [r0]");
    ISS_PROBE("str r2, [r0, #4]");
    ISS_PROBE("ldrb r3, [r0, #1]");
    ISS_PROBE("strb r1, [r0]");
    ISS_PROBE("ldrh r1, [r0, #2]");
    ISS_PROBE("strh r3, [r0]");
    ISS_PROBE("ldrsb r2, [r0]");
    ISS_PROBE("ldrsh r3, [r0]");
    ISS_PROBE("ldr r1, [r0, r2]");
    ISS_PROBE("ldr r1, [r0, -r2, lsl #2]");
    /* No valid syndrome (ISV = 0): several registers, or the base register written back. */
    ISS_PROBE("ldm r0, {r1, r2}");
    ISS_PROBE("stmdb r0, {r1-r3}");
    ISS_PROBE("ldrd r2, r3, [r0]");
    ISS_PROBE("strd r2, r3, [r0, #8]");
    ISS_PROBE("ldrex r1, [r0]");
    ISS_PROBE("ldr r1, [r0], #4");
    ISS_PROBE("ldr r1, [r0, #4]!");
    ISS_PROBE("strb r1, [r0], #1");

    /* The aborted post-indexed load leaves its base register as it was: ARMv7 uses the base
     * restored abort model. */
    uint32_t base = UNMAPPED_L3;
    clear_traps();
    __asm__ volatile("ldr r1, [%0], #4" : "+r"(base) : : "r1", "memory");
    put_line("base after aborted ldr post-indexed", base);
    return 0;
}

static uint32_t guest_fault_kinds(uint32_t unused)
{
    (void)unused;
    uint32_t at;
    clear_traps();
    at = PROBE("mov r0, %1", "ldr r1, [r0]", "r"(UNMAPPED_L1));
    report_dabt("level 1 translation fault", at);
    clear_traps();
    at = PROBE("mov r0, %1", "ldr r1, [r0, #0x124]", "r"(UNMAPPED_L2));
    report_dabt("level 2 translation fault", at);
    clear_traps();
    at = PROBE("mov r0, %1", "str r1, [r0, #0x248]", "r"(hole_page));
    report_dabt("level 3 translation fault", at);
    clear_traps();
    at = PROBE("mov r0, %1", "ldr r1, [r0, #0x10]", "r"(noaf_page));
    report_dabt("level 3 access flag fault", at);
    clear_traps();
    at = PROBE("mov r0, %1", "ldr r1, [r0, #0x20]", "r"(ro_page));
    report_dabt("read-only page read", at);
    clear_traps();
    at = PROBE("mov r0, %1", "str r1, [r0, #0x20]", "r"(ro_page));
    report_dabt("read-only page write", at);
    return 0;
}

static uint32_t guest_execute(uint32_t va)
{
    clear_traps();
    uint32_t result = call_at(va);
    puts("execute code_page+");
    put_hex(va - (uint32_t)code_page);
    puts(":");
    if (!hyp_seen.count) {
        put_field("returned", result);
    } else {
        put_field("vector", hyp_seen.vector);
        put_field("hsr", hyp_seen.hsr);
        put_offset("hifar", hyp_seen.hifar, (uint32_t)code_page);
        put_hpfar(hyp_seen.hsr);
        put_offset("elr", hyp_seen.pc, va);
    }
    puts("\n");
    return result;
}

/* The guest's stage 1: identity sections over RAM and the UART; VA 0x50000000 through a
 * second-level table that stage 2 does not map; VA 0x51000000 a section onto ro_page's MB.
 * Its own aborts go to its own vectors (VBAR, set by the hypervisor). */
#define GUEST_VA_S1PTW  0x50000000u
#define GUEST_VA_RO     (0x51000000u | ((uint32_t)ro_page & 0xfffff))
#define GUEST_VA_NONE   0x60000000u

static uint32_t guest_stage1_on(uint32_t unused)
{
    (void)unused;
    for (uint32_t mb = 0x800; mb < 0x810; mb++)
        gs1_l1[mb] = sd_section(mb << 20, 0, 1, SD_NORMAL_SECTION);
    gs1_l1[0x1c0] = sd_section(0x1c000000, 0, 1, SD_DEVICE_SECTION);
    gs1_l1[GUEST_VA_S1PTW >> 20] = sd_page_table((const uint32_t *)GUEST_L2_IPA, 0);
    gs1_l1[0x510] = sd_section((uint32_t)ro_page, 0, 1, SD_NORMAL_SECTION);
    cp_write(TTBCR, 0);
    cp_write(TTBR0, (uint32_t)gs1_l1);
    cp_write(DACR, 1);
    dsb();
    cp_write(TLBIALL, 0);
    dsb();
    cp_write(SCTLR, cp_read(SCTLR) | 1);
    isb();
    put_line("guest sctlr.m", cp_read(SCTLR) & 1);

    uint32_t at, value = 0;
    clear_traps();
    __asm__ volatile("ldr %0, [%1]" : "=r"(value) : "r"(GUEST_VA_RO + 8) : "memory");
    put_line("guest va 51xxx008 reads", value);
    put_line("hyp traps", hyp_seen.count);
    clear_traps();
    at = PROBE("mov r0, %1", "str r1, [r0, #8]", "r"(GUEST_VA_RO));
    report_dabt("stage 2 permission fault through stage 1", at);
    clear_traps();
    at = PROBE("mov r0, %1", "ldr r1, [r0, #0x40]", "r"(GUEST_VA_S1PTW));
    report_dabt("stage 2 fault on the stage 1 walk", at);
    clear_traps();
    at = PROBE("mov r0, %1", "str r1, [r0]", "r"(GUEST_VA_S1PTW + 0x1000));
    report_dabt("stage 2 fault on the stage 1 walk (store)", at);
    /* A stage 1 fault is the guest's own: its Data Abort vector, DFSR/DFAR. */
    clear_traps();
    at = PROBE("mov r0, %1", "ldr r1, [r0]", "r"(GUEST_VA_NONE));
    puts("stage 1 translation fault:");
    put_field("hyp traps", hyp_seen.count);
    put_field("guest vector", pl1_seen.count ? pl1_seen.vector : 0);
    put_field("dfsr", pl1_seen.dfsr & ~0xf0u);
    put_field("dfar", pl1_seen.dfar);
    puts("\n");
    return 0;
}

static uint32_t guest_stage1_off(uint32_t unused)
{
    (void)unused;
    cp_write(SCTLR, cp_read(SCTLR) & ~1u);
    isb();
    dsb();
    cp_write(TLBIALL, 0);
    dsb();
    isb();
    put_line("guest sctlr.m", cp_read(SCTLR) & 1);
    return 0;
}

/* ---- The hypervisor ------------------------------------------------------------------------ */
/* ATS12NSO** from Hyp mode (ARM ARM, "Address translation operations"): the guest's stage 1 and stage 2 together. With HCR.VM = 1
 * the result is in the 64-bit PAR format. Printed: PA[39:12], LPAE and F on success (the
 * combined attributes are left out), else the fault fields F, FST, S2WLK, FSTAGE and LPAE. */
static void put_par64(uint64_t par)
{
    uint32_t lo = (uint32_t)par, hi = (uint32_t)(par >> 32);
    if (lo & 1) {
        hi = 0;
        lo &= 0xb7f;
    } else {
        hi &= 0xffu;
        lo &= 0xfffff801u;
    }
    puts(" par=");
    put_hex(hi);
    put_hex(lo);
}

static void ats12(const char *what, uint32_t va)
{
    puts("ats12nso ");
    puts(what);
    puts(":");
    cp_write(ATS12NSOPR, va);
    isb();
    puts(" pr");
    put_par64(cp_read64(PAR_64));
    cp_write(ATS12NSOPW, va);
    isb();
    puts(" pw");
    put_par64(cp_read64(PAR_64));
    cp_write(ATS12NSOUR, va);
    isb();
    puts(" ur");
    put_par64(cp_read64(PAR_64));
    puts("\n");
}

static void run(void *fn, uint32_t arg)
{
    enter_guest(fn, arg, MODE_SVC);
}

int main(void)
{
    puts("stage2\n");
    cp_write(HVBAR, (uint32_t)hyp_vectors);
    cp_write(VBAR, (uint32_t)pl1_vectors);      /* the guest's vectors */
    for (uint32_t i = 0; i < 1024; i++)
        ro_page[i] = (uint32_t)&ro_page[i];
    *(volatile uint32_t *)(PLAY + 0x1000) = PLAY + 0x1000;
    *(volatile uint32_t *)(PLAY + 0x1008) = PLAY + 0x1008;
    build_stage2();
    if ((uint32_t)hole_page >= 0x80200000u || (uint32_t)code_page >= 0x80200000u)
        puts("error: the special pages are not in the first 2 MB of RAM\n");

    cp_write(VPIDR, 0x412fc0f1);
    cp_write(VMPIDR, 0x80000103);
    put_line("hyp midr", cp_read(MIDR));
    put_line("hyp mpidr", cp_read(MPIDR));
    run(guest_ids, 0);

    cp_write(VTCR, VTCR_VALUE);
    cp_write64(VTTBR, (uint64_t)(uint32_t)s2_l1 | ((uint64_t)VMID << 48));
    cp_write(HCR, HCR_VM);
    isb();
    tlb_flush_guest();
    uint64_t vttbr = cp_read64(VTTBR);
    put_line("vtcr", cp_read(VTCR));
    put_line("vttbr vmid", (uint32_t)(vttbr >> 48));
    put_line("vttbr base", (uint32_t)vttbr - (uint32_t)s2_l1);
    put_line("hcr", cp_read(HCR));

    run(guest_ram, 0);
    run(guest_syndromes, 0);
    run(guest_srt, 0);
    run(guest_fault_kinds, 0);

    /* Execute-never at stage 2 (HAP has no execute bit; XN is bit 54). */
    run(guest_execute, (uint32_t)code_page);
    s2_l3_ram[page_index(code_page)] |= LD_XN;
    tlb_flush_guest();
    run(guest_execute, (uint32_t)code_page);
    s2_l3_ram[page_index(code_page)] &= ~LD_XN;
    tlb_flush_guest();
    run(guest_execute, (uint32_t)code_page);
    run(guest_execute, (uint32_t)hole_page);

    run(guest_stage1_on, 0);
    ats12("va 51xxx000 (ro page)", GUEST_VA_RO);
    ats12("va 50000040 (walk faults)", GUEST_VA_S1PTW + 0x40);
    ats12("va 60000000 (stage 1 fault)", GUEST_VA_NONE);
    ats12("va 80800010", PLAY + 0x10);
    run(guest_stage1_off, 0);

    /* A changed stage 2 entry, after TLBIALLNSNH: IPA of ro_page now reaches PLAY+0x1000. */
    s2_l3_ram[page_index(ro_page)] = ld_page(PLAY + 0x1000, S2_NORMAL | S2_READ | LD_SH_INNER | LD_AF);
    tlb_flush_guest();
    run(guest_ram, 0);

    cp_write(HCR, 0);
    isb();
    put_line("hcr", cp_read(HCR));
    return 0;
}
