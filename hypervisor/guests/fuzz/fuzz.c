/* fuzz: a guest that throws thousands of random requests at the hypervisor, to show that
 * nothing a guest asks for can bring the hypervisor (or another domain) down: the worst it gets
 * is an error code or an exception of its own (issue 6).
 *
 * From one constant seed (so every run is the same) it makes
 *   - hypercalls (HVC #0xEA1): numbers 0-63, most often the ones Xen has on ARM (XEN-ABI.md
 *     §1.1, §2), with random commands and arguments: small numbers, domain ids, boundary
 *     values, and pointers that are NULL, unaligned, unmapped, cross the end of its RAM or point
 *     into a scratch page it owns;
 *   - PSCI and SMCCC calls through HVC #0 and SMC #0 (§9), and HVCs with other immediates,
 *     which are undefined instructions for the guest (§1);
 *   - loads and stores of every size to random and real registers of the virtual GIC's
 *     distributor (0x03001000), the vpl011 (0x22000000) and addresses with nothing there,
 *     including forms whose syndrome does not describe them (LDRD, STRD, writeback), which
 *     the hypervisor decodes from the instruction itself (decode.c).
 * It counts what came back for each, prints a summary and shuts its domain down.
 *
 * To survive it must not ask for its own end: no SCHEDOP_shutdown, block, poll, watchdog or
 * remote_shutdown, no PSCI SYSTEM_OFF, SYSTEM_RESET, CPU_OFF, CPU_SUSPEND or CPU_ON (a second
 * vCPU started at a random address), no multicall (random calls inside it could be any of
 * those). And nothing the hypervisor writes may land on its code, data or stack: every value
 * it passes, in a register or in the scratch page, that would point into its first MiB of RAM
 * is moved into the scratch page, and every value that would be one of those frame numbers
 * (memory_op and grant copies take frames) is moved away. The scratch page is the last page
 * of its RAM, so a long array read from it runs off the end of RAM within 4 KiB.
 *
 * It takes its own exceptions (vectors.h) and expects them only inside probes (probe.h);
 * any other one is reported and ends the run as a crash. */
#include "../common/print.h"
#include "../common/probe.h"

#define SEED            0x2f6b1a3du
#define HYPERCALLS      4000
#define PSCI_CALLS      400
#define BAD_HVCS        200
#define MMIO_ACCESSES   1600
#define OPERATIONS      (HYPERCALLS + PSCI_CALLS + BAD_HVCS + MMIO_ACCESSES)

#define RAM_BASE        0x40000000u
#define RAM_END         0x41000000u     /* 16 MiB, as every HypLab domain (XEN-ABI.md §5) */
#define MINE_END        0x40100000u     /* its image, data, stacks: the first MiB */
#define SCRATCH         0x40fff000u     /* the last page of its RAM */
#define SCRATCH_WORDS   1024

#define GICD_BASE       0x03001000u     /* GUEST_GICD_BASE (§5) */
#define GICC_BASE       0x03002000u     /* the GICV page, 8 KiB: left alone */
#define PL011_BASE      0x22000000u     /* GUEST_PL011_BASE */

#define DOMID_SELF      0x7ff0u

/* ---- randomness: xorshift32 (Marsaglia, "Xorshift RNGs", 2003), period 2^32 - 1 ---------- */

static uint32_t rng_state = SEED;

static uint32_t rnd(void)
{
    uint32_t x = rng_state;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    return rng_state = x;
}

static uint32_t below(uint32_t n) { return rnd() % n; }

/* ---- values that cannot hurt it -------------------------------------------------------- */

/* An address in its first MiB becomes one in the scratch page; a frame number of its first MiB
 * or of the scratch page becomes one in the unused middle of its RAM. */
