/* hyp_traps: what a guest can do that the hypervisor asked to trap (ARM ARM B1.14, "Traps to
 * the hypervisor"), and virtual interrupts.
 *
 * The hypervisor (Hyp mode) sets one group of trap controls at a time (HCR, HSTR, HCPTR, HDCR,
 * CNTHCTL) and runs a guest function in SVC mode (or User mode) that executes the instructions
 * those controls trap. Each trap is taken at HVBAR+0x14; the handler records HSR and ELR_hyp and
 * skips the instruction; the guest prints the HSR and where ELR_hyp pointed relative to the
 * trapped instruction. Exceptions the guest takes itself (at its VBAR) print their vector.
 * The trapped instructions use fixed registers so that the ISS (Rt, Rt2) stays the same.
 *
 * Also: HCR.TGE (User-mode exceptions routed to Hyp mode), and virtual IRQ, FIQ and abort
 * (HCR.VI/VF/VA with IMO/FMO/AMO) taken by the guest at its own vectors.
 *
 * The floating-point, PMU and CP14 groups: HCPTR.TCP10/11 (also against CPACR and FPEXC.EN, and
 * in Hyp mode itself), HCR.TID0/TID3 on the VMRS of the ID registers and JIDR, HDCR.TPM (also
 * from User mode), TDA, TDOSA, TDRA and TDE. The values those registers hold are in
 * fp_pmu_debug.c. */
#include "vmsa.h"

/* HCR bits (ARM ARM B4.1, HCR). TWE, TIDCP, TSW, TPC and TPU are not tested: QEMU 7.2 does
 * not trap what they cover (QEMU-DIFFERENCES.md). */
#define HCR_FMO     (1u << 3)
#define HCR_IMO     (1u << 4)
#define HCR_AMO     (1u << 5)
#define HCR_VF      (1u << 6)
#define HCR_VI      (1u << 7)
#define HCR_VA      (1u << 8)
#define HCR_TWI     (1u << 13)
#define HCR_TWE     (1u << 14)
#define HCR_TID0    (1u << 15)
#define HCR_TID1    (1u << 16)
#define HCR_TID2    (1u << 17)
#define HCR_TID3    (1u << 18)
#define HCR_TSC     (1u << 19)
#define HCR_TIDCP   (1u << 20)
#define HCR_TAC     (1u << 21)
#define HCR_TSW     (1u << 22)
#define HCR_TPC     (1u << 23)
#define HCR_TPU     (1u << 24)
#define HCR_TTLB    (1u << 25)
#define HCR_TVM     (1u << 26)
#define HCR_TGE     (1u << 27)
/* HCPTR (B4.1, HCPTR). TASE and TCPAC are not tested: QEMU 7.2 does not implement them (nor
 * TA for Advanced SIMD instructions trapped by TCP10: only VFP ones are used). */
#define HCPTR_TCP10 (1u << 10)
#define HCPTR_TCP11 (1u << 11)
#define HCPTR_TASE  (1u << 15)
#define HCPTR_TCPAC (1u << 31)
/* HDCR (B4.1, HDCR): HPMN keeps its reset value 6. TPMCR is not tested, nor TDRA on the 64-bit
 * MRRC forms: QEMU 7.2 does not trap them. */
#define HDCR_HPMN   6u
#define HDCR_TPMCR  (1u << 5)
#define HDCR_TPM    (1u << 6)
#define HDCR_TDE    (1u << 8)
#define HDCR_TDA    (1u << 9)
#define HDCR_TDOSA  (1u << 10)
#define HDCR_TDRA   (1u << 11)

static uint32_t buffer[16] __attribute__((aligned(64)));

/* ---- Guest side ---------------------------------------------------------------------------- */
/* "what: hsr=... elr=+0" for a trap to Hyp mode, "guest vector=..." for an exception the guest
 * took itself, "no trap" when the instruction just ran. */
