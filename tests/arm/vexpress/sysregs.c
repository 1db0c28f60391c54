/* sysregs: the V2M-P1 system registers at 0x1C010000 (BOARDS.md §2.6) and the NOR flash banks
 * as QEMU 7.2 leaves them with no image loaded (BOARDS.md §2.1):
 *   - identification (SYS_ID, SYS_PROCID0/1), switches, MISC, MCI, the RAZ registers;
 *   - the read/write registers: SYS_LED, SYS_LOCK (0xA05F unlocks), SYS_FLAGS set/clear,
 *     SYS_NVFLAGS set/clear, CFGDATA1/2;
 *   - SYS_24MHZ counting up (only that it increases: its rate is the host's on QEMU);
 *   - the configuration interface: an oscillator and a voltage read through SYS_CFGCTRL, the
 *     COMPLETE and ERROR bits of SYS_CFGSTAT, START reading as zero, an unknown function;
 *   - flash reads at 0x0 (alias), 0x08000000 and 0x0C000000, and a plain write to flash.
 * Power-off at the end goes through the same interface (runtime.c). */
#include "../vmsa/vmsa.h"

static inline uint32_t rd(uint32_t addr) { return *(volatile uint32_t *)addr; }
static inline void wr(uint32_t addr, uint32_t v) { *(volatile uint32_t *)addr = v; }

#define POLL_LIMIT  50000000u

#define SYS         0x1c010000u
#define SYS_ID      (SYS + 0x000)
#define SYS_SW      (SYS + 0x004)
#define SYS_LED     (SYS + 0x008)
#define SYS_LOCK    (SYS + 0x020)
#define SYS_100HZ   (SYS + 0x024)
#define SYS_CFGDATA1 (SYS + 0x028)
#define SYS_CFGDATA2 (SYS + 0x02c)
#define SYS_FLAGS   (SYS + 0x030)
#define SYS_FLAGSCLR (SYS + 0x034)
#define SYS_NVFLAGS (SYS + 0x038)
#define SYS_NVFLAGSCLR (SYS + 0x03c)
#define SYS_RESETCTL (SYS + 0x040)
#define SYS_PCICTL  (SYS + 0x044)
#define SYS_MCI     (SYS + 0x048)
#define SYS_FLASH   (SYS + 0x04c)
#define SYS_CLCD    (SYS + 0x050)
#define SYS_CFGSW   (SYS + 0x058)
#define SYS_24MHZ   (SYS + 0x05c)
#define SYS_MISC    (SYS + 0x060)
#define SYS_PROCID0 (SYS + 0x084)
#define SYS_PROCID1 (SYS + 0x088)
#define SYS_CFGDATA (SYS + 0x0a0)
#define SYS_CFGCTRL (SYS + 0x0a4)
#define SYS_CFGSTAT (SYS + 0x0a8)

#define CFG_START   (1u << 31)
#define CFG_WRITE   (1u << 30)
#define CFG_FUNC(f) ((uint32_t)(f) << 20)
#define CFG_SITE(s) ((uint32_t)(s) << 16)
#define FUNC_OSC    1
#define FUNC_VOLT   2
#define FUNC_TEMP   4

static void identification(void)
{
    puts("id");
    put_field("sys_id", rd(SYS_ID));
    put_field("procid0", rd(SYS_PROCID0));
    put_field("procid1", rd(SYS_PROCID1));
    puts("\nread-only");
    put_field("sw", rd(SYS_SW));
    put_field("100hz", rd(SYS_100HZ));
    put_field("resetctl", rd(SYS_RESETCTL));
    put_field("pcictl", rd(SYS_PCICTL));
    put_field("mci", rd(SYS_MCI));
    puts("\nread-only");
    put_field("flash", rd(SYS_FLASH));
    put_field("clcd", rd(SYS_CLCD));
    put_field("cfgsw", rd(SYS_CFGSW));
    put_field("misc", rd(SYS_MISC));
    put_field("osc0", rd(SYS + 0x0c));
    puts("\n");
    /* writes to read-only registers change nothing */
    wr(SYS_ID, 0);
    wr(SYS_PROCID0, 0);
    wr(SYS_RESETCTL, 0xffffffff);
    wr(SYS_CLCD, 0xffffffff);
    puts("after writes");
    put_field("sys_id", rd(SYS_ID));
    put_field("procid0", rd(SYS_PROCID0));
    put_field("resetctl", rd(SYS_RESETCTL));
    put_field("clcd", rd(SYS_CLCD));
    puts("\n");
}

