/* vgic.c: the virtual GIC. A guest programs a GIC distributor at 0x03001000 and a CPU interface
 * at 0x03002000, as on Xen (XEN-ABI.md §5). The CPU interface is real: stage 2 maps the GIC's
 * virtual CPU interface (GICV) there, and the guest acknowledges and ends its interrupts on it
 * without trapping. The distributor is emulated: its page is not mapped, so every access traps
 * (mmio.c) and lands here. Between the two sit the list registers (GIC architecture 5.3.11,
 * GICH_LRn): the hypervisor writes an interrupt into one, and the virtual CPU interface
 * delivers it to the guest as if a distributor had signalled it.
 *
 * The list registers are few (4 on both boards), so an interrupt is first made pending here
 * (vgic_inject), and moved into a free list register just before the hypervisor returns to
 * the guest (vgic_flush). When more are pending than fit, the hypervisor asks for the
 * maintenance interrupt on underflow (GICH_HCR.UIE), which brings it back as soon as the guest
 * has finished with all but one of them. Xen's "old vGIC" (§8.4) does the same, and besides
 * evicts a less urgent interrupt that is still only pending to make room for a more urgent
 * one; here the more urgent one waits for the maintenance interrupt. */
#include "vgic.h"
#include "board.h"
#include "console.h"
#include "gic.h"
#include "domain.h"
#include "sched.h"

/* GIC virtual interface control registers (GIC architecture 5.3). */
#define GICH_HCR        0x000
#define GICH_VMCR       0x008
#define GICH_ELSR0      0x030
#define GICH_APR        0x0f0
#define GICH_LR(n)      (0x100 + 4 * (n))
#define HCR_EN          (1u << 0)
#define HCR_UIE         (1u << 1)           /* maintenance interrupt when 0 or 1 LRs are valid */

/* A list register (5.3.11): virtual ID [9:0], the SGI's source CPU [12:10], priority [27:23]
 * (the top 5 bits), state [29:28]. */
#define LR_STATE(lr)    (((lr) >> 28) & 3)
#define LR_PENDING      1u
#define LR_ACTIVE       2u
#define NO_IRQ          0xff

static uint32_t nr_lrs;

static uint32_t gich_read(uint32_t reg) { return mmio_read(board.gich + reg); }
static void gich_write(uint32_t reg, uint32_t v) { mmio_write(board.gich + reg, v); }

void vgic_domain_init(struct domain *d)
{
    memset(&d->vgic, 0, sizeof(d->vgic));
    for (uint32_t i = 0; i < VGIC_NR_SPIS; i++)
        d->vgic.spi[i].target = 1;          /* to vCPU 0 until the guest says otherwise */
    if (nr_lrs == 0)
        nr_lrs = gic_list_registers() < 4 ? gic_list_registers() : 4;   /* struct vgic_cpu_state holds 4 */
}

void vgic_vcpu_reset(struct vcpu *v)
{
    memset(v->local, 0, sizeof(v->local));
    memset(&v->gic, 0, sizeof(v->gic));
    for (uint32_t i = 0; i < 4; i++)
        v->gic.lr_irq[i] = NO_IRQ;
}

/* The interrupt 'irq' as vCPU v sees it: its own SGI or PPI, or the domain's SPI. */
static struct vgic_irq *irq_of(struct vcpu *v, uint32_t irq)
{
    if (irq < 32)
        return &v->local[irq];
    if (irq < 32 + VGIC_NR_SPIS)
        return &v->domain->vgic.spi[irq - 32];
    return NULL;
}

/* The vCPU an SPI goes to: the lowest one its ITARGETSR names (Xen's old vGIC does the same). */
static struct vcpu *spi_target(struct domain *d, uint32_t irq)
{
    uint8_t mask = d->vgic.spi[irq - 32].target;
    for (uint32_t i = 0; i < d->nr_vcpus; i++)
        if (mask & (1u << i))
            return &d->vcpu[i];
    return &d->vcpu[0];
}

void vgic_inject(struct vcpu *v, uint32_t irq)
{
    if (irq >= 32) {
        if (irq >= 32 + VGIC_NR_SPIS)
            return;
        v = spi_target(v->domain, irq);
    }
    if (v->state == VCPU_OFFLINE || v->state == VCPU_DEAD)
        return;
    irq_of(v, irq)->pending = true;
    sched_notify(v);                /* wake it, or make its CPU look at the list registers */
}

/* Would the guest take this interrupt now, if it were in a list register? GICD_CTLR.Enable
 * does not count: Xen's old vGIC keeps it but does not gate delivery on it (XEN-ABI.md §8.3),
 * and a guest written for Xen may never set it. */
