/* refuse_ldrex: an exclusive load from a device (ARM ARM A5.2.10; ISV = 0): no emulated device
 * has an exclusive monitor, so the hypervisor refuses it. */
#define WHAT        "ldrex r1, [r0]"
#define BASE        0x22000000u
#include "refuse.h"
