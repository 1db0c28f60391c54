/* refuse_page: an LDRD whose first word is the vpl011's last (offset 0xffc) and whose second is
 * on the next page, which the device does not cover: the hypervisor refuses it rather than
 * guess where the second word goes. */
#define WHAT        "ldrd r2, r3, [r0]"
#define BASE        0x22000ffcu
#include "refuse.h"