static bool deliverable(const struct vcpu *v, const struct vgic_irq *i)
{
    (void)v;
    return i->pending && i->enabled;
}

bool vgic_has_pending(struct vcpu *v)
{
    for (uint32_t n = 0; n < nr_lrs; n++)
        if (v->gic.lr_irq[n] != NO_IRQ && (LR_STATE(v->gic.lr[n]) & LR_PENDING))
            return true;
    for (uint32_t irq = 0; irq < 32 + VGIC_NR_SPIS; irq++) {
        struct vgic_irq *i = irq_of(v, irq);
        if (deliverable(v, i) && !i->in_lr && (irq < 32 || spi_target(v->domain, irq) == v))
            return true;
    }
    return false;
}

void vgic_sync(struct vcpu *v)
{
    /* A list register whose state went back to invalid: the guest wrote EOIR for it. */
    for (uint32_t n = 0; n < nr_lrs; n++) {
        if (v->gic.lr_irq[n] == NO_IRQ)
            continue;
        v->gic.lr[n] = gich_read(GICH_LR(n));
        if (LR_STATE(v->gic.lr[n]) == 0) {
            irq_of(v, v->gic.lr_irq[n])->in_lr = false;
            v->gic.lr_irq[n] = NO_IRQ;
        }
    }
}

/* The most urgent interrupt waiting for a list register: the lowest priority value. */
static int next_waiting(struct vcpu *v)
{
    int best = -1;
    uint32_t best_prio = 0x100;
    for (uint32_t irq = 0; irq < 32 + VGIC_NR_SPIS; irq++) {
        struct vgic_irq *i = irq_of(v, irq);
        if (!deliverable(v, i) || (irq >= 32 && spi_target(v->domain, irq) != v))
            continue;
        if (i->in_lr) {
            /* Raised again while it is in a list register. Still pending there: it is one
             * interrupt, as on a GIC. Active (the guest handles it): mark the list register
             * pending and active, so the guest takes it once more after its EOI. */
            for (uint32_t n = 0; n < nr_lrs; n++) {
                if (v->gic.lr_irq[n] != irq)
                    continue;
                if (LR_STATE(v->gic.lr[n]) == LR_ACTIVE) {
                    v->gic.lr[n] |= LR_PENDING << 28;
                    gich_write(GICH_LR(n), v->gic.lr[n]);
                }
                i->pending = false;
            }
            continue;
        }
        if (i->priority < best_prio) {
            best = (int)irq;
            best_prio = i->priority;
        }
    }
    return best;
}

void vgic_flush(struct vcpu *v)
{
    vgic_sync(v);
    uint32_t hcr = HCR_EN;
    for (;;) {
        int irq = next_waiting(v);
        if (irq < 0)
            break;
        uint32_t n = 0;
        while (n < nr_lrs && v->gic.lr_irq[n] != NO_IRQ)
            n++;
        if (n == nr_lrs) {
            hcr |= HCR_UIE;         /* call me back when the guest has made room */
            break;
        }
        struct vgic_irq *i = irq_of(v, (uint32_t)irq);
        uint32_t source = irq < 16 ? (uint32_t)i->source << 10 : 0;
        v->gic.lr[n] = LR_PENDING << 28 | (uint32_t)(i->priority >> 3) << 23 | source | (uint32_t)irq;
        v->gic.lr_irq[n] = (uint8_t)irq;
        gich_write(GICH_LR(n), v->gic.lr[n]);
        i->pending = false;
        i->in_lr = true;
    }
    gich_write(GICH_HCR, hcr);
}

void vgic_vcpu_off(struct vcpu *v)
{
    /* An SPI in one of its list registers would stay there, marked in_lr, and never reach the
     * vCPU it is routed to next: give it back to the distributor, still pending if it was. */
    vgic_sync(v);
    for (uint32_t n = 0; n < nr_lrs; n++) {
        uint32_t irq = v->gic.lr_irq[n];
        if (irq == NO_IRQ)
            continue;
        struct vgic_irq *i = irq_of(v, irq);
        i->in_lr = false;
        if (LR_STATE(v->gic.lr[n]) & LR_PENDING)
            i->pending = true;
        v->gic.lr[n] = 0;
        v->gic.lr_irq[n] = NO_IRQ;
        gich_write(GICH_LR(n), 0);
        if (irq >= 32 && i->pending)
            sched_notify(spi_target(v->domain, irq));
    }
}

void vgic_maintenance(void)
{
    /* The condition (few valid list registers) holds until vgic_flush refills them; switch it
     * off so the interrupt stops, and let the return to the guest do the work. */
    gich_write(GICH_HCR, HCR_EN);
}

