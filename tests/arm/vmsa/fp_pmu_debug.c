/* fp_pmu_debug: what a guest (SVC mode, no traps set) reads and writes in the units whose traps
 * hyp_traps.c tests: the floating-point system registers (ARM ARM B6.1), the Performance
 * Monitors (C12, B4.1 PMCR ... PMUSERENR) and the CP14 debug, Jazelle and ThumbEE registers
 * (C11, A2.10, A2.11), with HDCR.HPMN limiting the counters the guest sees.
 *
 * Only values both QEMU 7.2 and the ARM ARM give are printed (QEMU-DIFFERENCES.md): no PMCEID0/1,
 * no counter bits at or above HPMN, no event counting other than SW_INCR, no claim tags, and
 * DBGDIDR without its variant and revision. Counter values that depend on time are printed as
 * yes/no answers. */
#include "vmsa.h"

#define PMCR        p15, 0, c9, c12, 0
#define PMCNTENSET  p15, 0, c9, c12, 1
#define PMCNTENCLR  p15, 0, c9, c12, 2
#define PMOVSR      p15, 0, c9, c12, 3
#define PMSWINC     p15, 0, c9, c12, 4
#define PMSELR      p15, 0, c9, c12, 5
#define PMCCNTR     p15, 0, c9, c13, 0
#define PMXEVTYPER  p15, 0, c9, c13, 1
#define PMXEVCNTR   p15, 0, c9, c13, 2
#define PMUSERENR   p15, 0, c9, c14, 0
#define PMINTENSET  p15, 0, c9, c14, 1
#define PMINTENCLR  p15, 0, c9, c14, 2
#define DBGDIDR     p14, 0, c0, c0, 0
#define DBGDSCRINT  p14, 0, c0, c1, 0
#define DBGDSCREXT  p14, 0, c0, c2, 2
#define DBGBVR0     p14, 0, c0, c0, 4
#define DBGBCR0     p14, 0, c0, c0, 5
#define DBGWVR0     p14, 0, c0, c0, 6
#define DBGWCR0     p14, 0, c0, c0, 7
#define DBGDRAR     p14, 0, c1, c0, 0
#define DBGDSAR     p14, 0, c2, c0, 0
#define DBGOSLAR    p14, 0, c1, c0, 4
#define DBGOSLSR    p14, 0, c1, c1, 4
#define DBGOSDLR    p14, 0, c1, c3, 4
#define TEECR       p14, 6, c0, c0, 0
#define TEEHBR      p14, 6, c1, c0, 0
#define JIDR        p14, 7, c0, c0, 0
#define JOSCR       p14, 7, c1, c0, 0
#define JMCR        p14, 7, c2, c0, 0
#define DBGDRAR_64  p14, 0, c1
#define DBGDSAR_64  p14, 0, c2
#define HDCR_HPMN(n) (n)

#define VMRS(reg) ({ uint32_t v_; __asm__ volatile(".fpu neon-vfpv4\n\tvmrs %0, " #reg : "=r"(v_)); v_; })
#define VMSR(reg, v) __asm__ volatile(".fpu neon-vfpv4\n\tvmsr " #reg ", %0" : : "r"((uint32_t)(v)))

static uint32_t guest_fp(uint32_t unused)
{
    (void)unused;
    cp_write(CPACR, 0xfu << 20);            /* full access to cp10 and cp11 */
    isb();
    put_line("cpacr", cp_read(CPACR));
    put_line("fpsid", VMRS(fpsid));
    put_line("mvfr0", VMRS(mvfr0));
    put_line("mvfr1", VMRS(mvfr1));
    put_line("fpexc", VMRS(fpexc));
    VMSR(fpexc, 0xffffffff);                /* only EN holds a value */
    put_line("fpexc after writing ones", VMRS(fpexc));
    VMSR(fpscr, 0xffc0009f);                /* flags, QC, AHP, DN, FZ, RMode, IDC, cumulative flags */
    put_line("fpscr", VMRS(fpscr));
    VMSR(fpscr, 0);
    VMSR(fpexc, 0);
    return 0;
}

