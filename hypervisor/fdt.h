/* fdt.h: reading the flattened device tree the boot loader passes in r2 (devicetree
 * specification v0.4, chapter 5). Read-only; a node is named by its offset in the structure
 * block. Every function checks its bounds: a broken tree gives "not found", never a fault. */
#ifndef FDT_H
#define FDT_H

#include "types.h"

struct fdt {
    const uint8_t *blob;
    uint32_t size;          /* totalsize */
    uint32_t off_struct;    /* structure block */
    uint32_t size_struct;
    uint32_t off_strings;   /* strings block */
    uint32_t size_strings;
};

/* Checks the header (magic 0xd00dfeed, version, block bounds); 0 when the tree can be read. */
int fdt_open(struct fdt *fdt, const void *blob);

/* The first node after 'from' (-1: from the start) whose compatible list holds 'compat'. */
int fdt_find_compatible(const struct fdt *fdt, int from, const char *compat);
/* The node at an absolute path such as "/soc/serial@1c090000" or "/chosen"; -1 if none. */
int fdt_find_path(const struct fdt *fdt, const char *path);
/* Entry 'index' of a GIC interrupt specifier list <type number flags> (the GIC binding: type 0
 * an SPI, ID = 32 + number; type 1 a PPI, ID = 16 + number), as an interrupt ID. */
bool fdt_irq(const struct fdt *fdt, int node, const char *prop, uint32_t index, uint32_t *id);
/* The node's parent; -1 for the root. */
int fdt_parent(const struct fdt *fdt, int node);
/* The node's name ("serial@1c090000"; "" for the root). */
const char *fdt_name(const struct fdt *fdt, int node);

/* A property's value and length in bytes, or NULL. */
const void *fdt_prop(const struct fdt *fdt, int node, const char *name, uint32_t *len);
/* A string property (the first string of a list), or NULL. */
const char *fdt_prop_string(const struct fdt *fdt, int node, const char *name);
/* Cell 'index' of a property of 32-bit big-endian cells; false if it has fewer. */
bool fdt_prop_cell(const struct fdt *fdt, int node, const char *name, uint32_t index, uint32_t *out);

/* Entry 'index' of the node's reg as written, in its parent's address and size cells (for
 * nodes that are not devices, such as boot modules under /chosen). */
bool fdt_reg_local(const struct fdt *fdt, int node, uint32_t index, uint64_t *addr, uint64_t *size);
/* Entry 'index' of the node's reg, translated through its parents' ranges to a CPU address. */
bool fdt_reg(const struct fdt *fdt, int node, uint32_t index, uint64_t *addr, uint64_t *size);

/* Big-endian cells, as the tree stores everything. */
static inline uint32_t fdt32(const void *p)
{
    const uint8_t *b = p;
    return (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3];
}

#endif
