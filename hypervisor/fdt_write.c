/* fdt_write.c: a device tree blob in one pass. The structure block is written right after a
 * 40-byte header and an empty memory reservation block; property names are collected and
 * appended as the strings block at the end, when the header can be filled in. */
#include "fdt_write.h"

#define HEADER_SIZE     40
#define RESERVE_SIZE    16              /* one terminating (0, 0) entry */
#define STRUCT_START    (HEADER_SIZE + RESERVE_SIZE)

static void put32_be(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)(v >> 24);
    p[1] = (uint8_t)(v >> 16);
    p[2] = (uint8_t)(v >> 8);
    p[3] = (uint8_t)v;
}

/* Appends bytes to the structure block, padded with zeros to 4 bytes (5.4.1). */
static void emit(struct fdt_writer *w, const void *data, uint32_t len)
{
    uint32_t padded = (len + 3) & ~3u;
    if (STRUCT_START + w->structs + padded > w->size) {
        w->overflow = true;
        return;
    }
    uint8_t *p = w->buf + STRUCT_START + w->structs;
    memcpy(p, data, len);
    memset(p + len, 0, padded - len);
    w->structs += padded;
}

static void emit32(struct fdt_writer *w, uint32_t v)
{
    uint8_t b[4];
    put32_be(b, v);
    emit(w, b, 4);
}

/* The offset of 'name' in the strings block, adding it if it is new. */
static uint32_t string_offset(struct fdt_writer *w, const char *name)
{
    for (uint32_t off = 0; off < w->strings_len; off += strlen(w->strings + off) + 1) {
        if (strcmp(w->strings + off, name) == 0)
            return off;
    }
    uint32_t len = strlen(name) + 1;
    if (w->strings_len + len > sizeof(w->strings)) {
        w->overflow = true;
        return 0;
    }
    memcpy(w->strings + w->strings_len, name, len);
    w->strings_len += len;
    return w->strings_len - len;
}

void fdt_begin(struct fdt_writer *w, void *buf, uint32_t size)
{
    memset(w, 0, sizeof(*w));
    w->buf = buf;
    w->size = size;
    if (size < STRUCT_START)
        w->overflow = true;
    else
        memset(w->buf, 0, STRUCT_START);
}

void fdt_begin_node(struct fdt_writer *w, const char *name)
{
    emit32(w, 1);                       /* FDT_BEGIN_NODE */
    emit(w, name, strlen(name) + 1);
}

void fdt_end_node(struct fdt_writer *w)
{
    emit32(w, 2);                       /* FDT_END_NODE */
}

static void property(struct fdt_writer *w, const char *name, const void *value, uint32_t len)
{
    emit32(w, 3);                       /* FDT_PROP, then len and nameoff */
    emit32(w, len);
    emit32(w, string_offset(w, name));
    emit(w, value, len);
}

void fdt_prop_empty(struct fdt_writer *w, const char *name)
{
    property(w, name, "", 0);
}

void fdt_prop_str(struct fdt_writer *w, const char *name, const char *value)
{
    property(w, name, value, strlen(value) + 1);
}

void fdt_prop_strs(struct fdt_writer *w, const char *name, const char *values, uint32_t len)
{
    property(w, name, values, len);
}

void fdt_prop_cells(struct fdt_writer *w, const char *name, const uint32_t *cells, uint32_t n)
{
    uint8_t be[64];
    if (n > sizeof(be) / 4) {
        w->overflow = true;
        return;
    }
    for (uint32_t i = 0; i < n; i++)
        put32_be(be + 4 * i, cells[i]);
    property(w, name, be, 4 * n);
}

void fdt_prop_u32(struct fdt_writer *w, const char *name, uint32_t value)
{
    fdt_prop_cells(w, name, &value, 1);
}

uint32_t fdt_finish(struct fdt_writer *w)
{
    emit32(w, 9);                       /* FDT_END */
    uint32_t strings_at = STRUCT_START + w->structs;
    uint32_t total = strings_at + w->strings_len;
    if (w->overflow || total > w->size)
        return 0;
    memcpy(w->buf + strings_at, w->strings, w->strings_len);
    uint8_t *h = w->buf;
    put32_be(h + 0, 0xd00dfeedu);       /* magic */
    put32_be(h + 4, total);             /* totalsize */
    put32_be(h + 8, STRUCT_START);      /* off_dt_struct */
    put32_be(h + 12, strings_at);       /* off_dt_strings */
    put32_be(h + 16, HEADER_SIZE);      /* off_mem_rsvmap */
    put32_be(h + 20, 17);               /* version */
    put32_be(h + 24, 16);               /* last_comp_version */
    put32_be(h + 28, 0);                /* boot_cpuid_phys */
    put32_be(h + 32, w->strings_len);   /* size_dt_strings */
    put32_be(h + 36, w->structs);       /* size_dt_struct */
    return total;
}
