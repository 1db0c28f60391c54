/* hello: the smallest guest. It says hello through the console_io hypercall (a trap into the
 * hypervisor: HVC, HSR.EC 0x12), says in which mode it runs and where the device tree it was
 * given in r2 is, and shuts its domain down. */
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

static void print_hex(uint32_t v)
{
    char digits[9];
    for (int i = 0; i < 8; i++)
        digits[i] = "0123456789abcdef"[(v >> (28 - 4 * i)) & 15];
    digits[8] = 0;
    print(digits);
}

/* Device trees are big-endian (devicetree specification 5.2). */
static uint32_t be32(const void *p)
{
    const uint8_t *b = p;
    return (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3];
}

int main(const void *dtb)
{
    uint32_t cpsr;
    __asm__ volatile("mrs %0, cpsr" : "=r"(cpsr));
    print("Hello from a guest of the tiniest cloud!\n");
    print((cpsr & 0x1f) == 0x13 ? "I run in SVC mode, below the hypervisor.\n" : "I run in an unexpected mode.\n");
    print("My device tree is at ");
    print_hex((uint32_t)dtb);
    print(dtb && be32(dtb) == 0xd00dfeed ? ", and it is one (magic d00dfeed).\n" : ", and it is not a device tree.\n");
    shutdown(SHUTDOWN_poweroff);
    print("still here after shutdown?\n");
    return 0;
}