static void report(const char *what, uint32_t at)
{
    puts(what);
    puts(":");
    if (hyp_seen.count) {
        put_field("hsr", hyp_seen.hsr);
        put_offset("elr", hyp_seen.pc, at);
    }
    if (pl1_seen.count) {
        put_field("guest vector", pl1_seen.vector);
        put_offset("at", pl1_seen.pc, at);
    }
    if (!hyp_seen.count && !pl1_seen.count)
        puts(" no trap");
    puts("\n");
}

/* Runs insn (after setup; r0 = &buffer, r1-r3 free) and reports it under its own text. The
 * .fpu directive lets the assembler accept the VFP and Advanced SIMD instructions. */
#define T(setup, insn) do { \
        clear_traps(); \
        uint32_t at_ = PROBE(".fpu neon-vfpv4\n\tmov r0, %1\n\t" setup, insn, "r"(buffer)); \
        report(insn, at_); \
    } while (0)

/* HCR.TWI: WFI traps (EC 0x01, TI = 0) unless an interrupt is already pending. (HCR.TWE is
 * not tested: QEMU 7.2 never traps WFE.) */
static uint32_t guest_wfi(uint32_t unused)
{
    (void)unused;
    T("", "wfi");
    return 0;
}

/* HCR.TSC traps SMC to Hyp mode (EC 0x13) only where SMC exists: this machine (secure=off)
 * has no Security Extensions, so SMC is UNDEFINED (ARM ARM, SMC pseudocode) and the guest
 * takes its own undefined instruction exception, with or without TSC. */
static uint32_t guest_smc(uint32_t unused)
{
    (void)unused;
    T("", "smc #0");
    return 0;
}

/* TID1 also covers TCMTR, TLBTR and REVIDR, which QEMU 7.2 does not trap (QEMU-DIFFERENCES.md). */
static uint32_t guest_id1(uint32_t unused)
{
    (void)unused;
    T("", "mrc p15, 1, r1, c0, c0, 7");     /* AIDR */
    T("", "mrc p15, 0, r1, c0, c0, 0");     /* MIDR: not in the group */
    return 0;
}

static uint32_t guest_id2(uint32_t unused)
{
    (void)unused;
    T("", "mrc p15, 0, r2, c0, c0, 1");     /* CTR */
    T("", "mrc p15, 1, r2, c0, c0, 0");     /* CCSIDR */
    T("", "mrc p15, 1, r2, c0, c0, 1");     /* CLIDR */
    T("", "mrc p15, 2, r2, c0, c0, 0");     /* CSSELR */
    T("mov r2, #0", "mcr p15, 2, r2, c0, c0, 0");
    return 0;
}

/* TID3 also covers the CP15 ID registers (ID_PFR0 ... ID_ISAR5), which QEMU 7.2 does not trap
 * (QEMU-DIFFERENCES.md); the VMRS of MVFR0/MVFR1 are reported with EC 0x08. */
static uint32_t guest_id3(uint32_t unused)
{
    (void)unused;
    T("", "vmrs r3, mvfr0");
    T("", "vmrs r3, mvfr1");
    return 0;
}

/* TID0: the VMRS of FPSID (EC 0x08, the ISS in the MRC format with opc1 7 and CRn the VFP
 * register number) and JIDR (an MRC p14, EC 0x05). */
static uint32_t guest_id0(uint32_t unused)
{
    (void)unused;
    T("", "vmrs r3, fpsid");
    T("", "mrc p14, 7, r3, c0, c0, 0");     /* JIDR */
    return 0;
}

static uint32_t guest_actlr(uint32_t unused)
{
    (void)unused;
    T("", "mrc p15, 0, r1, c1, c0, 1");
    T("mrc p15, 0, r1, c1, c0, 1", "mcr p15, 0, r1, c1, c0, 1");
    return 0;
}

/* HCR.TVM traps writes (only) to the virtual memory controls; each write here stores the value
 * the register already has, in case it is not trapped. */
