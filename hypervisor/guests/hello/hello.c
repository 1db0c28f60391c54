/* hello: the smallest guest. It says hello through the console_io hypercall (a trap into the
 * hypervisor: HVC, HSR.EC 0x12), says in which mode it runs, and shuts its domain down. */
#include "../common/xen.h"

static uint32_t length(const char *s)
{
    uint32_t n = 0;
    while (s[n])
        n++;
    return n;
}

static void print(const char *s)
{
    console_write(s, length(s));
}

int main(const void *dtb)
{
    (void)dtb;
    uint32_t cpsr;
    __asm__ volatile("mrs %0, cpsr" : "=r"(cpsr));
    print("Hello from a guest of the tiniest cloud!\n");
    print((cpsr & 0x1f) == 0x13 ? "I run in SVC mode, below the hypervisor.\n" : "I run in an unexpected mode.\n");
    shutdown(SHUTDOWN_poweroff);
    print("still here after shutdown?\n");
    return 0;
}
