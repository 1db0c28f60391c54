/* fdt.c: walking the structure block of a flattened device tree (devicetree specification
 * v0.4, 5.4): a stream of 32-bit tokens, BEGIN_NODE name, PROP len nameoff value, END_NODE,
 * NOP and END, each item padded to 4 bytes. */
#include "fdt.h"

#define FDT_MAGIC       0xd00dfeedu
#define FDT_BEGIN_NODE  1
#define FDT_END_NODE    2
#define FDT_PROP        3
#define FDT_NOP         4
#define FDT_END         9

#define MAX_DEPTH       16

int fdt_open(struct fdt *fdt, const void *blob)
{
    const uint8_t *b = blob;
    if (b == NULL || ((uintptr_t)b & 3) || fdt32(b) != FDT_MAGIC)
        return -1;
    fdt->blob = b;
    fdt->size = fdt32(b + 4);
    fdt->off_struct = fdt32(b + 8);
    fdt->off_strings = fdt32(b + 12);
    uint32_t version = fdt32(b + 20);
    fdt->size_strings = fdt32(b + 32);
    fdt->size_struct = fdt32(b + 36);
    if (version < 17 || fdt->size < 40 || (fdt->off_struct & 3)
        || fdt->off_struct > fdt->size || fdt->size_struct > fdt->size - fdt->off_struct
        || fdt->off_strings > fdt->size || fdt->size_strings > fdt->size - fdt->off_strings)
        return -1;
    return 0;
}

/* The token at structure offset 'off', or FDT_END past the block. */
static uint32_t token(const struct fdt *fdt, uint32_t off)
{
    if (off + 4 > fdt->size_struct)
        return FDT_END;
    return fdt32(fdt->blob + fdt->off_struct + off);
}

/* A NUL-terminated string at structure offset 'off' that ends inside the block, or NULL. */
static const char *struct_string(const struct fdt *fdt, uint32_t off, uint32_t *len)
{
    const char *s = (const char *)fdt->blob + fdt->off_struct;
    for (uint32_t i = off; i < fdt->size_struct; i++) {
        if (s[i] == 0) {
            *len = i - off;
            return s + off;
        }
    }
    return NULL;
}

static uint32_t align4(uint32_t x) { return (x + 3) & ~3u; }

/* The offset of the token after the one at 'off' (skipping a node's name or a property's
 * value); 0 when the tree is broken there. */
static uint32_t next_token(const struct fdt *fdt, uint32_t off)
{
    uint32_t len;
    switch (token(fdt, off)) {
    case FDT_BEGIN_NODE:
        if (!struct_string(fdt, off + 4, &len))
            return 0;
        return off + 4 + align4(len + 1);
    case FDT_PROP:
        if (off + 12 > fdt->size_struct)
            return 0;
        len = fdt32(fdt->blob + fdt->off_struct + off + 4);
        if (len > fdt->size_struct - off - 12)
            return 0;
        return off + 12 + align4(len);
    case FDT_END_NODE:
    case FDT_NOP:
        return off + 4;
    default:
        return 0;
    }
}

const char *fdt_name(const struct fdt *fdt, int node)
{
    uint32_t len;
    if (node < 0 || token(fdt, (uint32_t)node) != FDT_BEGIN_NODE)
        return "";
    const char *name = struct_string(fdt, (uint32_t)node + 4, &len);
    return name ? name : "";
}

const void *fdt_prop(const struct fdt *fdt, int node, const char *name, uint32_t *len)
{
    if (node < 0 || token(fdt, (uint32_t)node) != FDT_BEGIN_NODE)
        return NULL;
    /* A node's properties come before its children (specification 5.4.2). */
    for (uint32_t off = next_token(fdt, (uint32_t)node); off; off = next_token(fdt, off)) {
        uint32_t t = token(fdt, off);
        if (t == FDT_NOP)
            continue;
        if (t != FDT_PROP)
            return NULL;
        uint32_t vlen = fdt32(fdt->blob + fdt->off_struct + off + 4);
        uint32_t nameoff = fdt32(fdt->blob + fdt->off_struct + off + 8);
        if (nameoff >= fdt->size_strings)
            return NULL;
        const char *pname = (const char *)fdt->blob + fdt->off_strings + nameoff;
        if (strncmp(pname, name, fdt->size_strings - nameoff) == 0) {
            if (len)
                *len = vlen;
            return fdt->blob + fdt->off_struct + off + 12;
        }
    }
    return NULL;
}

