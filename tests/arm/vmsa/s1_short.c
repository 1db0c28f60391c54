/* s1_short: stage 1 translation with the short-descriptor format at PL1 (ARM ARM B3.5).
 *
 * From SVC mode with TTBCR.EAE=0: sections, a supersection, small and large pages; TTBCR.N
 * splitting the address space between TTBR0 and TTBR1; domains (DACR no
 * access / client / manager); the AP[2:0] permissions at PL1 and, through LDRT/STRT, at PL0;
 * execute-never (a prefetch abort); the access flag with SCTLR.AFE=1; TEX remap (SCTLR.TRE)
 * translating; translation faults at both levels; the ATS1C** operations and the 32-bit PAR;
 * TLBIMVA and TLBIALL making a changed entry visible.
 *
 * Every tested address maps to a "tagged" word: physical address P holds the value P, so a
 * read shows which physical address the translation reached. Aborts are recorded by the PL1
 * vector table in vmsa.h and print DFSR/DFAR or IFSR/IFAR. The DFSR/IFSR Domain bits [7:4]
 * are left out: ARM deprecates them and they are UNKNOWN for several faults (B4.1, DFSR). */
#include "vmsa.h"
#include "mmu.h"

/* Where the tagged words are: 8 MB of RAM the program does not otherwise use. */
#define PLAY        0x80800000u

/* First-level table (16 KB, 16 KB aligned), a TTBR0 table for TTBCR.N=2 (4 KB), and
 * second-level tables (1 KB each). */
static uint32_t l1[4096] __attribute__((aligned(16384)));
static uint32_t l1_n2[1024] __attribute__((aligned(4096)));
static uint32_t l2_pages[256] __attribute__((aligned(1024)));      /* VA 0x42000000 */
static uint32_t l2_domain2[256] __attribute__((aligned(1024)));    /* VA 0x45000000 */
static uint32_t l2_code[256] __attribute__((aligned(1024)));       /* VA 0x48000000 */

/* Code that XN tests branch to: "mov r0, #42; bx lr", alone in its page. */
static const uint32_t code_page[1024] __attribute__((aligned(4096))) = { 0xe3a0002a, 0xe12fff1e };

static void tag(uint32_t pa)
{
    *(volatile uint32_t *)pa = pa;
}

static void tag_range(uint32_t pa, uint32_t bytes, uint32_t step)
{
    for (uint32_t a = pa; a < pa + bytes; a += step)
        tag(a);
}

/* After changing an entry: make the walk see it and drop what the TLB holds (B3.10). */
static void tlb_flush_all(void)
{
    dsb();
    cp_write(TLBIALL, 0);
    dsb();
    isb();
}

static void tlb_flush_va(uint32_t va)
{
    dsb();
    cp_write(TLBIMVA, va & 0xfffff000u);    /* ASID 0 */
    dsb();
    isb();
}

/* ---- Accesses (do_access and call_at are in vmsa.h) -------------------------------------- */
static void put_abort(void)
{
    puts(" abort");
    put_field("dfsr", pl1_seen.dfsr & ~0xf0u);
    put_field("dfar", pl1_seen.dfar);
}

/* "what: <access> VA -> value=..." or "-> abort dfsr=... dfar=..."; a store stores 'stored'. */
static void try_tag(const char *what, enum access kind, uint32_t va, uint32_t stored)
{
    clear_traps();
    uint32_t value = do_access(kind, va, stored);
    puts(what);
    puts(": ");
    puts(access_name[kind]);
    puts(" ");
    put_hex(va);
    puts(" ->");
    if (pl1_seen.count)
        put_abort();
    else if (kind == READ || kind == UREAD)
        put_field("value", value);
    else
        puts(" ok");
    puts("\n");
}

static void try(const char *what, enum access kind, uint32_t va)
{
    try_tag(what, kind, va, 0x5ca1ab1e);
}

static void try_exec(const char *what, uint32_t va)
{
    clear_traps();
    uint32_t result = call_at(va);
    puts(what);
    puts(": execute ");
    put_hex(va);
    puts(" ->");
    if (pl1_seen.count) {
        puts(" prefetch abort");
        put_field("ifsr", pl1_seen.ifsr & ~0xf0u);
        put_field("ifar", pl1_seen.ifar);
    } else {
        put_field("returned", result);
    }
    puts("\n");
}

/* ---- Address translation operations -------------------------------------------------------- */
/* The 32-bit PAR (B4.1, PAR): on success PA[31:12] (SS=1: PA[31:24]) and the attributes; on a
 * fault F=1 and the fault status in [6:1]. Printed: the address, SS and F, or F and the fault
 * status; the attribute fields and NS are left out (NS is UNKNOWN in Non-secure state). */