static uint32_t tame(uint32_t v)
{
    if (v >= RAM_BASE && v < MINE_END)
        return SCRATCH + (v & 0xfff);
    if ((v >= RAM_BASE >> 12 && v < MINE_END >> 12) || v == SCRATCH >> 12)
        return v ^ 0x800;                           /* 0x40000-0x400ff -> 0x40800-0x408ff */
    return v;
}

static uint32_t random_pointer(void)
{
    static const uint32_t nowhere[] = {
        0x00000000, 0x10000000, GICD_BASE, PL011_BASE, 0x38000000, 0x3ffffffc,
        RAM_END, RAM_END - 2, 0x80000000, 0xfffff000, 0xffffffff,
    };
    switch (below(6)) {
    case 0:  return 0;                                          /* NULL */
    case 1:  return SCRATCH + (below(SCRATCH_WORDS) & ~1u) * 4; /* aligned, in scratch */
    case 2:  return SCRATCH + below(4096);                      /* maybe unaligned */
    case 3:  return RAM_END - 1 - below(32);                    /* runs off the end of RAM */
    case 4:  return nowhere[below(sizeof(nowhere) / sizeof(nowhere[0]))];
    default: return tame(rnd());
    }
}

static uint32_t random_value(void)
{
    static const uint32_t edges[] = { 0, 1, 2, 0x7fffffff, 0x80000000, 0xffffffff, 0xfffffffe, 0x1000 };
    switch (below(6)) {
    case 0:  return below(16);                                  /* commands, ports, vCPUs */
    case 1:  return below(4) == 0 ? DOMID_SELF + below(16) : below(4);   /* domain ids */
    case 2:  return edges[below(sizeof(edges) / sizeof(edges[0]))];
    case 3:
    case 4:  return random_pointer();
    default: return tame(rnd());
    }
}

/* The scratch page, where struct arguments point: a few words new before each call, and every
 * word made harmless again after it (the hypervisor may have written there). */
static void stir_scratch(void)
{
    volatile uint32_t *s = (volatile uint32_t *)SCRATCH;
    for (int i = 0; i < 16; i++)
        s[below(SCRATCH_WORDS)] = random_value();
}

static void tame_scratch(void)
{
    volatile uint32_t *s = (volatile uint32_t *)SCRATCH;
    for (int i = 0; i < SCRATCH_WORDS; i++)
        s[i] = tame(s[i]);
}

/* ---- output: whole lines, each in one console_io call (print.h) ------------------------- */

static struct line out;

/* Adds text to the line being built; a newline prints it. */
static void say(const char *s)
{
    for (; *s; s++) {
        if (*s == '\n') {
            line_print(&out);
        } else {
            char c[2] = { *s, 0 };
            line_str(&out, c);
        }
    }
}

static void say_hex(uint32_t v) { line_hex(&out, v); }
static void say_dec(uint32_t v) { line_dec(&out, v); }

/* ---- exceptions ------------------------------------------------------------------------ */

/* What the handler saw on entry, for the check of exception entry below. */
static volatile uint32_t seen_lr, seen_spsr, seen_cpsr;
static volatile uint32_t unexpected_vector;
static uint32_t step;

/* An exception no probe expected: say so and end the run, in the mode the guest was in. */
static void __attribute__((noreturn)) unexpected(void)
{
    say("\nfuzz: unexpected exception, vector ");
    say_hex(unexpected_vector);
    say(", LR ");
    say_hex(seen_lr);
    say(", at step ");
    say_dec(step);
    say("\n");
    shutdown(SHUTDOWN_crash);
    for (;;)
        ;
}

void on_exception(struct exception_frame *f, uint32_t vector)
{
    uint32_t spsr, cpsr;
    __asm__ volatile("mrs %0, spsr" : "=r"(spsr));
    __asm__ volatile("mrs %0, cpsr" : "=r"(cpsr));
    seen_lr = f->lr;
    seen_spsr = spsr;
    seen_cpsr = cpsr;
    if (probe_caught(f, vector))
        return;
    unexpected_vector = vector;
    f->lr = (uint32_t)unexpected;
}

