/* power.h: switching the board off when there is nothing left to run. */
#ifndef POWER_H
#define POWER_H

void power_off(void) __attribute__((noreturn));

#endif
