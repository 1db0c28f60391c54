/* reset: PSCI SYSTEM_RESET restarts the domain, not the board. On its first boot the guest
 * leaves a word in its RAM and asks for a reset; the hypervisor loads its kernel again and
 * enters it as at the start (hypervisor/psci.c, domain_reboot); on the second boot the word is
 * still there (a reset does not clear RAM), so the guest knows, says so, and switches itself
 * off with SYSTEM_OFF. Real Xen 4.17 only pauses a domain that asks to reboot when there is no
 * toolstack to restart it (XEN-ABI.md §7), so this is HypLab's own behaviour. Not a teaching
 * guest. */
#include "print.h"

#define MARK_AT         0x40d00000u     /* below the device tree's 2 MiB, above the kernel */
#define MARK            0x0b007ed1u

int main(void)
{
    volatile uint32_t *mark = (volatile uint32_t *)MARK_AT;
    if (*mark != MARK) {
        print("reset: first boot; leaving a mark at 40d00000 and asking for SYSTEM_RESET\n");
        *mark = MARK;
        psci(PSCI_SYSTEM_RESET, 0, 0, 0);
        print("reset: still here after SYSTEM_RESET?\n");
    } else {
        print("reset: booted again, and my mark is still there; SYSTEM_OFF\n");
        *mark = 0;
        psci(PSCI_SYSTEM_OFF, 0, 0, 0);
        print("reset: still here after SYSTEM_OFF?\n");
    }
    for (;;)
        __asm__ volatile("wfi");
}
