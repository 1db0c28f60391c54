/* vgic.h: the GIC as a guest sees it: an emulated distributor (trap and emulate) and the
 * hardware's virtual CPU interface, fed through the list registers. */
#ifndef VGIC_H
#define VGIC_H

#include "types.h"

struct vcpu;
struct domain;

#define GUEST_GICD_BASE     0x03001000u     /* XEN-ABI.md §5 */
#define GUEST_GICD_SIZE     0x1000u
#define GUEST_GICC_BASE     0x03002000u     /* the GICV page, mapped by stage 2 */
#define GUEST_GICC_SIZE     0x2000u

#define VGIC_NR_SPIS        32              /* SPIs 32-63: the vpl011's is 32 (§5) */
#define VIRQ_TIMER_VIRT     27              /* the guest's interrupt IDs (§5) */
#define VIRQ_TIMER_PHYS     30
#define VIRQ_EVTCHN         31
#define VIRQ_VPL011         32

/* One interrupt as the guest's distributor holds it. */
struct vgic_irq {
    uint8_t priority;
    uint8_t target;         /* ITARGETSR: a mask of vCPUs (SPIs only) */
    bool enabled;           /* ISENABLER */
    bool pending;           /* waiting for a list register */
    bool in_lr;             /* in one of the vCPU's list registers now */
    uint8_t source;         /* an SGI's sending vCPU */
};

/* The distributor's shared part: its control register and the SPIs. SGIs and PPIs are banked
 * per vCPU (struct vcpu's 'local'). */
struct vgic_dist {
    uint32_t ctlr;
    struct vgic_irq spi[VGIC_NR_SPIS];
    uint32_t icfgr[VGIC_NR_SPIS / 16];
};

void vgic_domain_init(struct domain *d);
void vgic_vcpu_reset(struct vcpu *v);

/* Makes interrupt 'irq' pending for vCPU 'v' (an SGI or PPI of v's, or an SPI: then 'v' is
 * ignored and the SPI's target gets it); wakes v if it waits, tells its CPU if it runs. */
void vgic_inject(struct vcpu *v, uint32_t irq);
/* True if the vCPU has an interrupt to take: WFI must not block it. */
bool vgic_has_pending(struct vcpu *v);

/* The running vCPU's list registers: which interrupts the guest finished with (on every trap)
 * and which to hand it next (before every return to it). */
void vgic_sync(struct vcpu *v);
void vgic_flush(struct vcpu *v);
/* The vCPU switches off (PSCI CPU_OFF): interrupts in its list registers go back to the
 * distributor. */
void vgic_vcpu_off(struct vcpu *v);
/* The maintenance interrupt: the list registers ran low (GICH_HCR.UIE). */
void vgic_maintenance(void);

/* Context switch of the virtual CPU interface. */
void vgic_save(struct vcpu *v);
void vgic_restore(struct vcpu *v);

/* The emulated distributor's registers (mmio.c). */
bool vgic_dist_read(struct domain *d, uint32_t offset, uint32_t size, uint32_t *value);
bool vgic_dist_write(struct domain *d, uint32_t offset, uint32_t size, uint32_t value);

#endif
