/* crash: a guest that touches guest physical memory where its domain has nothing. The store
 * faults in stage 2 and traps to the hypervisor, which finds no RAM and no emulated device
 * there: the domain dies, with the reason on the console, and the other domains go on. */
#include "../common/xen.h"

static void print(const char *s)
{
    uint32_t n = 0;
    while (s[n])
        n++;
    console_write(s, n);
}

int main(const void *dtb)
{
    (void)dtb;
    print("About to write to guest address 0x10000000, where nothing is mapped.\n");
    *(volatile uint32_t *)0x10000000u = 1;
    print("still alive?\n");
    shutdown(SHUTDOWN_poweroff);
    return 0;
}