static void read_write(void)
{
    puts("led");
    put_field("reset", rd(SYS_LED));
    wr(SYS_LED, 0xa5);
    put_field("a5", rd(SYS_LED));
    wr(SYS_LED, 0xffffffff);
    put_field("ffffffff", rd(SYS_LED));
    wr(SYS_LED, 0);
    puts("\nlock");
    put_field("reset", rd(SYS_LOCK));
    wr(SYS_LOCK, 0xa05f);
    put_field("a05f", rd(SYS_LOCK));
    wr(SYS_LOCK, 0x1234);
    put_field("1234", rd(SYS_LOCK));
    wr(SYS_LOCK, 0xffffffff);
    put_field("ffffffff", rd(SYS_LOCK));
    wr(SYS_LOCK, 0);
    puts("\ncfgdata12");
    wr(SYS_CFGDATA1, 0x11223344);
    wr(SYS_CFGDATA2, 0x55667788);
    put_field("1", rd(SYS_CFGDATA1));
    put_field("2", rd(SYS_CFGDATA2));
    puts("\n");
}

static void flags(void)
{
    puts("flags");
    put_field("reset", rd(SYS_FLAGS));
    wr(SYS_FLAGS, 0x80010000);
    put_field("set", rd(SYS_FLAGS));
    wr(SYS_FLAGS, 0x0000000f);
    put_field("set", rd(SYS_FLAGS));
    wr(SYS_FLAGSCLR, 0x80000005);
    put_field("clr", rd(SYS_FLAGS));
    put_field("flagsclr", rd(SYS_FLAGSCLR));
    wr(SYS_FLAGSCLR, 0xffffffff);
    put_field("clr all", rd(SYS_FLAGS));
    puts("\nnvflags");
    put_field("reset", rd(SYS_NVFLAGS));
    wr(SYS_NVFLAGS, 0x00ff00ff);
    put_field("set", rd(SYS_NVFLAGS));
    wr(SYS_NVFLAGSCLR, 0x000f000f);
    put_field("clr", rd(SYS_NVFLAGS));
    put_field("nvflagsclr", rd(SYS_NVFLAGSCLR));
    wr(SYS_NVFLAGSCLR, 0xffffffff);
    puts("\n");
}

static void counter(void)
{
    uint32_t a = rd(SYS_24MHZ);
    int increased = 0;
    for (uint32_t i = 0; i < POLL_LIMIT && !increased; i++)
        increased = rd(SYS_24MHZ) != a;
    uint32_t b = rd(SYS_24MHZ);
    uint32_t c = rd(SYS_24MHZ);
    puts("24mhz increases: ");
    puts(yes_no(increased && b - a < 0x80000000u && c - b < 0x80000000u));
    puts("\n");
}

/* One configuration transaction, as Linux's vexpress-sysreg and Xen do it. */
static void cfg(const char *label, uint32_t ctrl, uint32_t data)
{
    wr(SYS_CFGSTAT, 0);
    wr(SYS_CFGDATA, data);
    wr(SYS_CFGCTRL, CFG_START | ctrl);
    puts(label);
    put_field("ctrl", rd(SYS_CFGCTRL));
    put_field("stat", rd(SYS_CFGSTAT));
    put_field("data", rd(SYS_CFGDATA));
    puts("\n");
}

