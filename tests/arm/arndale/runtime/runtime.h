/* runtime.h: what every Arndale test program gets (the same calls as tests/arm/common's):
 * console output over UART2, the Exynos 5250 console (BOARDS.md §3.4), a power-off through
 * the PMU's PS_HOLD (§3.6), and a way down from Hyp to SVC mode. */
#ifndef RUNTIME_H
#define RUNTIME_H

#include <stdint.h>

void putc(char c);
void puts(const char *s);                 /* no newline added; '\n' is sent as "\r\n" */
void put_hex(uint32_t value);             /* 8 hex digits */
void put_dec(int32_t value);
void put_line(const char *label, uint32_t value);   /* "label=XXXXXXXX\n" */
void power_off(void) __attribute__((noreturn));

/* Leaves Hyp mode for SVC (A, I, F masked) with every PL1 mode given its own stack. */
void drop_to_svc(void);

/* A running checksum, so a test can fold many results into one line of output. */
uint32_t crc32_update(uint32_t crc, uint32_t word);

extern uint8_t __scratch[], __scratch_end[];

/* CPU1's wait loop (start.S): the boot-ROM-like path a secondary takes, and the last
 * interrupt acknowledge it saw. */
extern char sysram_wait[];
extern volatile uint32_t boot_iar;

/* r0, r1, r2 as the loader set them: 0, the machine type and the device tree's address for a
 * raw image (Documentation/arm/booting), zeros for an ELF. */
extern volatile uint32_t boot_regs[3];

#endif