static void put_par32(uint32_t par)
{
    if (par & 1)
        par &= 0x7f;
    else if (par & 2)
        par &= 0xff000003u;
    else
        par &= 0xfffff003u;
    put_field("par", par);
}

#define ATS(op, va) do { cp_write(op, va); isb(); } while (0)

static void ats(const char *what, uint32_t va)
{
    puts("ats ");
    put_hex(va);
    puts(" ");
    puts(what);
    puts(":");
    ATS(ATS1CPR, va);
    puts(" cpr");
    put_par32(cp_read(PAR));
    ATS(ATS1CPW, va);
    puts(" cpw");
    put_par32(cp_read(PAR));
    ATS(ATS1CUR, va);
    puts(" cur");
    put_par32(cp_read(PAR));
    ATS(ATS1CUW, va);
    puts(" cuw");
    put_par32(cp_read(PAR));
    puts("\n");
}

/* ---- The tables ----------------------------------------------------------------------------- */
static void build_tables(void)
{
    /* Identity: the program and the tagged memory (Normal, PL1 RW), the UART and system
     * registers (Device). */
    for (uint32_t mb = 0x800; mb < 0x810; mb++)
        l1[mb] = sd_section(mb << 20, 0, 1, SD_NORMAL_SECTION);
    l1[0x1c0] = sd_section(0x1c000000, 0, 1, SD_DEVICE_SECTION);

    /* 0x40000000: a section onto PLAY. */
    l1[0x400] = sd_section(PLAY, 0, 1, SD_NORMAL_SECTION);
    /* 0x41000000: a supersection onto 0x80000000 (16 entries). */
    for (int i = 0; i < 16; i++)
        l1[0x410 + i] = sd_supersection(0x80000000u, 1, SD_NORMAL_SECTION);
    /* 0x42000000: small pages swapped (0x42000000 -> PLAY+0x101000, 0x42001000 -> PLAY+0x100000),
     * a large page at 0x42010000 -> PLAY+0x110000; the rest faults. */
    l1[0x420] = sd_page_table(l2_pages, 0);
    l2_pages[0] = sd_small_page(PLAY + 0x101000, 1, SD_NORMAL_SMALL);
    l2_pages[1] = sd_small_page(PLAY + 0x100000, 1, SD_NORMAL_SMALL);
    for (int i = 16; i < 32; i++)
        l2_pages[i] = sd_large_page(PLAY + 0x110000, 1, SD_NORMAL_LARGE);
    /* 0x43000000: nothing (a first-level translation fault). */

    /* Domains: 0x44000000 a section in domain 1 (RW for all); 0x45000000 a page table in
     * domain 2 with a RW-for-all page; 0x46000000 a section in domain 1 with no access. */
    l1[0x440] = sd_section(PLAY, 1, 3, SD_NORMAL_SECTION);
    l1[0x450] = sd_page_table(l2_domain2, 2);
    l2_domain2[0] = sd_small_page(PLAY + 0x101000, 3, SD_NORMAL_SMALL);
    l1[0x460] = sd_section(PLAY, 1, 0, SD_NORMAL_SECTION);

    /* Permissions: 0x47n00000 is a section with AP[2:0] = n onto PLAY+0x200000 (n = 4 is
     * reserved and left out). */
    for (uint32_t ap = 0; ap < 8; ap++)
        if (ap != 4)
            l1[0x470 + ap] = sd_section(PLAY + 0x200000, 0, ap, SD_NORMAL_SECTION);

    /* Execute-never: 0x48000000 the code page executable, 0x48001000 the code page XN;
     * 0x49000000 the code page's megabyte as an XN section. */
    uint32_t code = (uint32_t)code_page;
    l1[0x480] = sd_page_table(l2_code, 0);
    l2_code[0] = sd_small_page(code, 1, SD_NORMAL_SMALL);
    l2_code[1] = sd_small_page(code, 1, SD_NORMAL_SMALL | SD_XN_SMALL);
    l1[0x490] = sd_section(code, 0, 1, SD_NORMAL_SECTION | SD_XN_SECTION);

    /* TTBR0's table when TTBCR.N = 2 (VA below 0x40000000): the UART, and 0x00100000 onto
     * PLAY+0x300000 (which l1 leaves unmapped). */
    l1_n2[0x1c0] = l1[0x1c0];
    l1_n2[0x001] = sd_section(PLAY + 0x300000, 0, 1, SD_NORMAL_SECTION);
}

static void tag_memory(void)
{
    tag_range(PLAY, 0x100000, 0x10000);
    tag(PLAY + 0x10);
    tag(PLAY + 0xffffc);
    tag(PLAY + 0xa000);
    tag_range(PLAY + 0x100000, 0x20000, 0x1000);
    tag(PLAY + 0x100ffc);
    tag(PLAY + 0x101008);
    tag(PLAY + 0x102008);
    tag(PLAY + 0x11f00c);
    tag(PLAY + 0x110004);
    tag(PLAY + 0x200000);
    tag(PLAY + 0x300004);
    tag(PLAY + 0x400010);
}