const char *fdt_prop_string(const struct fdt *fdt, int node, const char *name)
{
    uint32_t len;
    const char *s = fdt_prop(fdt, node, name, &len);
    if (s == NULL || len == 0 || s[len - 1] != 0)
        return NULL;
    return s;
}

bool fdt_prop_cell(const struct fdt *fdt, int node, const char *name, uint32_t index, uint32_t *out)
{
    uint32_t len;
    const uint8_t *p = fdt_prop(fdt, node, name, &len);
    if (p == NULL || (index + 1) * 4 > len)
        return false;
    *out = fdt32(p + 4 * index);
    return true;
}

/* Does the node's compatible string list (NUL-separated) hold 'compat'? */
static bool is_compatible(const struct fdt *fdt, int node, const char *compat)
{
    uint32_t len;
    const char *list = fdt_prop(fdt, node, "compatible", &len);
    if (list == NULL)
        return false;
    for (uint32_t i = 0; i < len; ) {
        const char *s = list + i;
        uint32_t n = 0;
        while (i + n < len && s[n])
            n++;
        if (i + n < len && strcmp(s, compat) == 0)
            return true;
        i += n + 1;
    }
    return false;
}

/* Walks every node in order; calls 'visit' with the node, its parent and depth until it
 * returns true. Returns the node it stopped at, or -1. */
typedef bool (*visit_fn)(const struct fdt *fdt, int node, int parent, const void *arg);

static int walk(const struct fdt *fdt, visit_fn visit, const void *arg)
{
    int stack[MAX_DEPTH];
    int depth = 0;
    for (uint32_t off = 0; off < fdt->size_struct; ) {
        uint32_t t = token(fdt, off);
        if (t == FDT_BEGIN_NODE) {
            if (depth == MAX_DEPTH)
                return -1;
            int parent = depth ? stack[depth - 1] : -1;
            if (visit(fdt, (int)off, parent, arg))
                return (int)off;
            stack[depth++] = (int)off;
        } else if (t == FDT_END_NODE) {
            if (depth == 0)
                return -1;
            depth--;
        } else if (t == FDT_END) {
            return -1;
        }
        off = next_token(fdt, off);
        if (off == 0)
            return -1;
    }
    return -1;
}

struct compat_search { int from; const char *compat; };

static bool match_compatible(const struct fdt *fdt, int node, int parent, const void *arg)
{
    const struct compat_search *s = arg;
    (void)parent;
    return node > s->from && is_compatible(fdt, node, s->compat);
}

int fdt_find_compatible(const struct fdt *fdt, int from, const char *compat)
{
    struct compat_search s = { from, compat };
    return walk(fdt, match_compatible, &s);
}

struct parent_search { int child; int *parent; };

static bool match_child(const struct fdt *fdt, int node, int parent, const void *arg)
{
    const struct parent_search *s = arg;
    (void)fdt;
    if (node != s->child)
        return false;
    *s->parent = parent;
    return true;
}

bool fdt_irq(const struct fdt *fdt, int node, const char *prop, uint32_t index, uint32_t *id)
{
    uint32_t type, number;
    if (!fdt_prop_cell(fdt, node, prop, index * 3, &type) || !fdt_prop_cell(fdt, node, prop, index * 3 + 1, &number))
        return false;
    *id = number + (type == 1 ? 16 : 32);
    return true;
}

int fdt_parent(const struct fdt *fdt, int node)
{
    int parent = -1;
    struct parent_search s = { node, &parent };
    walk(fdt, match_child, &s);
    return parent;
}

/* Does path component 'c' (length n) name this node? "serial" matches "serial@1c090000". */
static bool name_matches(const char *name, const char *c, size_t n)
{
    if (strncmp(name, c, n) != 0)
        return false;
    return name[n] == 0 || (name[n] == '@' && strchr(c, '@') == NULL);
}

