/* arndale.h: what the Arndale programs share: CP15 access, the Exynos 5250 GIC-400 map
 * (GICD 0x10481000, GICC 0x10482000; BOARDS.md §3.2, register offsets §5.4), and a Hyp vector
 * table whose IRQ entry acknowledges at GICC_IAR, records the event for the CPU that took it,
 * runs that CPU's action and writes GICC_EOIR. Both CPUs may use it: GICC is banked per CPU,
 * and HVBAR is each CPU's own. */
#ifndef ARNDALE_H
#define ARNDALE_H

#include "runtime.h"

/* ---- CP15 (BOARDS.md §4.2) ------------------------------------------------------------------ */
#define MPIDR       p15, 0, c0, c0, 5
#define HVBAR       p15, 4, c12, c0, 0
#define CNTFRQ      p15, 0, c14, c0, 0
#define CNTP_TVAL   p15, 0, c14, c2, 0
#define CNTP_CTL    p15, 0, c14, c2, 1
#define CNTV_TVAL   p15, 0, c14, c3, 0
#define CNTV_CTL    p15, 0, c14, c3, 1
#define CNTHP_TVAL  p15, 4, c14, c2, 0
#define CNTHP_CTL   p15, 4, c14, c2, 1
#define CNTPCT      p15, 0, c14