static void config(void)
{
    puts("cfg reset");
    put_field("ctrl", rd(SYS_CFGCTRL));
    put_field("stat", rd(SYS_CFGSTAT));
    put_field("data", rd(SYS_CFGDATA));
    puts("\n");
    cfg("osc mb 1", CFG_FUNC(FUNC_OSC) | CFG_SITE(0) | 1, 0);
    cfg("osc mb 2", CFG_FUNC(FUNC_OSC) | CFG_SITE(0) | 2, 0);
    cfg("osc db 0", CFG_FUNC(FUNC_OSC) | CFG_SITE(1) | 0, 0);
    cfg("osc db 5", CFG_FUNC(FUNC_OSC) | CFG_SITE(1) | 5, 0);
    cfg("osc db 9", CFG_FUNC(FUNC_OSC) | CFG_SITE(1) | 9, 0x77);
    cfg("volt mb 0", CFG_FUNC(FUNC_VOLT) | CFG_SITE(0) | 0, 0);
    cfg("volt db 0", CFG_FUNC(FUNC_VOLT) | CFG_SITE(1) | 0, 0);
    cfg("temp db 0", CFG_FUNC(FUNC_TEMP) | CFG_SITE(1) | 0, 0x55);
    cfg("osc write", CFG_WRITE | CFG_FUNC(FUNC_OSC) | CFG_SITE(0) | 1, 25000000);
    cfg("osc mb 1", CFG_FUNC(FUNC_OSC) | CFG_SITE(0) | 1, 0);
    cfg("site 2", CFG_FUNC(FUNC_OSC) | CFG_SITE(2) | 0, 0);
    cfg("dcc 1", (1u << 26) | CFG_FUNC(FUNC_OSC) | 1, 0);
    /* without START nothing happens; bits [19:18] read as zero */
    wr(SYS_CFGSTAT, 0);
    wr(SYS_CFGCTRL, CFG_FUNC(FUNC_OSC) | (3u << 18) | 2);
    puts("no start");
    put_field("ctrl", rd(SYS_CFGCTRL));
    put_field("stat", rd(SYS_CFGSTAT));
    wr(SYS_CFGSTAT, 0xffffffff);
    put_field("stat written", rd(SYS_CFGSTAT));
    puts("\n");
}

#define FLASH_ALIAS 0x00000000u
#define FLASH0      0x08000000u
#define FLASH1      0x0c000000u

/* do_access, not rd(): address 0 through a plain pointer is undefined behaviour in C. */
static void flash(void)
{
    puts("flash");
    put_field("alias", do_access(READ, FLASH_ALIAS, 0));
    put_field("alias+4", do_access(READ, FLASH_ALIAS + 4, 0));
    put_field("flash0", do_access(READ, FLASH0, 0));
    put_field("flash1", do_access(READ, FLASH1, 0));
    put_field("flash1 end", do_access(READ, FLASH1 + 0x3fffffc, 0));
    puts("\nflash bytes");
    put_field("b", *(volatile uint8_t *)(FLASH0 + 1));
    put_field("h", *(volatile uint16_t *)(FLASH0 + 2));
    puts("\n");
    /* a plain data write: 0x78 is no CFI command, so the bank stays in read-array mode */
    do_access(WRITE, FLASH1 + 0x100, 0x12345678);
    do_access(WRITE, FLASH0 + 0x100, 0x12345678);
    puts("flash after write");
    put_field("flash1", do_access(READ, FLASH1 + 0x100, 0));
    put_field("flash0", do_access(READ, FLASH0 + 0x100, 0));
    put_field("alias", do_access(READ, FLASH_ALIAS + 0x100, 0));
    puts("\n");
}

int main(void)
{
    puts("sysregs\n");
    identification();
    read_write();
    flags();
    counter();
    config();
    flash();
    return 0;
}