int fdt_find_path(const struct fdt *fdt, const char *path)
{
    if (path[0] != '/')
        return -1;
    int node = 0;                    /* the root is the first node */
    if (token(fdt, 0) != FDT_BEGIN_NODE)
        return -1;
    const char *c = path + 1;
    while (*c) {
        const char *slash = strchr(c, '/');
        size_t n = slash ? (size_t)(slash - c) : strlen(c);
        /* look for a child of 'node' with that name */
        int depth = 0, found = -1;
        for (uint32_t off = next_token(fdt, (uint32_t)node); off && found < 0; off = next_token(fdt, off)) {
            uint32_t t = token(fdt, off);
            if (t == FDT_BEGIN_NODE) {
                if (depth == 0 && name_matches(fdt_name(fdt, (int)off), c, n))
                    found = (int)off;
                depth++;
            } else if (t == FDT_END_NODE) {
                if (depth-- == 0)
                    break;          /* the end of 'node' itself */
            } else if (t == FDT_END) {
                break;
            }
        }
        if (found < 0)
            return -1;
        node = found;
        c = slash ? slash + 1 : c + n;
    }
    return node;
}

/* #address-cells / #size-cells that a node gives its children (defaults 2 and 1, 2.3.5). */
static uint32_t cells(const struct fdt *fdt, int node, const char *name, uint32_t fallback)
{
    uint32_t v;
    return node >= 0 && fdt_prop_cell(fdt, node, name, 0, &v) ? v : fallback;
}

static uint64_t read_cells(const uint8_t *p, uint32_t n)
{
    uint64_t v = 0;
    for (uint32_t i = 0; i < n; i++)
        v = v << 32 | fdt32(p + 4 * i);
    return v;
}

bool fdt_reg_local(const struct fdt *fdt, int node, uint32_t index, uint64_t *addr, uint64_t *size)
{
    int parent = fdt_parent(fdt, node);
    uint32_t ac = cells(fdt, parent, "#address-cells", 2), sc = cells(fdt, parent, "#size-cells", 1);
    uint32_t len;
    const uint8_t *reg = fdt_prop(fdt, node, "reg", &len);
    if (reg == NULL || ac > 2 || sc > 2 || (index + 1) * (ac + sc) * 4 > len)
        return false;
    reg += index * (ac + sc) * 4;
    *addr = read_cells(reg, ac);
    *size = read_cells(reg + ac * 4, sc);
    return true;
}

bool fdt_reg(const struct fdt *fdt, int node, uint32_t index, uint64_t *addr, uint64_t *size)
{
    if (!fdt_reg_local(fdt, node, index, addr, size))
        return false;
    int parent = fdt_parent(fdt, node);
    /* Up the tree: each bus maps its children's addresses through its 'ranges' (2.3.8). An
     * empty ranges is the identity; a bus without ranges is not memory-mapped. */
    for (int bus = parent; bus > 0; ) {
        int up = fdt_parent(fdt, bus);
        uint32_t rlen;
        const uint8_t *ranges = fdt_prop(fdt, bus, "ranges", &rlen);
        if (ranges == NULL)
            return false;
        uint32_t cac = cells(fdt, bus, "#address-cells", 2), csc = cells(fdt, bus, "#size-cells", 1);
        uint32_t pac = cells(fdt, up, "#address-cells", 2);
        uint32_t entry = (cac + pac + csc) * 4;
        bool mapped = rlen == 0;
        for (uint32_t off = 0; !mapped && entry && off + entry <= rlen; off += entry) {
            uint64_t child = read_cells(ranges + off, cac);
            uint64_t parent_addr = read_cells(ranges + off + cac * 4, pac);
            uint64_t span = read_cells(ranges + off + (cac + pac) * 4, csc);
            if (*addr >= child && *addr - child < span) {
                *addr = *addr - child + parent_addr;
                mapped = true;
            }
        }
        if (!mapped)
            return false;
        bus = up;
    }
    return true;
}