/* ---- the calls -------------------------------------------------------------------------- */

static uint32_t hypercall5(uint32_t nr, uint32_t a0, uint32_t a1, uint32_t a2, uint32_t a3, uint32_t a4)
{
    register uint32_t r0 __asm__("r0") = a0;
    register uint32_t r1 __asm__("r1") = a1;
    register uint32_t r2 __asm__("r2") = a2;
    register uint32_t r3 __asm__("r3") = a3;
    register uint32_t r4 __asm__("r4") = a4;
    register uint32_t r12 __asm__("r12") = nr;
    __asm__ volatile("hvc #0xea1" : "+r"(r0), "+r"(r1), "+r"(r2), "+r"(r3), "+r"(r4), "+r"(r12) : : "memory");
    return r0;
}

/* Leaves for probe4(): PSCI over HVC #0 and SMC #0 (r0 = function, r1-r3 arguments), and
 * HVCs whose immediate is neither 0xEA1 nor 0. */
__asm__(
    "   .text\n"
    "psci_hvc:  hvc #0\n        bx lr\n"
    "psci_smc:  smc #0\n        bx lr\n"
    "hvc_1:     hvc #1\n        bx lr\n"
    "hvc_ea0:   hvc #0xea0\n    bx lr\n"
    "hvc_ea2:   hvc #0xea2\n    bx lr\n"
    "hvc_8000:  hvc #0x8000\n   bx lr\n"
    "hvc_0ea1:  hvc #0x1ea1\n   bx lr\n");
probe_fn psci_hvc, psci_smc, hvc_1, hvc_ea0, hvc_ea2, hvc_8000, hvc_0ea1;

/* Result counts per hypercall number. */
enum { R_OK, R_EPERM, R_ENOENT, R_EFAULT, R_EINVAL, R_ENOSYS, R_OTHER, R_KINDS };
static const char *const result_names[R_KINDS] = { "ok", "-EPERM", "-ENOENT", "-EFAULT", "-EINVAL", "-ENOSYS", "other" };
static uint32_t results[64][R_KINDS];

static uint32_t result_kind(int32_t r)
{
    switch (r) {
    case -1:  return R_EPERM;
    case -2:  return R_ENOENT;
    case -14: return R_EFAULT;
    case -22: return R_EINVAL;
    case -38: return R_ENOSYS;
    default:  return r >= 0 ? R_OK : R_OTHER;
    }
}

/* The hypercalls Xen has for an ARM guest (XEN-ABI.md §1.1), the ones drawn most often. */
static const struct { uint32_t nr; const char *name; } named[] = {
    { 12, "memory_op" }, { 17, "xen_version" }, { 18, "console_io" }, { 20, "grant_table_op" },
    { 24, "vcpu_op" }, { 29, "sched_op" }, { 32, "event_channel_op" }, { 34, "hvm_op" },
};
#define NAMED   (sizeof(named) / sizeof(named[0]))

static void one_hypercall(void)
{
    uint32_t nr = below(4) ? named[below(NAMED)].nr : below(64);
    if (nr == 13)
        nr = 17;                        /* multicall: see the top of the file */
    uint32_t a[5];
    for (int i = 0; i < 5; i++)
        a[i] = random_value();
    switch (nr) {
    case 18:                            /* console_io(cmd, count, buffer): a short count */
        a[0] = below(3) == 0 ? rnd() : below(2);
        a[1] = below(4) ? below(24) : a[1];
        if (a[1] > 24 && a[2] >= RAM_BASE && a[2] < RAM_END)
            a[1] = 24;                  /* a long one would print its scratch page */
        break;
    case 6:                             /* sched_op_compat, as sched_op if it ever answers */
    case 29:                            /* sched_op(cmd, arg): yield, or a command Xen lacks */
        a[0] = below(2) ? 0 : 8 + below(1000);
        break;
    case 24:                            /* vcpu_op(cmd, vcpuid, arg) */
        if (below(2)) {
            a[0] = below(2) ? 5 : 10;   /* register_runstate_memory_area, register_vcpu_info */
        } else {
            a[0] = below(16);           /* up, down, initialise... for a vCPU it does not have */
            a[1] = 128 + below(1000);
        }
        break;
    default:
        a[0] = below(3) ? below(16) : rnd();
        break;
    }
    stir_scratch();
    int32_t r = (int32_t)hypercall5(nr, a[0], a[1], a[2], a[3], a[4]);
    tame_scratch();
    results[nr][result_kind(r)]++;
}