void vgic_save(struct vcpu *v)
{
    for (uint32_t n = 0; n < nr_lrs; n++)
        v->gic.lr[n] = gich_read(GICH_LR(n));
    v->gic.apr = gich_read(GICH_APR);
    v->gic.vmcr = gich_read(GICH_VMCR);
    gich_write(GICH_HCR, 0);
}

void vgic_restore(struct vcpu *v)
{
    for (uint32_t n = 0; n < nr_lrs; n++)
        gich_write(GICH_LR(n), v->gic.lr[n]);
    gich_write(GICH_APR, v->gic.apr);
    gich_write(GICH_VMCR, v->gic.vmcr);
    gich_write(GICH_HCR, HCR_EN);
}

/* ---- The distributor's registers (GIC architecture 4.3), as Xen 4.17 emulates them
 * (XEN-ABI.md §8.3, "vGICD behaviour, per register"). A false return makes mmio.c give the
 * guest a data abort, as Xen does for registers it does not implement. */

#define GICD_CTLR       0x000
#define GICD_TYPER      0x004
#define GICD_IIDR       0x008
#define GICD_IGROUPR    0x080
#define GICD_ISENABLER  0x100
#define GICD_ICENABLER  0x180
#define GICD_ISPENDR    0x200
#define GICD_ICPENDR    0x280
#define GICD_ISACTIVER  0x300
#define GICD_ICACTIVER  0x380
#define GICD_IPRIORITYR 0x400
#define GICD_ITARGETSR  0x800
#define GICD_ICFGR      0xc00
#define GICD_NSACR      0xe00
#define GICD_SGIR       0xf00
#define GICD_CPENDSGIR  0xf10
#define GICD_SPENDSGIR  0xf20
#define GICD_ICPIDR2    0xfe8
#define NR_IRQS         (32 + VGIC_NR_SPIS)

/* Which register of a bank of 'per_reg'-interrupt registers, and the first interrupt it holds. */
static bool in_bank(uint32_t offset, uint32_t base, uint32_t bank_bytes)
{
    return offset >= base && offset < base + bank_bytes;
}

static uint32_t enable_bits(struct vcpu *v, uint32_t first)
{
    uint32_t bits = 0;
    for (uint32_t b = 0; b < 32 && first + b < NR_IRQS; b++)
        bits |= (uint32_t)irq_of(v, first + b)->enabled << b;
    return bits;
}

/* An interrupt that became deliverable by a register write: its vCPU may be waiting in WFI. */
static void notify_if_pending(struct vcpu *v, uint32_t irq)
{
    struct vgic_irq *i = irq_of(v, irq);
    if (i->pending && i->enabled && !i->in_lr)
        sched_notify(irq < 32 ? v : spi_target(v->domain, irq));
}

static void send_sgi(struct vcpu *self, uint32_t value)
{
    struct domain *d = self->domain;
    uint32_t id = value & 0xf, filter = (value >> 24) & 3, targets = (value >> 16) & 0xff;
    if (filter == 1)                                /* all but self */
        targets = ((1u << d->nr_vcpus) - 1) & ~(1u << self->id);
    else if (filter == 2)                           /* self */
        targets = 1u << self->id;
    else if (filter == 3)
        return;                                     /* reserved */
    for (uint32_t i = 0; i < d->nr_vcpus; i++)
        if (targets & (1u << i)) {
            d->vcpu[i].local[id].source = (uint8_t)self->id;
            vgic_inject(&d->vcpu[i], id);
        }
}

