/* input.h: where the console's keystrokes go: to the hypervisor, or to one domain. */
#ifndef INPUT_H
#define INPUT_H

#include "types.h"

/* Unmasks the console UART's receive interrupt and says how to switch. */
void input_init(void);
/* The console UART's interrupt: read what was typed and pass it on. */
void input_interrupt(void);

#endif
