/* bench: a CPU-bound workload for ./hyplab bench, the same ELF on HypLab and on QEMU.
 * Four kernels typical of systems code: CRC-32 over a buffer, quicksort, an integer matrix
 * multiply and string work (copy, length, compare, search). It prints one checksum per kernel,
 * so a run that computes wrongly is caught as well as timed. */
#include "runtime.h"

#define ROUNDS 100

static uint32_t seed = 12345;

static uint32_t next_random(void)
{
    seed = seed * 1103515245u + 12345u;      /* a plain LCG: the same numbers everywhere */
    return seed >> 8;
}

/* --- CRC-32 (bitwise, reflected polynomial 0xEDB88320) --------------------------------- */
static uint8_t buffer[16384];

static uint32_t crc32(const uint8_t *p, unsigned n)
{
    uint32_t crc = 0xFFFFFFFFu;
    while (n--) {
        crc ^= *p++;
        for (int k = 0; k < 8; k++)
            crc = (crc >> 1) ^ (0xEDB88320u & -(crc & 1));
    }
    return ~crc;
}

/* --- quicksort ----------------------------------------------------------------------------- */
static int32_t numbers[4096];

static void quicksort(int32_t *a, int lo, int hi)
{
    while (lo < hi) {
        int32_t pivot = a[(lo + hi) / 2];
        int i = lo, j = hi;
        while (i <= j) {
            while (a[i] < pivot) i++;
            while (a[j] > pivot) j--;
            if (i <= j) {
                int32_t t = a[i]; a[i] = a[j]; a[j] = t;
                i++; j--;
            }
        }
        if (j - lo < hi - i) { quicksort(a, lo, j); lo = i; }
        else { quicksort(a, i, hi); hi = j; }
    }
}

/* --- matrix multiply ---------------------------------------------------------------------- */
#define N 40
static int32_t ma[N][N], mb[N][N], mc[N][N];

static uint32_t matmul(void)
{
    uint32_t sum = 0;
    for (int i = 0; i < N; i++)
        for (int j = 0; j < N; j++) {
            int32_t acc = 0;
            for (int k = 0; k < N; k++)
                acc += ma[i][k] * mb[k][j];
            mc[i][j] = acc;
            sum += (uint32_t)acc;
        }
    return sum;
}

/* --- string work -------------------------------------------------------------------------- */
static char text[8192], copy[8192];

static unsigned my_strlen(const char *s) { const char *p = s; while (*p) p++; return (unsigned)(p - s); }
static void my_strcpy(char *d, const char *s) { while ((*d++ = *s++)) ; }
static int my_strcmp(const char *a, const char *b)
{
    while (*a && *a == *b) { a++; b++; }
    return (unsigned char)*a - (unsigned char)*b;
}
static unsigned count_matches(const char *hay, const char *needle)
{
    unsigned n = 0, len = my_strlen(needle);
    for (const char *p = hay; *p; p++) {
        unsigned k = 0;
        while (k < len && p[k] == needle[k]) k++;
        n += k == len;
    }
    return n;
}

static uint32_t strings(void)
{
    my_strcpy(copy, text);
    uint32_t r = my_strlen(copy);
    r = r * 31 + (uint32_t)my_strcmp(copy, text);
    copy[100] ^= 1;
    r = r * 31 + (uint32_t)my_strcmp(copy, text);
    r = r * 31 + count_matches(text, "ab");
    r = r * 31 + count_matches(text, "cab");
    return r;
}

#ifndef BENCH_SETUP
#define BENCH_SETUP() do { } while (0)   /* bench_mmu.c turns the MMU on here */
#endif

int main(void)
{
    uint32_t crc_sum = 0, sort_sum = 0, mat_sum = 0, str_sum = 0;
    BENCH_SETUP();
    for (unsigned i = 0; i < sizeof(text) - 1; i++)
        text[i] = (char)('a' + next_random() % 4);
    for (int i = 0; i < N; i++)
        for (int j = 0; j < N; j++) {
            ma[i][j] = (int32_t)(next_random() % 201) - 100;
            mb[i][j] = (int32_t)(next_random() % 201) - 100;
        }
    for (int round = 0; round < ROUNDS; round++) {
        for (unsigned i = 0; i < sizeof(buffer); i++)
            buffer[i] = (uint8_t)next_random();
        crc_sum = crc32_update(crc_sum, crc32(buffer, sizeof(buffer)));

        for (unsigned i = 0; i < sizeof(numbers) / sizeof(numbers[0]); i++)
            numbers[i] = (int32_t)next_random() - (1 << 23);
        quicksort(numbers, 0, sizeof(numbers) / sizeof(numbers[0]) - 1);
        for (unsigned i = 0; i < sizeof(numbers) / sizeof(numbers[0]); i += 64)
            sort_sum = crc32_update(sort_sum, (uint32_t)numbers[i]);

        ma[round % N][round % N] += round;
        mat_sum = crc32_update(mat_sum, matmul());
        str_sum = crc32_update(str_sum, strings());
    }
    put_line("crc", crc_sum);
    put_line("sort", sort_sum);
    put_line("matmul", mat_sum);
    put_line("strings", str_sum);
    return 0;
}