/* PSCI and SMCCC function ids (XEN-ABI.md §9), those that leave this vCPU running. */
static uint32_t safe_function(void)
{
    static const uint32_t ids[] = {
        0x84000000, 0x84000004, 0x84000006, 0x8400000a, 0x80000000, 0x80000001, 0x80008000,
        0x8500ff00, 0x8500ff01, 0x8500ff03, 0x8400ff00, 0x8400ff01, 0x8400ff03,
    };
    uint32_t f = below(4) ? ids[below(sizeof(ids) / sizeof(ids[0]))] : rnd();
    if (f < 4 || (f & 0xbfffff00u) == 0x84000000u)
        f = 0x84000000;                 /* PSCI 0.1 ids and the 0x84/0xC4 range: not at random */
    return f;
}

static uint32_t psci_returned, psci_undefined, bad_hvc_undefined, bad_hvc_returned;

static void one_psci_call(void)
{
    uint32_t result;
    if (probe4(below(2) ? psci_hvc : psci_smc, safe_function(), random_value(), random_value(), random_value(), &result))
        psci_returned++;
    else
        psci_undefined++;
}

static void one_bad_hvc(void)
{
    static probe_fn *const hvcs[] = { hvc_1, hvc_ea0, hvc_ea2, hvc_8000, hvc_0ea1 };
    if (probe4(hvcs[below(5)], random_value(), random_value(), 0, 0, NULL))
        bad_hvc_returned++;
    else
        bad_hvc_undefined++;
}

/* Registers worth hitting (GIC architecture v2 4.1.2; PL011 TRM 3.2), besides random offsets. */
static const uint16_t gicd_registers[] = {
    0x000, 0x004, 0x008, 0x080, 0x100, 0x104, 0x180, 0x200, 0x280, 0x300, 0x380, 0x400,
    0x420, 0x800, 0x808, 0x820, 0xc00, 0xc08, 0xe00, 0xf00, 0xf10, 0xf20, 0xfe8,
};
static const uint16_t pl011_registers[] = {
    0x00, 0x04, 0x18, 0x24, 0x28, 0x2c, 0x30, 0x38, 0x3c, 0x40, 0x44, 0x48, 0xfe0,
};

enum { M_GICD, M_PL011, M_NOWHERE, M_PLACES };
static const char *const place_names[M_PLACES] = { "vGIC distributor", "vpl011", "nothing there" };
static uint32_t mmio_done[M_PLACES], mmio_aborted[M_PLACES];

/* Probes whose data abort has ISV = 0 (ARM ARM B3.13.6): the hypervisor must read and decode
 * the instruction. (address, value) as the probe_* of probe.h; the pre-indexed store writes at
 * address - 1. */
__asm__(
    "   .text\n"
    "probe_ldrd:      ldrd r2, r3, [r0]\n     eor r0, r2, r3\n  bx lr\n"
    "probe_strd:      mov r2, r1\n  mvn r3, r1\n  strd r2, r3, [r0]\n  bx lr\n"
    "probe_ldr_post:  ldr r2, [r0], #4\n      mov r0, r2\n      bx lr\n"
    "probe_ldrh_post: ldrh r2, [r0], #-2\n    mov r0, r2\n      bx lr\n"
    "probe_strb_pre:  strb r1, [r0, #-1]!\n   bx lr\n"
    "probe_str_post:  str r1, [r0], r1\n      bx lr\n");