#define cp_read(...)        cp_read_(__VA_ARGS__)
#define cp_write(...)       cp_write_(__VA_ARGS__)
#define cp_read64(...)      cp_read64_(__VA_ARGS__)
#define cp_read_(cp, o1, n, m, o2) ({ uint32_t v_; \
        __asm__ volatile("mrc " #cp ", " #o1 ", %0, " #n ", " #m ", " #o2 : "=r"(v_) : : "memory"); v_; })
#define cp_write_(cp, o1, n, m, o2, v) \
        __asm__ volatile("mcr " #cp ", " #o1 ", %0, " #n ", " #m ", " #o2 : : "r"((uint32_t)(v)) : "memory")
#define cp_read64_(cp, o1, m) ({ uint64_t v_; \
        __asm__ volatile("mrrc " #cp ", " #o1 ", %Q0, %R0, " #m : "=r"(v_) : : "memory"); v_; })

static inline void isb(void) { __asm__ volatile("isb" : : : "memory"); }
static inline void dsb(void) { __asm__ volatile("dsb" : : : "memory"); }
static inline void irq_on(void) { __asm__ volatile("cpsie i" : : : "memory"); }
static inline void irq_off(void) { __asm__ volatile("cpsid i" : : : "memory"); }
static inline uint32_t cpsr(void) { uint32_t v; __asm__ volatile("mrs %0, cpsr" : "=r"(v)); return v; }
static inline uint32_t this_cpu(void) { return cp_read(MPIDR) & 0xff; }

static inline uint32_t rd(uint32_t addr) { return *(volatile uint32_t *)addr; }
static inline void wr(uint32_t addr, uint32_t v) { *(volatile uint32_t *)addr = v; }
static inline void wr8(uint32_t addr, uint8_t v) { *(volatile uint8_t *)addr = v; }

static inline const char *yes_no(int b) { return b ? "yes" : "no"; }

static inline void put_field(const char *label, uint32_t value)
{
    puts(" ");
    puts(label);
    puts("=");
    put_hex(value);
}

/* ---- GIC-400 ---------------------------------------------------------------------------------- */
#define GICD            0x10481000u
#define GICC            0x10482000u
#define GICD_CTLR       (GICD + 0x000)
#define GICD_ISENABLER(n)   (GICD + 0x100 + 4 * (n))
#define GICD_ICENABLER(n)   (GICD + 0x180 + 4 * (n))
#define GICD_ISPENDR(n)     (GICD + 0x200 + 4 * (n))
#define GICD_IPRIORITYR (GICD + 0x400)
#define GICD_ITARGETSR  (GICD + 0x800)
#define GICD_SGIR       (GICD + 0xf00)
#define GICC_CTLR       (GICC + 0x00)
#define GICC_PMR        (GICC + 0x04)
#define GICC_IAR        (GICC + 0x0c)
#define GICC_EOIR       (GICC + 0x10)
#define GICC_HPPIR      (GICC + 0x18)

/* Interrupt IDs (BOARDS.md §1, §3.1, §3.5) */
#define ID_HYP_TIMER    26
#define ID_VIRT_TIMER   27
#define ID_PHYS_TIMER   30
#define ID_UART2        85      /* SPI 53 */
#define ID_MCT_L0       152     /* SPI 120 */
#define ID_MCT_L1       153     /* SPI 121 */

/* Routes an SPI (or enables an SGI/PPI) to 'cpu' at priority 'prio'. */
static inline void gic_route(uint32_t id, uint32_t cpu, uint8_t prio)
{
    wr8(GICD_IPRIORITYR + id, prio);
    if (id >= 32)
        wr8(GICD_ITARGETSR + id, (uint8_t)(1u << cpu));
    wr(GICD_ISENABLER(id / 32), 1u << (id % 32));
}

/* This CPU's interface on, with every priority below 0xf0 let through. */
static inline void gic_cpu_on(void)
{
    wr(GICC_PMR, 0xf0);
    wr(GICC_CTLR, 1);
}

/* ---- The IRQ handler -------------------------------------------------------------------------- */
/* Per CPU: the events the handler records, in order: an acknowledge (the IAR value) and its EOI. */
#define MAX_EVENTS 16
#define EV_EOI  0x80000000u
struct irq_log {
    volatile uint32_t events[MAX_EVENTS];
    volatile uint32_t count;
    volatile uint32_t taken;
    void (*volatile action)(uint32_t iar);
};
static struct irq_log irq_log[2];

void arndale_irq(void)
{
    struct irq_log *log = &irq_log[this_cpu() & 1];
    uint32_t iar = rd(GICC_IAR);
    log->taken++;
    if (log->count < MAX_EVENTS)
        log->events[log->count] = iar;
    log->count++;
    if ((iar & 0x3ff) >= 1020)
        return;
    if (log->action)
        log->action(iar);
    if (log->count < MAX_EVENTS)
        log->events[log->count] = EV_EOI | iar;
    log->count++;
    wr(GICC_EOIR, iar);
}

/* Hyp vectors: IRQ goes to arndale_irq; anything else is unexpected and stops the CPU where a
 * debugger shows it. */
__asm__(
"    .pushsection .text\n"
"    .align 5\n"
"    .global arndale_hyp_vectors\n"
"arndale_hyp_vectors:\n"
"    b .\n    b .\n    b .\n    b .\n    b .\n    b .\n    b arndale_hyp_irq\n    b .\n"
"arndale_hyp_irq:\n"
"    push {r0-r12, lr}\n"
"    mrs r0, elr_hyp\n"
"    mrs r1, spsr\n"
"    push {r0, r1}\n"
"    mov r4, sp\n"
"    bic sp, sp, #7\n"
"    bl arndale_irq\n"
"    mov sp, r4\n"
"    pop {r0, r1}\n"
"    msr elr_hyp, r0\n"
"    msr spsr_cxsf, r1\n"
"    pop {r0-r12, lr}\n"
"    eret\n"
"    .popsection\n"
);
extern char arndale_hyp_vectors[];

static inline void vectors_on(void)
{
    cp_write(HVBAR, (uint32_t)arndale_hyp_vectors);
    isb();
}

static inline void clear_events(void)
{
    struct irq_log *log = &irq_log[this_cpu() & 1];
    log->count = 0;
    log->taken = 0;
}

/* Prints a CPU's recorded events: "label: ack 00000055 eoi 00000055 ...". */
static inline void put_events(const char *label, uint32_t cpu)
{
    struct irq_log *log = &irq_log[cpu & 1];
    puts(label);
    puts(":");
    for (uint32_t i = 0; i < log->count && i < MAX_EVENTS; i++) {
        puts(log->events[i] & EV_EOI ? " eoi " : " ack ");
        put_hex(log->events[i] & ~EV_EOI);
    }
    puts("\n");
}

/* Bounded waits: a wrong emulator must end the program, not hang it. */
#define POLL_LIMIT  50000000u

/* Unmasks IRQs until 'count' interrupts were taken on this CPU (bounded), then masks them. */
static inline int take_irqs(uint32_t count)
{
    struct irq_log *log = &irq_log[this_cpu() & 1];
    uint32_t i = 0;
    irq_on();
    while (log->taken < count && i < POLL_LIMIT)
        i++;
    irq_off();
    return log->taken >= count;
}

#endif
