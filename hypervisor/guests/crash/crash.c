/* crash: what becomes of a guest's mistakes. Three of them, each with a lesson:
 *
 *  1. An undefined instruction is the guest's own business: the processor takes it to the
 *     guest's Undefined vector (HCR.TGE is 0, ARM ARM B4.1.65), and the hypervisor never knows.
 *     The guest's handler steps over it.
 *  2. A store to a guest physical address where the domain has nothing (0x10000000) faults in
 *     stage 2, which is the hypervisor's: Hyp mode gets it (HSR.EC 0x24), finds no RAM and no
 *     emulated device there, and gives the guest a data abort of its own, as Xen does
 *     (XEN-ABI.md §8.3). The guest's handler sees DFAR = the address and DFSR = what Xen
 *     reports for an abort it injects.
 *  3. With VBAR pointing where there is nothing, the next undefined instruction sends the
 *     processor to fetch a vector that is not there: a stage-2 instruction abort. Another
 *     exception would go to the same missing vectors, so the hypervisor stops the domain and
 *     says why; the other domains go on.
 *
 * Everything it prints up to its death is the same on Xen 4.17 (which then loops silently). */
#include "../common/print.h"
#include "../common/probe.h"

#define NOTHING_THERE   0x10000000u     /* no RAM, no device: GUEST_VPCI_ECAM_BASE, unused */

static volatile uint32_t undefined_caught;  /* the instruction the Undefined handler saw */
static volatile uint32_t abort_dfar, abort_dfsr;

void on_exception(struct exception_frame *f, uint32_t vector)
{
    if (vector == VECTOR_DATA_ABORT) {
        abort_dfar = read_dfar();
        abort_dfsr = read_dfsr();
    }
    if (probe_caught(f, vector))
        return;
    if (vector == VECTOR_UNDEFINED) {
        /* LR_und is the instruction + 4 (ARM state): returning to it steps over the instruction. */
        undefined_caught = *(const uint32_t *)(f->lr - 4);
        return;
    }
    struct line l = { .len = 0 };
    line_str(&l, "unexpected exception, vector ");
    line_hex(&l, vector);
    line_print(&l);
    shutdown(SHUTDOWN_crash);
}

int main(const void *dtb)
{
    (void)dtb;
    install_vectors();

    struct line l = { .len = 0 };
    print("1. An undefined instruction, with my own exception vectors (VBAR):\n");
    __asm__ volatile("udf #0" ::: "memory");
    line_str(&l, "   my Undefined handler caught ");
    line_hex(&l, undefined_caught);
    line_str(&l, " and stepped over it.");
    line_print(&l);

    print("2. A store to guest address 10000000, where my domain has nothing:\n");
    if (probe(probe_str, NOTHING_THERE, 1, NULL)) {
        print("   it went through?\n");
    } else {
        /* FS = DFSR[10,3:0] in the short-descriptor format (DFSR bit 9, LPAE, is 0): ARM ARM
         * B4.1.52, Table B3-23; 0b00010 is a debug event. */
        line_str(&l, "   my data abort handler caught it: DFAR ");
        line_hex(&l, abort_dfar);
        line_str(&l, ", DFSR ");
        line_hex(&l, abort_dfsr);
        line_str(&l, (abort_dfsr & 0x40f) == 0x002 && !(abort_dfsr & 0x200) ? " (debug event)" : "");
        line_print(&l);
    }

    print("3. No exception vectors (VBAR = 10000000), and an undefined instruction:\n");
    set_vbar(NOTHING_THERE);
    __asm__ volatile("udf #0" ::: "memory");
    print("still alive?\n");
    shutdown(SHUTDOWN_poweroff);
    return 0;
}
