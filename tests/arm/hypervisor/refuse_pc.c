/* refuse_pc: a load into the PC from a device, which would be a branch to whatever the device
 * returned: the hypervisor does not emulate it (ISV = 0 because Rt is the PC, B3.13.6). */
#define WHAT        "ldr pc, [r0, #0x18]"
#define BASE        0x22000000u
#include "refuse.h"