static uint32_t guest_tvm(uint32_t unused)
{
    (void)unused;
    T("mrc p15, 0, r1, c1, c0, 0", "mcr p15, 0, r1, c1, c0, 0");    /* SCTLR */
    T("mrc p15, 0, r1, c2, c0, 0", "mcr p15, 0, r1, c2, c0, 0");    /* TTBR0 */
    T("mrrc p15, 0, r2, r3, c2", "mcrr p15, 0, r2, r3, c2");        /* TTBR0, 64-bit */
    T("mrc p15, 0, r1, c2, c0, 2", "mcr p15, 0, r1, c2, c0, 2");    /* TTBCR */
    T("mrc p15, 0, r1, c3, c0, 0", "mcr p15, 0, r1, c3, c0, 0");    /* DACR */
    T("mrc p15, 0, r1, c5, c0, 0", "mcr p15, 0, r1, c5, c0, 0");    /* DFSR */
    T("mrc p15, 0, r1, c6, c0, 2", "mcr p15, 0, r1, c6, c0, 2");    /* IFAR */
    T("mrc p15, 0, r1, c10, c2, 0", "mcr p15, 0, r1, c10, c2, 0");  /* PRRR */
    T("mrc p15, 0, r1, c13, c0, 1", "mcr p15, 0, r1, c13, c0, 1");  /* CONTEXTIDR */
    T("", "mrc p15, 0, r1, c1, c0, 0");                             /* a read: not trapped */
    return 0;
}

static uint32_t guest_tlb(uint32_t unused)
{
    (void)unused;
    T("", "mcr p15, 0, r1, c8, c7, 0");     /* TLBIALL */
    T("", "mcr p15, 0, r0, c8, c7, 1");     /* TLBIMVA */
    T("", "mcr p15, 0, r1, c8, c7, 2");     /* TLBIASID */
    T("", "mcr p15, 0, r1, c8, c3, 0");     /* TLBIALLIS */
    return 0;
}

/* HSTR.Tn traps MCR/MRC with CRn = n and MCRR/MRRC with CRm = n. */
static uint32_t guest_hstr(uint32_t unused)
{
    (void)unused;
    T("", "mrc p15, 0, r1, c2, c0, 2");     /* TTBCR (T2) */
    T("", "mrrc p15, 0, r2, r3, c2");       /* TTBR0 (T2) */
    T("", "mrc p15, 4, r1, c15, c0, 0");    /* CBAR (T15) */
    T("", "mrc p15, 0, r1, c13, c0, 1");    /* CONTEXTIDR (T13) */
    T("", "mrc p15, 0, r1, c1, c0, 0");     /* SCTLR: T1 not set */
    return 0;
}

static uint32_t usr_hstr(uint32_t unused)
{
    (void)unused;
    T("", "mrc p15, 0, r1, c13, c0, 2");    /* TPIDRURW (T13) */
    return 0;
}

/* Floating point: the guest lets itself use cp10/cp11 (CPACR) and turns VFP on (FPEXC.EN). */
static uint32_t guest_vfp_on(uint32_t unused)
{
    (void)unused;
    cp_write(CPACR, cp_read(CPACR) | (0xfu << 20));
    isb();
    __asm__ volatile(".fpu neon-vfpv4\n\tvmsr fpexc, %0" : : "r"(1u << 30));
    uint32_t fpexc;
    __asm__ volatile(".fpu neon-vfpv4\n\tvmrs %0, fpexc" : "=r"(fpexc));
    put_line("guest fpexc", fpexc);
    return 0;
}

static uint32_t guest_vfp(uint32_t unused)
{
    (void)unused;
    T("", "vmrs r1, fpscr");
    T("", "vadd.f32 s0, s0, s1");
    T("", "vmrs r1, fpexc");
    return 0;
}

static uint32_t usr_vfp(uint32_t unused)
{
    (void)unused;
    T("", "vmrs r1, fpscr");
    return 0;
}

/* CPACR refusing cp10/cp11 wins over HCPTR.TCP10/11: the guest takes its own undefined
 * instruction exception (ARM ARM B1.14.?, the order in CheckAdvSIMDOrVFPEnabled). */
static uint32_t guest_vfp_cpacr_off(uint32_t unused)
{
    (void)unused;
    uint32_t cpacr = cp_read(CPACR);
    cp_write(CPACR, 0);
    isb();
    T("", "vmrs r1, fpscr");
    T("", "vmrs r1, fpsid");
    cp_write(CPACR, cpacr);
    isb();
    return 0;
}