probe_fn probe_ldrd, probe_strd, probe_ldr_post, probe_ldrh_post, probe_strb_pre, probe_str_post;

static void one_mmio_access(void)
{
    static probe_fn *const accesses[] = {
        probe_ldrb, probe_ldrsb, probe_ldrh, probe_ldrsh, probe_ldr, probe_strb, probe_strh, probe_str,
        probe_ldrd, probe_strd, probe_ldr_post, probe_ldrh_post, probe_strb_pre, probe_str_post,
    };
    probe_fn *access = accesses[below(sizeof(accesses) / sizeof(accesses[0]))];
    uint32_t place = below(10), address;
    if (place < 5) {
        place = M_GICD;
        address = GICD_BASE + (below(2) ? gicd_registers[below(sizeof(gicd_registers) / 2)] : below(0x1000));
    } else if (place < 9) {
        place = M_PL011;
        address = PL011_BASE + (below(2) ? pl011_registers[below(sizeof(pl011_registers) / 2)] : below(0x1000));
    } else {
        place = M_NOWHERE;
        address = below(RAM_BASE);      /* below its RAM, but not the GICV page */
        if (address - GICC_BASE < 0x2000)
            address = 0x10000000 + (address & 0xfff);
    }
    /* An LDRD or STRD whose second word is on the next page is refused by stopping the domain
     * (decode.c; Xen 4.17 injects a data abort): kept inside the page. */
    if ((access == probe_ldrd || access == probe_strd) && (address & 0xfff) > 0xff8)
        address -= 8;
    if (probe(access, address, rnd(), NULL))
        mmio_done[place]++;
    else
        mmio_aborted[place]++;
}

/* ---- exception entry, checked against the ARM ARM (B1.8.3, B1.9.2, B1.9.8) --------------- */

static uint32_t read_cpsr(void) { uint32_t v; __asm__ volatile("mrs %0, cpsr" : "=r"(v)); return v; }

#define PSR_STATE   0x3ffu              /* M, T, F, I, A, E: what exception entry changes */

static bool check_entry(const char *what, uint32_t lr_expected, uint32_t mode, uint32_t set, uint32_t before)
{
    uint32_t cpsr_expected = (before & ~0x23fu) | mode | set;   /* T = SCTLR.TE = 0, E = 0 */
    if (seen_lr == lr_expected && (seen_spsr & PSR_STATE) == (before & PSR_STATE) &&
        (seen_cpsr & PSR_STATE) == (cpsr_expected & PSR_STATE))
        return true;
    say("fuzz: exception entry wrong for ");
    say(what);
    say(": LR ");
    say_hex(seen_lr);
    say(" (expected ");
    say_hex(lr_expected);
    say("),\nfuzz:   SPSR ");
    say_hex(seen_spsr);
    say(", CPSR ");
    say_hex(seen_cpsr);
    say(" (expected ");
    say_hex(cpsr_expected);
    say(")\n");
    return false;
}

/* An injected data abort and an injected undefined instruction must look exactly like the
 * processor's own: LR = the instruction + 8 (data abort) or + 4 (undefined, ARM state), SPSR =
 * the CPSR before, CPSR in the new mode with I set, A set for the abort only, F unchanged.
 * A and F are cleared first so that "set" and "unchanged" differ. */
static bool exception_entry_is_right(void)
{
    __asm__ volatile("cpsie af" ::: "memory");
    uint32_t before = read_cpsr();
    bool ok = !probe(probe_str, 0x10000000, 0, NULL) &&
              check_entry("a data abort", (uint32_t)probe_str + 8, 0x17, 0x180, before);
    uint32_t dfsr = read_dfsr(), dfar = read_dfar();
    if (ok && (dfsr != 0x002 || dfar != 0x10000000)) {
        say("fuzz: DFSR ");
        say_hex(dfsr);
        say(", DFAR ");
        say_hex(dfar);
        say(": expected 00000002 (debug event, as Xen), 10000000\n");
        ok = false;
    }
    before = read_cpsr();
    ok = ok && !probe4(hvc_1, 0, 0, 0, 0, NULL) &&
         check_entry("an undefined HVC", (uint32_t)hvc_1 + 4, 0x1b, 0x080, before);
    __asm__ volatile("cpsid af" ::: "memory");
    return ok;
}

