/* gic.h: the physical GIC-400 as the hypervisor uses it at boot (IHI 0048B). */
#ifndef GIC_H
#define GIC_H

#include "types.h"

/* Distributor on (CPU0, once) and this CPU's interface on, every priority let through. */
void gic_init_distributor(void);
void gic_init_cpu(void);

uint32_t gic_lines(void);           /* interrupt IDs the distributor implements */
uint32_t gic_cpus(void);            /* CPU interfaces */
uint32_t gic_list_registers(void);  /* list registers of GICH, 0 without virtualization */

/* Lets interrupt 'id' through the distributor (an SGI or PPI: for this CPU). */
void gic_enable(uint32_t id);
/* Sends SPI 'id' to CPU 'cpu' only. */
void gic_route(uint32_t id, uint32_t cpu);
/* Sends SGI 'id' to the CPUs in 'targets' (bit n = CPU n). */
void gic_send_sgi(uint32_t targets, uint32_t id);

#endif