static uint32_t guest_fpexc(uint32_t value)
{
    __asm__ volatile(".fpu neon-vfpv4\n\tvmsr fpexc, %0" : : "r"(value));
    return 0;
}

/* HCPTR.TCP10/11 wins over FPEXC.EN = 0: still a trap, even for what EN = 0 makes UNDEFINED. */
static uint32_t guest_vfp_disabled(uint32_t unused)
{
    (void)unused;
    T("", "vmrs r1, fpscr");
    T("", "vadd.f32 s0, s0, s1");
    return 0;
}

/* With FPEXC.EN = 0 only FPSCR and data processing are UNDEFINED: TID0/TID3 still trap the ID
 * registers, and FPEXC can be read. */
static uint32_t guest_id_disabled(uint32_t unused)
{
    (void)unused;
    T("", "vmrs r3, fpsid");
    T("", "vmrs r3, mvfr1");
    T("", "vmrs r1, fpexc");
    T("", "vmrs r1, fpscr");
    return 0;
}

/* User mode: the ID registers and FPEXC are privileged (UNDEFINED before any trap); FPSCR is
 * trapped by TCP10 (User mode may use FPSCR: CPACR gives full access). */
static uint32_t usr_vfp_id(uint32_t unused)
{
    (void)unused;
    T("", "vmrs r3, fpsid");
    T("", "vmrs r1, fpexc");
    T("", "vmrs r1, fpscr");
    return 0;
}

/* The PMU from User mode once the guest allowed it (PMUSERENR.EN): HDCR.TPM traps it. The
 * interrupt enables stay PL1-only (UNDEFINED), PMUSERENR itself is readable. */
static uint32_t usr_pmu(uint32_t unused)
{
    (void)unused;
    T("", "mrc p15, 0, r1, c9, c12, 0");    /* PMCR */
    T("", "mrc p15, 0, r1, c9, c13, 0");    /* PMCCNTR */
    T("mov r1, #0", "mcr p15, 0, r1, c9, c12, 5");    /* PMSELR */
    T("", "mrc p15, 0, r1, c9, c14, 0");    /* PMUSERENR */
    T("", "mrc p15, 0, r1, c9, c14, 1");    /* PMINTENSET: UNDEFINED at PL0 */
    return 0;
}

static uint32_t guest_pmuserenr(uint32_t value)
{
    cp_write(p15, 0, c9, c14, 0, value);
    return 0;
}

/* HDCR.TDRA: the 32-bit DBGDRAR and DBGDSAR; HDCR.TDE: every debug register. */
static uint32_t guest_debug_rom(uint32_t unused)
{
    (void)unused;
    T("", "mrc p14, 0, r1, c1, c0, 0");     /* DBGDRAR (TDRA) */
    T("", "mrc p14, 0, r1, c2, c0, 0");     /* DBGDSAR (TDRA) */
    T("", "mrc p14, 0, r1, c0, c0, 0");     /* DBGDIDR (TDA) */
    T("", "mrc p14, 0, r1, c0, c0, 4");     /* DBGBVR0 (TDA) */
    T("", "mrc p14, 0, r1, c1, c1, 4");     /* DBGOSLSR (TDOSA) */
    T("", "mrc p14, 0, r1, c1, c3, 4");     /* DBGOSDLR (TDOSA) */
    T("", "mrc p14, 0, r1, c0, c5, 0");     /* the DCC: not implemented, UNDEFINED */
    return 0;
}

/* User mode reads DBGDIDR and DBGDRAR; TDA/TDRA trap them, the PL1-only ones stay UNDEFINED. */
static uint32_t usr_debug(uint32_t unused)
{
    (void)unused;
    T("", "mrc p14, 0, r1, c0, c0, 0");     /* DBGDIDR */
    T("", "mrc p14, 0, r1, c1, c0, 0");     /* DBGDRAR */
    T("", "mrc p14, 0, r1, c0, c2, 2");     /* DBGDSCRext: PL1 only */
    return 0;
}

