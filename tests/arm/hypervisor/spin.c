/* spin: a guest that never ends. It says so once and then counts for ever without a trap of
 * its own, so only the hypervisor's time slices interrupt it: a machine that runs until it is
 * paused, for the Lab's tests of sharing the worker and pausing (LabSessionTest). */
#include "print.h"

static volatile uint32_t count;

int main(void)
{
    print("spinning\n");
    for (;;)
        count++;
    return 0;
}