/* ---- Tests ----------------------------------------------------------------------------------- */
static void mappings(void)
{
    try("section", READ, 0x40000010);
    try("section", READ, 0x400ffffc);
    try("supersection", READ, 0x4180a000);
    try("small page", READ, 0x42000008);
    try("small page", READ, 0x42001ffc);
    try("large page", READ, 0x42010004);
    try("large page", READ, 0x4201f00c);
    try("level 1 translation fault", READ, 0x43000000);
    try("level 1 translation fault", WRITE, 0x43000004);
    try("level 2 translation fault", READ, 0x42005000);
    try("level 2 translation fault", WRITE, 0x42020008);
}

/* DACR (B4.1, DACR): two bits per domain, 0 no access, 1 client (AP checked), 3 manager. */
static void domains(void)
{
    static const struct { uint32_t dacr; const char *name; } settings[] = {
        { 0x00000001, "d1 d2 no access" },
        { 0x00000015, "d1 d2 client" },
        { 0x0000001d, "d1 manager d2 client" },
    };
    for (unsigned i = 0; i < sizeof settings / sizeof settings[0]; i++) {
        cp_write(DACR, settings[i].dacr);
        isb();
        try(settings[i].name, READ, 0x44000010);
        try(settings[i].name, READ, 0x45000008);
        try_tag(settings[i].name, WRITE, 0x46000000, PLAY);
    }
    cp_write(DACR, 0x00000001);
    isb();
}

static void permissions(void)
{
    for (uint32_t ap = 0; ap < 8; ap++) {
        if (ap == 4)
            continue;
        uint32_t va = 0x47000000 + (ap << 20);
        puts("ap=");
        put_dec((int32_t)ap);
        for (int kind = READ; kind <= UWRITE; kind++) {
            clear_traps();
            do_access(kind, va, PLAY + 0x200000);
            puts(kind == READ ? " pl1r " : kind == WRITE ? " pl1w " : kind == UREAD ? " pl0r " : " pl0w ");
            if (!pl1_seen.count)
                puts("ok");
            else if (pl1_seen.dfar != va)
                put_hex(0xbad0dfa0);
            else
                put_hex(pl1_seen.dfsr & ~0xf0u);
        }
        puts("\n");
    }
}

static void execute_never(void)
{
    uint32_t code = (uint32_t)code_page;
    try_exec("page", 0x48000000);
    try_exec("xn page", 0x48001000);
    try_exec("xn section", 0x49000000 | (code & 0xfffff));
}

/* SCTLR.AFE (B3.7): AP[0] becomes the access flag, AP[2:1] the permissions. */
static void access_flag(void)
{
    l1[0x4a0] = sd_section(PLAY, 0, 2, SD_NORMAL_SECTION);      /* AP[2:1]=01 (RW), AF=0 */
    l2_code[2] = sd_small_page(PLAY + 0x101000, 2, SD_NORMAL_SMALL);
    tlb_flush_all();
    uint32_t sctlr = cp_read(SCTLR);
    cp_write(SCTLR, sctlr | (1u << 29));
    tlb_flush_all();
    try("afe=1 af=0 section", READ, 0x4a000010);
    try("afe=1 af=0 page", WRITE, 0x48002008);
    l1[0x4a0] |= 1u << 10;
    l2_code[2] |= 1u << 4;
    tlb_flush_va(0x4a000000);
    tlb_flush_va(0x48002000);
    try("afe=1 af=1 section", READ, 0x4a000010);
    try("afe=1 af=1 page", READ, 0x48002008);
    /* With AFE=1, AP[2:1]=00 is PL1-only: a PL0 read faults (permission). */
    l1[0x4a0] = sd_section(PLAY, 0, 1, SD_NORMAL_SECTION);      /* AP[2:1]=00, AF=1 */
    tlb_flush_va(0x4a000000);
    try("afe=1 ap[2:1]=00", UREAD, 0x4a000010);
    cp_write(SCTLR, sctlr);
    tlb_flush_all();
}

/* SCTLR.TRE (B3.8): TEX[0], C, B index PRRR/NMRR; here only that translation still works. */
static void tex_remap(void)
{
    /* Region 0 Strongly-ordered, 1 Device (the UART's TEX=0 C=0 B=1), 2-7 Normal, all
     * inner and outer write-back write-allocate. */
    cp_write(PRRR, 0x0000aaa4);
    cp_write(NMRR, 0x55555555);
    uint32_t sctlr = cp_read(SCTLR);
    cp_write(SCTLR, sctlr | (1u << 28));
    tlb_flush_all();
    try("tre=1 section", READ, 0x40000010);
    try("tre=1 small page", READ, 0x42000008);
    cp_write(SCTLR, sctlr);
    tlb_flush_all();
}