static uint32_t guest_pmu(uint32_t unused)
{
    (void)unused;
    T("", "mrc p15, 0, r1, c9, c12, 0");    /* PMCR */
    T("", "mrc p15, 0, r1, c9, c12, 5");    /* PMSELR */
    T("", "mrc p15, 0, r1, c9, c12, 1");    /* PMCNTENSET */
    T("", "mrc p15, 0, r1, c9, c13, 0");    /* PMCCNTR */
    return 0;
}

static uint32_t guest_debug(uint32_t unused)
{
    (void)unused;
    T("", "mrc p14, 0, r1, c0, c2, 2");     /* DBGDSCRext (TDA) */
    T("", "mrc p14, 0, r1, c1, c1, 4");     /* DBGOSLSR (TDOSA) */
    T("", "mrc p14, 0, r1, c0, c0, 0");     /* DBGDIDR (TDA) */
    T("", "mrc p14, 0, r1, c1, c0, 0");     /* DBGDRAR (TDRA) */
    return 0;
}

static uint32_t guest_timer(uint32_t unused)
{
    (void)unused;
    T("", "mrrc p15, 0, r2, r3, c14");      /* CNTPCT */
    T("", "mrc p15, 0, r1, c14, c2, 1");    /* CNTP_CTL */
    T("", "mrrc p15, 2, r2, r3, c14");      /* CNTP_CVAL */
    T("", "mrrc p15, 1, r2, r3, c14");      /* CNTVCT: not affected */
    T("", "mrc p15, 0, r1, c14, c3, 1");    /* CNTV_CTL: not affected */
    return 0;
}

static uint32_t usr_timer(uint32_t unused)
{
    (void)unused;
    T("", "mrrc p15, 0, r2, r3, c14");      /* CNTPCT */
    return 0;
}

static uint32_t usr_wfi(uint32_t unused)
{
    (void)unused;
    T("", "wfi");
    return 0;
}

/* In User mode with HCR.TGE = 1, entered straight from Hyp mode. */
static uint32_t usr_tge(uint32_t unused)
{
    (void)unused;
    T("", "udf #0x12");
    T("", "svc #0x4321");
    T("", "mrc p15, 0, r1, c1, c0, 0");     /* SCTLR: UNDEFINED at PL0 */
    return 0;
}

static uint32_t run_usr(uint32_t fn)
{
    return run_as_usr((void *)fn, 0);
}

/* Virtual interrupts (ARM ARM B1.8, virtual exceptions): pending while HCR.VI/VF/VA is set (with IMO/FMO/AMO); the
 * guest takes them at its own vectors once it unmasks CPSR.I/F/A. The handlers return with
 * the bit masked again. */
static void report_virtual(const char *what)
{
    puts(what);
    puts(":");
    if (pl1_seen.count) {
        put_field("guest vector", pl1_seen.vector);
        put_field("from mode", pl1_seen.spsr & 0x1f);
        if (pl1_seen.vector == 0x10)
            put_field("dfsr.fs", pl1_seen.dfsr & 0x40f);
    } else {
        puts(" not taken");
    }
    put_field("hyp traps", hyp_seen.count);
    puts("\n");
}

static uint32_t guest_virq(uint32_t unused)
{
    (void)unused;
    clear_traps();
    __asm__ volatile("nop\n\tnop" : : : "memory");
    report_virtual("masked");
    clear_traps();
    __asm__ volatile("cpsie i\n\tnop\n\tnop\n\tcpsid i" : : : "memory");
    report_virtual("cpsie i");
    return 0;
}

static uint32_t guest_vfiq(uint32_t unused)
{
    (void)unused;
    clear_traps();
    __asm__ volatile("cpsie f\n\tnop\n\tnop\n\tcpsid f" : : : "memory");
    report_virtual("cpsie f");
    return 0;
}

static uint32_t guest_vabort(uint32_t unused)
{
    (void)unused;
    clear_traps();
    __asm__ volatile("cpsie a\n\tnop\n\tnop\n\tcpsid a" : : : "memory");
    report_virtual("cpsie a");
    return 0;
}

