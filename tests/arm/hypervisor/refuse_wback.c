/* refuse_wback: a load that writes back into the register it loads, UNPREDICTABLE (ARM ARM
 * A8.8.63: wback && n == t): the hypervisor refuses to guess what the CPU would have done. */
#define WHAT        "ldr r0, [r0], #4"
#define BASE        0x22000000u
#include "refuse.h"