/* TTBCR.N (B3.5): TTBR0 translates VAs below 2^(32-N), TTBR1 the rest. The UART is in
 * TTBR0's half and l1_n2 maps it too, but the results are printed after N is back to 0. */
struct outcome {
    uint32_t aborted, value, dfsr, dfar;
};

static struct outcome read_quietly(uint32_t va)
{
    struct outcome o;
    clear_traps();
    o.value = do_access(READ, va, 0);
    o.aborted = pl1_seen.count;
    o.dfsr = pl1_seen.dfsr;
    o.dfar = pl1_seen.dfar;
    return o;
}

static void put_outcome(const char *what, uint32_t va, struct outcome o)
{
    puts(what);
    puts(": pl1 read ");
    put_hex(va);
    puts(" ->");
    if (o.aborted) {
        puts(" abort");
        put_field("dfsr", o.dfsr & ~0xf0u);
        put_field("dfar", o.dfar);
    } else {
        put_field("value", o.value);
    }
    puts("\n");
}

static void ttbr_split(void)
{
    l1[0x002] = sd_section(PLAY + 0x300000, 0, 1, SD_NORMAL_SECTION);
    tlb_flush_all();
    try("ttbcr.n=0", READ, 0x00200004);
    try("ttbcr.n=0", READ, 0x00100004);
    /* In this order, so that every step translates the code and the UART. */
    cp_write(TTBR1, (uint32_t)l1);
    cp_write(TTBCR, 2);
    cp_write(TTBR0, (uint32_t)l1_n2);
    tlb_flush_all();
    struct outcome low_mapped = read_quietly(0x00100004);
    struct outcome low_unmapped = read_quietly(0x00200004);
    struct outcome high = read_quietly(0x40000010);
    cp_write(TTBR0, (uint32_t)l1);
    cp_write(TTBCR, 0);
    tlb_flush_all();
    put_outcome("ttbcr.n=2 ttbr0", 0x00100004, low_mapped);
    put_outcome("ttbcr.n=2 ttbr0", 0x00200004, low_unmapped);
    put_outcome("ttbcr.n=2 ttbr1", 0x40000010, high);
}

static void translation_ops(void)
{
    ats("section pl1 rw", 0x40000010);
    ats("supersection", 0x41234567);
    ats("small page", 0x42001abc);
    ats("large page", 0x4201f00c);
    ats("section pl1 ro", 0x47500000);
    ats("section pl1 rw pl0 ro", 0x47200000);
    ats("level 1 fault", 0x43000000);
    ats("level 2 fault", 0x42005000);
}

/* TLB maintenance (B3.10): after an entry changes, the old translation may still be used
 * until the TLB entry is invalidated, so only the read after TLBIMVA / TLBIALL is printed. */
static void tlb_maintenance(void)
{
    do_access(READ, 0x42000008, 0);             /* the old translation is likely cached */
    l2_pages[0] = sd_small_page(PLAY + 0x102000, 1, SD_NORMAL_SMALL);
    dsb();
    do_access(READ, 0x42000008, 0);             /* stale or not: not printed */
    tlb_flush_va(0x42000000);
    try("after tlbimva", READ, 0x42000008);
    do_access(READ, 0x40000010, 0);
    l1[0x400] = sd_section(PLAY + 0x400000, 0, 1, SD_NORMAL_SECTION);
    dsb();
    do_access(READ, 0x40000010, 0);
    tlb_flush_all();
    try("after tlbiall", READ, 0x40000010);
}

int main(void)
{
    puts("s1_short\n");
    drop_to_svc();
    cp_write(VBAR, (uint32_t)pl1_vectors);
    tag_memory();
    build_tables();

    cp_write(TTBCR, 0);
    cp_write(TTBR0, (uint32_t)l1);
    cp_write(DACR, 0x00000001);                 /* domain 0 client, the rest no access */
    tlb_flush_all();
    cp_write(SCTLR, cp_read(SCTLR) | 1);        /* M */
    isb();
    put_line("sctlr.m", cp_read(SCTLR) & 1);
    put_line("ttbcr", cp_read(TTBCR));

    mappings();
    domains();
    permissions();
    execute_never();
    access_flag();
    tex_remap();
    ttbr_split();
    translation_ops();
    tlb_maintenance();

    cp_write(SCTLR, cp_read(SCTLR) & ~1u);
    isb();
    put_line("sctlr.m", cp_read(SCTLR) & 1);
    return 0;
}