/* ---- Hypervisor side ----------------------------------------------------------------------- */
/* HCPTR.TCP10/11 do not trap Hyp mode's own accesses: they are UNDEFINED there (B4.1.80), taken
 * at HVBAR + 0x04. Only the vector is printed: QEMU 7.2 reports HSR.EC 0x07 for them, where the
 * ARM ARM's undefined instruction exception in Hyp mode has EC 0x00 (QEMU-DIFFERENCES.md). */
static void hyp_vfp(const char *insn, uint32_t at)
{
    puts(insn);
    puts(":");
    if (hyp_seen.count) {
        put_field("hyp vector", hyp_seen.vector);
        put_offset("elr", hyp_seen.pc, at);
    } else {
        puts(" no trap");
    }
    puts("\n");
}
#define TH(insn) do { \
        clear_traps(); \
        uint32_t at_ = PROBE(".fpu neon-vfpv4\n\tmov r0, %1", insn, "r"(buffer)); \
        hyp_vfp(insn, at_); \
    } while (0)

static void hyp_tcp10(void)
{
    puts("-- hcptr.tcp10 tcp11 (hyp mode)\n");
    TH("vmrs r1, fpexc");                   /* allowed: CPACR does not apply in Hyp mode */
    cp_write(HCPTR, HCPTR_TCP10 | HCPTR_TCP11);
    isb();
    TH("vmrs r1, fpexc");
    TH("vmrs r1, fpsid");
    cp_write(HCPTR, 0);
    isb();
}

static void trap_group(const char *name, uint32_t hcr, uint32_t hstr, uint32_t hcptr, uint32_t hdcr,
                       void *fn, uint32_t arg)
{
    puts("-- ");
    puts(name);
    puts("\n");
    cp_write(HCR, hcr);
    cp_write(HSTR, hstr);
    cp_write(HCPTR, hcptr);
    cp_write(HDCR, HDCR_HPMN | hdcr);
    isb();
    enter_guest(fn, arg, MODE_SVC);
    cp_write(HCR, 0);
    cp_write(HSTR, 0);
    cp_write(HCPTR, 0);
    cp_write(HDCR, HDCR_HPMN);
    isb();
}