bool vgic_dist_read(struct domain *d, uint32_t offset, uint32_t size, uint32_t *value)
{
    struct vcpu *v = current_vcpu;
    if (in_bank(offset, GICD_IPRIORITYR, 0x400) || in_bank(offset, GICD_ITARGETSR, 0x400)) {
        if (size == 2)
            return false;                           /* byte or word only */
        bool prio = offset < GICD_ITARGETSR;
        uint32_t first = offset - (prio ? GICD_IPRIORITYR : GICD_ITARGETSR);
        *value = 0;
        for (uint32_t b = 0; b < size; b++) {
            struct vgic_irq *i = first + b < NR_IRQS ? irq_of(v, first + b) : NULL;
            uint32_t byte = i == NULL ? 0 : prio ? i->priority : first + b < 32 ? 1u << v->id : i->target;
            *value |= byte << (8 * b);
        }
        return true;
    }
    if (size != 4)
        return false;                               /* every other register is word-sized */
    if (offset == GICD_CTLR)
        *value = d->vgic.ctlr;
    else if (offset == GICD_TYPER)
        *value = (d->nr_vcpus - 1) << 5 | VGIC_NR_SPIS / 32;   /* CPUNumber, ITLinesNumber */
    else if (offset == GICD_IIDR)
        *value = 0x0000043b;                        /* ARM, as Xen reports */
    else if (in_bank(offset, GICD_ISENABLER, 0x80) || in_bank(offset, GICD_ICENABLER, 0x80))
        *value = enable_bits(v, (offset & 0x7f) * 8);
    else if (in_bank(offset, GICD_ICFGR, 0x100)) {
        uint32_t n = (offset - GICD_ICFGR) / 4;
        *value = n == 0 ? 0xaaaaaaaau : n < 2 ? 0 : n - 2 < VGIC_NR_SPIS / 16 ? d->vgic.icfgr[n - 2] : 0;
    } else if (in_bank(offset, GICD_IGROUPR, 0x80) || in_bank(offset, GICD_ISPENDR, 0x200)
               || in_bank(offset, GICD_NSACR, 0x100))
        *value = 0;                                 /* pending and active read as zero, as on Xen */
    else if (offset == GICD_SGIR)
        *value = 0xdeadbeef;                        /* write-only: Xen's "unknown" */
    else if (in_bank(offset, GICD_CPENDSGIR, 0x20))
        *value = 0;
    else
        return false;                               /* ICPIDR2 and everything unimplemented */
    return true;
}

bool vgic_dist_write(struct domain *d, uint32_t offset, uint32_t size, uint32_t value)
{
    struct vcpu *v = current_vcpu;
    if (in_bank(offset, GICD_IPRIORITYR, 0x400) || in_bank(offset, GICD_ITARGETSR, 0x400)) {
        if (size == 2)
            return false;
        bool prio = offset < GICD_ITARGETSR;
        uint32_t first = offset - (prio ? GICD_IPRIORITYR : GICD_ITARGETSR);
        for (uint32_t b = 0; b < size && first + b < NR_IRQS; b++) {
            uint8_t byte = (uint8_t)(value >> (8 * b));
            struct vgic_irq *i = irq_of(v, first + b);
            if (prio)
                i->priority = byte;
            else if (first + b >= 32 && (byte & ((1u << d->nr_vcpus) - 1))) {
                i->target = byte & ((1u << d->nr_vcpus) - 1);   /* SGI/PPI targets are fixed */
                notify_if_pending(v, first + b);                /* the new target may wait */
            }
        }
        return true;
    }
    if (size != 4)
        return false;
    if (offset == GICD_CTLR)
        d->vgic.ctlr = value & 1;
    else if (offset == GICD_TYPER || offset == GICD_IIDR || in_bank(offset, GICD_IGROUPR, 0x80)
             || in_bank(offset, GICD_NSACR, 0x100) || in_bank(offset, GICD_ICACTIVER, 0x80))
        ;                                           /* read-only, or ignored as on Xen */
    else if (in_bank(offset, GICD_ISENABLER, 0x80) || in_bank(offset, GICD_ICENABLER, 0x80)) {
        bool set = offset < GICD_ICENABLER;
        uint32_t first = (offset & 0x7f) * 8;
        for (uint32_t b = 0; b < 32 && first + b < NR_IRQS; b++)
            if (value & (1u << b)) {
                irq_of(v, first + b)->enabled = set;
                if (set)
                    notify_if_pending(v, first + b);    /* a waiting vCPU may take it now */
            }
    } else if (in_bank(offset, GICD_ISPENDR, 0x80)) {
        uint32_t first = (offset & 0x7f) * 8;
        for (uint32_t b = 0; b < 32 && first + b < NR_IRQS; b++)
            if (value & (1u << b))
                vgic_inject(v, first + b);
    } else if (in_bank(offset, GICD_ICPENDR, 0x80)) {
        uint32_t first = (offset & 0x7f) * 8;
        for (uint32_t b = 0; b < 32 && first + b < NR_IRQS; b++)
            if (value & (1u << b))
                irq_of(v, first + b)->pending = false;  /* one already in a list register stays */
    } else if (in_bank(offset, GICD_ISACTIVER, 0x80)) {
        return value == 0;                          /* Xen refuses to make interrupts active */
    } else if (in_bank(offset, GICD_ICFGR, 0x100)) {
        uint32_t n = (offset - GICD_ICFGR) / 4;
        if (n >= 2 && n - 2 < VGIC_NR_SPIS / 16)
            d->vgic.icfgr[n - 2] = value;           /* SGI and PPI configurations are fixed */
    } else if (offset == GICD_SGIR)
        send_sgi(v, value);
    else if (offset == GICD_ICPIDR2)
        ;
    else
        return false;                               /* CPENDSGIR/SPENDSGIR, unimplemented */
    return true;
}
