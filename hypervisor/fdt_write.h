/* fdt_write.h: building a flattened device tree (devicetree specification v0.4, chapter 5),
 * for the device tree each guest is given. */
#ifndef FDT_WRITE_H
#define FDT_WRITE_H

#include "types.h"

struct fdt_writer {
    uint8_t *buf;               /* the blob is built here */
    uint32_t size;              /* bytes available */
    uint32_t structs;           /* bytes of structure block written so far */
    char strings[512];          /* property names, copied into the blob at the end */
    uint32_t strings_len;
    bool overflow;              /* something did not fit: fdt_finish() fails */
};

void fdt_begin(struct fdt_writer *w, void *buf, uint32_t size);
void fdt_begin_node(struct fdt_writer *w, const char *name);
void fdt_end_node(struct fdt_writer *w);
void fdt_prop_empty(struct fdt_writer *w, const char *name);
void fdt_prop_str(struct fdt_writer *w, const char *name, const char *value);
/* A list of strings, given as one buffer of NUL-terminated strings and its total length. */
void fdt_prop_strs(struct fdt_writer *w, const char *name, const char *values, uint32_t len);
void fdt_prop_cells(struct fdt_writer *w, const char *name, const uint32_t *cells, uint32_t n);
void fdt_prop_u32(struct fdt_writer *w, const char *name, uint32_t value);
/* Writes the header and the strings block; the blob's size, or 0 if it did not fit. */
uint32_t fdt_finish(struct fdt_writer *w);

#endif