int main(void)
{
    puts("hyp_traps\n");
    cp_write(HVBAR, (uint32_t)hyp_vectors);
    cp_write(VBAR, (uint32_t)pl1_vectors);

    trap_group("hcr.twi", HCR_TWI, 0, 0, 0, guest_wfi, 0);
    trap_group("hcr.twi (pl0)", HCR_TWI, 0, 0, 0, run_usr, (uint32_t)usr_wfi);
    trap_group("hcr.tsc", HCR_TSC, 0, 0, 0, guest_smc, 0);
    trap_group("no traps", 0, 0, 0, 0, guest_vfp_on, 0);
    trap_group("hcr.tid0", HCR_TID0, 0, 0, 0, guest_id0, 0);
    trap_group("hcr.tid1", HCR_TID1, 0, 0, 0, guest_id1, 0);
    trap_group("hcr.tid2", HCR_TID2, 0, 0, 0, guest_id2, 0);
    trap_group("hcr.tid3", HCR_TID3, 0, 0, 0, guest_id3, 0);
    trap_group("hcr.tac", HCR_TAC, 0, 0, 0, guest_actlr, 0);
    trap_group("hcr.tvm", HCR_TVM, 0, 0, 0, guest_tvm, 0);
    trap_group("hcr.ttlb", HCR_TTLB, 0, 0, 0, guest_tlb, 0);
    trap_group("hstr.t2 t13 t15", 0, (1u << 2) | (1u << 13) | (1u << 15), 0, 0, guest_hstr, 0);
    trap_group("hstr.t13 (pl0)", 0, 1u << 13, 0, 0, run_usr, (uint32_t)usr_hstr);
    trap_group("hcptr.tcp10 tcp11", 0, 0, HCPTR_TCP10 | HCPTR_TCP11, 0, guest_vfp, 0);
    trap_group("hcptr.tcp10 tcp11 (pl0)", 0, 0, HCPTR_TCP10 | HCPTR_TCP11, 0, run_usr, (uint32_t)usr_vfp);
    trap_group("hcptr.tcp10 tcp11, cpacr off", 0, 0, HCPTR_TCP10 | HCPTR_TCP11, 0, guest_vfp_cpacr_off, 0);
    trap_group("guest clears fpexc.en", 0, 0, 0, 0, guest_fpexc, 0);
    trap_group("hcptr.tcp10 tcp11, fpexc.en=0", 0, 0, HCPTR_TCP10 | HCPTR_TCP11, 0, guest_vfp_disabled, 0);
    trap_group("hcr.tid0 tid3, fpexc.en=0", HCR_TID0 | HCR_TID3, 0, 0, 0, guest_id_disabled, 0);
    trap_group("guest sets fpexc.en", 0, 0, 0, 0, guest_fpexc, 1u << 30);
    trap_group("hcptr.tcp10 tcp11 (pl0 id)", 0, 0, HCPTR_TCP10 | HCPTR_TCP11, 0, run_usr, (uint32_t)usr_vfp_id);
    hyp_tcp10();
    trap_group("hdcr.tpm", 0, 0, 0, HDCR_TPM, guest_pmu, 0);
    trap_group("guest sets pmuserenr.en=1", 0, 0, 0, 0, guest_pmuserenr, 1);
    trap_group("no traps (pl0, pmuserenr.en=1)", 0, 0, 0, 0, run_usr, (uint32_t)usr_pmu);
    trap_group("hdcr.tpm (pl0)", 0, 0, 0, HDCR_TPM, run_usr, (uint32_t)usr_pmu);
    trap_group("guest clears pmuserenr.en", 0, 0, 0, 0, guest_pmuserenr, 0);
    trap_group("hdcr.tda", 0, 0, 0, HDCR_TDA, guest_debug, 0);
    trap_group("hdcr.tdosa", 0, 0, 0, HDCR_TDOSA, guest_debug, 0);
    trap_group("hdcr.tdra", 0, 0, 0, HDCR_TDRA, guest_debug_rom, 0);
    trap_group("hdcr.tde", 0, 0, 0, HDCR_TDE, guest_debug_rom, 0);
    trap_group("no traps (pl0 debug)", 0, 0, 0, 0, run_usr, (uint32_t)usr_debug);
    trap_group("hdcr.tda tdra (pl0)", 0, 0, 0, HDCR_TDA | HDCR_TDRA, run_usr, (uint32_t)usr_debug);

    /* CNTHCTL (B4.1, CNTHCTL): PL1PCTEN = 0 traps CNTPCT, PL1PCEN = 0 the physical timer. */
    cp_write(CNTKCTL, 3);                   /* PL0 may read the counters */
    cp_write(CNTHCTL, 0);
    trap_group("cnthctl=0", 0, 0, 0, 0, guest_timer, 0);
    trap_group("cnthctl=0 (pl0)", 0, 0, 0, 0, run_usr, (uint32_t)usr_timer);
    cp_write(CNTHCTL, 3);
    cp_write(CNTKCTL, 0);

    /* HCR.TGE: exceptions from User mode go to Hyp mode. */
    puts("-- hcr.tge (pl0)\n");
    cp_write(HCR, HCR_TGE);
    isb();
    enter_guest(usr_tge, 0, MODE_USR);
    cp_write(HCR, 0);
    isb();

    trap_group("hcr.imo vi", HCR_IMO | HCR_VI, 0, 0, 0, guest_virq, 0);
    trap_group("hcr.vi without imo", HCR_VI, 0, 0, 0, guest_virq, 0);
    trap_group("hcr.fmo vf", HCR_FMO | HCR_VF, 0, 0, 0, guest_vfiq, 0);
    trap_group("hcr.amo va", HCR_AMO | HCR_VA, 0, 0, 0, guest_vabort, 0);
    put_line("hcr", cp_read(HCR));
    return 0;
}