static uint32_t guest_pmu(uint32_t unused)
{
    (void)unused;
    put_line("pmcr", cp_read(PMCR));
    cp_write(PMCR, 0x39);                   /* E, D, X, DP hold values */
    put_line("pmcr after 0x39", cp_read(PMCR));
    cp_write(PMCR, 0);
    cp_write(PMCNTENSET, 0x8000003f);       /* the cycle counter and counters 0-5 (HPMN = 6) */
    put_line("pmcntenset", cp_read(PMCNTENSET));
    cp_write(PMCNTENCLR, 0x8000003e);
    put_line("pmcntenclr", cp_read(PMCNTENCLR));
    cp_write(PMSELR, 3);
    put_line("pmselr", cp_read(PMSELR));
    cp_write(PMXEVCNTR, 0x1234);
    put_line("pmxevcntr 3", cp_read(PMXEVCNTR));
    cp_write(PMINTENSET, 0x80000001);
    put_line("pmintenset", cp_read(PMINTENSET));
    cp_write(PMINTENCLR, 0x80000001);
    cp_write(PMUSERENR, 0xffffffff);
    put_line("pmuserenr", cp_read(PMUSERENR));
    cp_write(PMUSERENR, 0);

    /* Counter 0 counts SW_INCR (event 0x00): only while PMCR.E and its PMCNTENSET bit are set. */
    cp_write(PMSELR, 0);
    cp_write(PMXEVTYPER, 0);
    cp_write(PMXEVCNTR, 5);
    cp_write(PMSWINC, 1);
    put_line("sw_incr, pmcr.e=0", cp_read(PMXEVCNTR));
    cp_write(PMCR, 1);
    cp_write(PMSWINC, 1);
    cp_write(PMSWINC, 2);                   /* counter 1: not enabled */
    put_line("sw_incr, enabled", cp_read(PMXEVCNTR));
    cp_write(PMXEVCNTR, 0xffffffff);
    cp_write(PMSWINC, 1);
    put_line("sw_incr, wrapped", cp_read(PMXEVCNTR));
    put_line("pmovsr", cp_read(PMOVSR));
    cp_write(PMOVSR, 1);
    put_line("pmovsr cleared", cp_read(PMOVSR));

    /* The cycle counter counts while enabled, and not otherwise; PMCR.C resets it. */
    cp_write(PMCNTENSET, 0x80000000);
    uint32_t c0 = cp_read(PMCCNTR);
    for (volatile int i = 0; i < 100; i++)
        ;
    uint32_t c1 = cp_read(PMCCNTR);
    puts("pmccntr counts: ");
    puts(yes_no(c1 != c0));
    puts("\n");
    cp_write(PMCR, 0);
    c0 = cp_read(PMCCNTR);
    for (volatile int i = 0; i < 100; i++)
        ;
    c1 = cp_read(PMCCNTR);
    puts("pmccntr stopped: ");
    puts(yes_no(c1 == c0));
    puts("\n");
    cp_write(PMCR, 4);
    put_line("pmccntr after pmcr.c", cp_read(PMCCNTR));
    cp_write(PMCNTENCLR, 0xffffffff);
    return 0;
}

/* HDCR.HPMN = 2: the guest's PMCR.N is 2. */
static uint32_t guest_hpmn(uint32_t unused)
{
    (void)unused;
    put_line("pmcr", cp_read(PMCR));
    return 0;
}

static uint32_t guest_debug(uint32_t unused)
{
    (void)unused;
    put_line("dbgdidr[31:8]", cp_read(DBGDIDR) & ~0xffu);
    put_line("dbgdscrint", cp_read(DBGDSCRINT));
    put_line("dbgdscrext", cp_read(DBGDSCREXT));
    put_line("dbgdrar", cp_read(DBGDRAR));
    put_line("dbgdsar", cp_read(DBGDSAR));
    uint64_t v = cp_read64(DBGDRAR_64);
    put_line("dbgdrar (64)", (uint32_t)v | (uint32_t)(v >> 32));
    v = cp_read64(DBGDSAR_64);
    put_line("dbgdsar (64)", (uint32_t)v | (uint32_t)(v >> 32));
    cp_write(DBGBVR0, 0x80001000);
    cp_write(DBGBCR0, 0x1e6);               /* BAS 0xf, PMC 3, E = 0: no breakpoint armed */
    cp_write(DBGWVR0, 0x80002000);
    cp_write(DBGWCR0, 0x1f8);               /* BAS 0xf, LSC 3, E = 0 */
    put_line("dbgbvr0", cp_read(DBGBVR0));
    put_line("dbgbcr0", cp_read(DBGBCR0));
    put_line("dbgwvr0", cp_read(DBGWVR0));
    put_line("dbgwcr0", cp_read(DBGWCR0));
    put_line("dbgoslsr", cp_read(DBGOSLSR));           /* OSLM = 0b10, locked after reset */
    cp_write(DBGOSLAR, 0);
    put_line("dbgoslsr unlocked", cp_read(DBGOSLSR));
    cp_write(DBGOSLAR, 0xc5acce55);
    put_line("dbgoslsr locked", cp_read(DBGOSLSR));
    put_line("dbgosdlr", cp_read(DBGOSDLR));
    put_line("jidr", cp_read(JIDR));
    cp_write(JOSCR, 0xffffffff);
    cp_write(JMCR, 0xffffffff);
    put_line("joscr", cp_read(JOSCR));
    put_line("jmcr", cp_read(JMCR));
    cp_write(TEEHBR, 0x80003000);
    put_line("teehbr", cp_read(TEEHBR));
    cp_write(TEECR, 0xffffffff);
    put_line("teecr", cp_read(TEECR));
    cp_write(TEECR, 0);
    return 0;
}

int main(void)
{
    puts("fp_pmu_debug\n");
    cp_write(HVBAR, (uint32_t)hyp_vectors);
    cp_write(VBAR, (uint32_t)pl1_vectors);
    puts("-- floating point\n");
    enter_guest(guest_fp, 0, MODE_SVC);
    puts("-- performance monitors\n");
    enter_guest(guest_pmu, 0, MODE_SVC);
    puts("-- hdcr.hpmn=2\n");
    cp_write(HDCR, HDCR_HPMN(2));
    isb();
    enter_guest(guest_hpmn, 0, MODE_SVC);
    cp_write(HDCR, HDCR_HPMN(6));
    isb();
    puts("-- debug, jazelle, thumbee\n");
    enter_guest(guest_debug, 0, MODE_SVC);
    put_line("exceptions taken", pl1_seen.count + hyp_seen.count);
    return 0;
}
