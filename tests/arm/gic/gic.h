/* gic.h: what the gic/ programs share: the GIC-400 register map of the Versatile Express
 * (BOARDS.md §2.2, §5; IHI 0048B 4.1.2, 5.3, 5.4), and a Hyp vector table whose IRQ entry
 * acknowledges the interrupt at GICC_IAR, records it, runs the test's action for it and writes
 * GICC_EOIR. IRQs may nest: the entry keeps ELR_hyp and SPSR_hyp on the stack, and exception
 * entry to Hyp mode does not touch LR, so a handler may unmask IRQs to be preempted. The other
 * vectors are vmsa.h's, so enter_guest() works under this table too. */
#ifndef GIC_H
#define GIC_H

#include "../vmsa/vmsa.h"

#define GICD        0x2c001000u
#define GICC        0x2c002000u
#define GICH        0x2c004000u
#define GICV        0x2c006000u

/* Distributor (IHI 0048B 4.3) */
#define GICD_CTLR       (GICD + 0x000)
#define GICD_TYPER      (GICD + 0x004)
#define GICD_IIDR       (GICD + 0x008)
#define GICD_ISENABLER0 (GICD + 0x100)
#define GICD_ISPENDR0   (GICD + 0x200)
#define GICD_ICPENDR0   (GICD + 0x280)
#define GICD_ISACTIVER0 (GICD + 0x300)
#define GICD_IPRIORITYR (GICD + 0x400)
#define GICD_ITARGETSR0 (GICD + 0x800)
#define GICD_ICFGR0     (GICD + 0xc00)
#define GICD_ICFGR1     (GICD + 0xc04)
#define GICD_SGIR       (GICD + 0xf00)
#define GICD_SPENDSGIR1 (GICD + 0xf24)
/* CPU interface (4.4); the same offsets from GICV for the virtual CPU interface (5.4) */
#define CTLR    0x00
#define PMR     0x04
#define BPR     0x08
#define IAR     0x0c
#define EOIR    0x10
#define RPR     0x14
#define HPPIR   0x18
#define ABPR    0x1c
#define APR0    0xd0
#define IIDR    0xfc
#define DIR     0x1000
/* Virtual interface control (5.3) */
#define GICH_HCR    (GICH + 0x000)
#define GICH_VTR    (GICH + 0x004)
#define GICH_VMCR   (GICH + 0x008)
#define GICH_MISR   (GICH + 0x010)
#define GICH_EISR0  (GICH + 0x020)
#define GICH_ELSR0  (GICH + 0x030)
#define GICH_APR    (GICH + 0x0f0)
#define GICH_LR(n)  (GICH + 0x100 + 4 * (n))

/* List register fields (5.3.12) */
#define LR_HW           (1u << 31)
#define LR_GRP1         (1u << 30)
#define LR_PENDING      (1u << 28)
#define LR_ACTIVE       (2u << 28)
#define LR_PRIO(p)      (((uint32_t)(p) >> 3) << 23)
#define LR_EOI          (1u << 19)
#define LR_PHYS(id)     ((uint32_t)(id) << 10)
#define LR_CPUID(c)     ((uint32_t)(c) << 10)

static inline uint32_t rd(uint32_t addr) { return *(volatile uint32_t *)addr; }
static inline void wr(uint32_t addr, uint32_t v) { *(volatile uint32_t *)addr = v; }
static inline void wr8(uint32_t addr, uint8_t v) { *(volatile uint8_t *)addr = v; }
static inline void set_priority(uint32_t id, uint8_t prio) { wr8(GICD_IPRIORITYR + id, prio); }
static inline void irq_on(void) { __asm__ volatile("cpsie i" : : : "memory"); }
static inline void irq_off(void) { __asm__ volatile("cpsid i" : : : "memory"); }

/* Bounded waits: far more than QEMU needs for its host timers to fire. */
#define POLL_LIMIT  50000000u

/* ---- The IRQ handler ----------------------------------------------------------------------- */
/* Events the handler records, in order: an acknowledge ("ack", the IAR value) and its EOI. */
#define MAX_EVENTS 32
static volatile uint32_t events[MAX_EVENTS];
static volatile uint32_t event_count;
static volatile uint32_t irqs_taken;
/* The test's action for an acknowledged interrupt, between the IAR read and the EOIR write. */
static void (*volatile irq_action)(uint32_t iar);

#define EV_ACK  0x00000000u
#define EV_EOI  0x80000000u

static inline void record(uint32_t event)
{
    if (event_count < MAX_EVENTS)
        events[event_count] = event;
    event_count++;
}

void gic_irq(void)
{
    uint32_t iar = rd(GICC + IAR);
    irqs_taken++;
    record(EV_ACK | iar);
    if ((iar & 0x3ff) >= 1020)
        return;
    if (irq_action)
        irq_action(iar);
    record(EV_EOI | iar);
    wr(GICC + EOIR, iar);
}

__asm__(
"    .pushsection .text\n"
"    .align 5\n"
"    .global gic_hyp_vectors\n"
"gic_hyp_vectors:\n"
"    b .\n    b hyp_und\n    b hyp_hvc\n    b hyp_pabt\n    b hyp_dabt\n    b hyp_htrap\n    b gic_hyp_irq\n    b .\n"
"gic_hyp_irq:\n"
"    push {r0-r12, lr}\n"
"    mrs r0, elr_hyp\n"
"    mrs r1, spsr\n"
"    push {r0, r1}\n"
"    mov r4, sp\n"
"    bic sp, sp, #7\n"                   /* AAPCS: 8-byte aligned stack at the call */
"    bl gic_irq\n"
"    mov sp, r4\n"
"    pop {r0, r1}\n"
"    msr elr_hyp, r0\n"
"    msr spsr_cxsf, r1\n"
"    pop {r0-r12, lr}\n"
"    eret\n"
"    .popsection\n"
);
extern char gic_hyp_vectors[];

static void clear_events(void)
{
    event_count = 0;
    irqs_taken = 0;
}

/* Prints the recorded events: "ack 00000005 eoi 00000005 ...". */
static void put_events(const char *label)
{
    puts(label);
    puts(":");
    for (uint32_t i = 0; i < event_count && i < MAX_EVENTS; i++) {
        puts(events[i] & EV_EOI ? " eoi " : " ack ");
        put_hex(events[i] & ~EV_EOI);
    }
    puts("\n");
}

/* Unmasks IRQs until 'count' interrupts were taken (bounded), then masks them again. */
static int take_irqs(uint32_t count)
{
    uint32_t i = 0;
    irq_on();
    while (irqs_taken < count && i < POLL_LIMIT)
        i++;
    irq_off();
    return irqs_taken >= count;
}

#endif
