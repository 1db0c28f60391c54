/* psci.c: PSCI as Xen 4.17 offers it to a 32-bit guest (XEN-ABI.md §9). A guest's second vCPU
 * exists from the start but is offline until vCPU 0 asks for it with CPU_ON; the machine's
 * SYSTEM_OFF and SYSTEM_RESET end or restart the domain, not the board. */
#include "psci.h"
#include "console.h"
#include "domain.h"
#include "sched.h"
#include "vgic.h"

#define PSCI_0_1_CPU_OFF        1u              /* the 0.1 IDs the guest's tree lists */
#define PSCI_0_1_CPU_ON         2u
#define PSCI_VERSION            0x84000000u
#define PSCI_CPU_SUSPEND        0x84000001u
#define PSCI_CPU_OFF            0x84000002u
#define PSCI_CPU_ON             0x84000003u
#define PSCI_AFFINITY_INFO      0x84000004u
#define PSCI_MIGRATE_INFO_TYPE  0x84000006u
#define PSCI_SYSTEM_OFF         0x84000008u
#define PSCI_SYSTEM_RESET       0x84000009u
#define PSCI_FEATURES           0x8400000au
#define SMCCC_VERSION           0x80000000u

#define PSCI_SUCCESS            0
#define NOT_SUPPORTED           (-1)            /* also SMCCC's "unknown function" */
#define INVALID_PARAMETERS      (-2)
#define ALREADY_ON              (-4)

/* The vCPU a PSCI call names by its MPIDR: Aff0 is the vCPU number (vcpu.c, VMPIDR). */
static struct vcpu *vcpu_by_mpidr(struct domain *d, uint32_t mpidr)
{
    uint32_t id = mpidr & 0xff;
    if ((mpidr & 0x00ffff00u) != 0 || id >= d->nr_vcpus)
        return NULL;
    return &d->vcpu[id];
}

static int32_t cpu_on(struct domain *d, uint32_t mpidr, uint32_t entry, uint32_t context)
{
    struct vcpu *v = vcpu_by_mpidr(d, mpidr);
    if (v == NULL)
        return INVALID_PARAMETERS;
    if (v->state != VCPU_OFFLINE)
        return ALREADY_ON;
    /* It starts as vCPU 0 did, in SVC mode with its MMU off, with the context in r0. */
    vcpu_reset(v, entry);
    v->regs.r[0] = context;
    printk("d%u: vCPU %u on at %08x\n", d->id, v->id, entry);
    sched_wake(v);
    return PSCI_SUCCESS;
}

static bool supported(uint32_t function)
{
    switch (function) {
    case PSCI_VERSION: case PSCI_CPU_SUSPEND: case PSCI_CPU_OFF: case PSCI_CPU_ON:
    case PSCI_AFFINITY_INFO: case PSCI_MIGRATE_INFO_TYPE: case PSCI_SYSTEM_OFF:
    case PSCI_SYSTEM_RESET: case PSCI_FEATURES: case SMCCC_VERSION:
        return true;
    }
    return false;
}

void do_psci(struct cpu_regs *regs)
{
    struct vcpu *self = current_vcpu;
    struct domain *d = self->domain;
    int32_t result;
    switch (regs->r[0]) {
    case PSCI_VERSION:
        result = 0x00010001;                    /* PSCI 1.1 */
        break;
    case SMCCC_VERSION:
        result = 0x00010001;                    /* SMCCC 1.1 */
        break;
    case PSCI_CPU_SUSPEND:
        sched_block(self);                      /* a standby state: like WFI */
        result = PSCI_SUCCESS;
        break;
    case PSCI_0_1_CPU_OFF:
    case PSCI_CPU_OFF:
        printk("d%u: vCPU %u off\n", d->id, self->id);
        vgic_vcpu_off(self);
        self->state = VCPU_OFFLINE;
        result = PSCI_SUCCESS;                  /* never seen: the vCPU does not come back */
        break;
    case PSCI_0_1_CPU_ON:
    case PSCI_CPU_ON:
        result = cpu_on(d, regs->r[1], regs->r[2], regs->r[3]);
        break;
    case PSCI_AFFINITY_INFO: {
        struct vcpu *v = vcpu_by_mpidr(d, regs->r[1]);
        result = v == NULL ? INVALID_PARAMETERS : v->state == VCPU_OFFLINE ? 1 : 0;
        break;
    }
    case PSCI_MIGRATE_INFO_TYPE:
        result = 2;                             /* no trusted OS to migrate */
        break;
    case PSCI_SYSTEM_OFF:
        domain_kill(d, "shut down (PSCI SYSTEM_OFF)");
        result = PSCI_SUCCESS;
        break;
    case PSCI_SYSTEM_RESET:
        domain_reboot(d);
        return;                                 /* its vCPU 0 starts afresh: no result */
    case PSCI_FEATURES:
        result = supported(regs->r[1]) ? PSCI_SUCCESS : NOT_SUPPORTED;
        break;
    default:
        result = NOT_SUPPORTED;
    }
    regs->r[0] = (uint32_t)result;
}