/* ---- the run ---------------------------------------------------------------------------- */

static void print_count(const char *name, uint32_t n)
{
    say(", ");
    say(name);
    say(" ");
    say_dec(n);
}

static void summary(void)
{
    say("\n");                        /* ends whatever console_io left without a newline */
    say("fuzz: ");
    say_dec(HYPERCALLS);
    say(" hypercalls, ");
    say_dec(PSCI_CALLS);
    say(" PSCI calls, ");
    say_dec(BAD_HVCS);
    say(" other HVCs, ");
    say_dec(MMIO_ACCESSES);
    say(" MMIO accesses, seed ");
    say_hex(SEED);
    say("\n");
    uint32_t other[R_KINDS] = { 0 };
    for (uint32_t nr = 0; nr < 64; nr++) {
        const char *name = NULL;
        for (uint32_t i = 0; i < NAMED; i++)
            if (named[i].nr == nr)
                name = named[i].name;
        uint32_t calls = 0;
        for (int k = 0; k < R_KINDS; k++) {
            calls += results[nr][k];
            if (!name)
                other[k] += results[nr][k];
        }
        if (!name)
            continue;
        say("fuzz:   ");
        say(name);
        say(" (");
        say_dec(nr);
        say("): ");
        say_dec(calls);
        for (int k = 0; k < R_KINDS; k++)
            if (results[nr][k])
                print_count(result_names[k], results[nr][k]);
        say("\n");
    }
    say("fuzz:   other numbers");
    for (int k = 0; k < R_KINDS; k++)
        if (other[k])
            print_count(result_names[k], other[k]);
    say("\nfuzz:   PSCI/SMCCC: returned ");
    say_dec(psci_returned);
    say(", undefined ");
    say_dec(psci_undefined);
    say("; other HVCs: undefined ");
    say_dec(bad_hvc_undefined);
    say(", returned ");
    say_dec(bad_hvc_returned);
    say("\n");
    for (int p = 0; p < M_PLACES; p++) {
        say("fuzz:   MMIO to ");
        say(place_names[p]);
        say(": completed ");
        say_dec(mmio_done[p]);
        say(", aborted ");
        say_dec(mmio_aborted[p]);
        say("\n");
    }
}

int main(const void *dtb)
{
    (void)dtb;
    install_vectors();
    for (int i = 0; i < SCRATCH_WORDS; i++)
        ((volatile uint32_t *)SCRATCH)[i] = 0;
    if (!exception_entry_is_right()) {
        shutdown(SHUTDOWN_crash);
        return 0;
    }
    say("fuzz: injected exceptions enter as the ARM ARM says (LR, SPSR, CPSR, DFSR, DFAR)\n");

    /* The four kinds of operation, shuffled: each step draws one from what is left of each. */
    uint32_t left[4] = { HYPERCALLS, PSCI_CALLS, BAD_HVCS, MMIO_ACCESSES };
    for (step = 0; step < OPERATIONS; step++) {
        uint32_t pick = below(OPERATIONS - step), kind = 0;
        while (pick >= left[kind])
            pick -= left[kind++];
        left[kind]--;
        switch (kind) {
        case 0: one_hypercall(); break;
        case 1: one_psci_call(); break;
        case 2: one_bad_hvc(); break;
        default: one_mmio_access(); break;
        }
    }
    summary();
    say("fuzz: finished, every exception where one was expected\n");
    shutdown(SHUTDOWN_poweroff);
    return 0;
}
