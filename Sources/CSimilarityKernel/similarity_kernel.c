// See include/similarity_kernel.h. Both versions are the same plain loop: the compiler vectorises it
// (for AVX2 with vpmovsxbw and vpmaddwd, 16 products per instruction), so they return the same sums.
#include "similarity_kernel.h"

#if defined(__x86_64__) && defined(__clang__)
#define GSIM_DISPATCH 1
#endif

static inline int32_t dot_portable(const int8_t *restrict a, const int8_t *restrict b, size_t dim) {
    int32_t sum = 0;
    for (size_t i = 0; i < dim; ++i) sum += (int32_t)a[i] * (int32_t)b[i];
    return sum;
}

static void scan_portable(const int8_t *codes, const float *scales, size_t first, size_t rows, size_t dim,
                          const int8_t *query, float *out) {
    for (size_t r = 0; r < rows; ++r) {
        size_t row = first + r;
        out[r] = (float)dot_portable(query, codes + row * dim, dim) * scales[row];
    }
}

#ifdef GSIM_DISPATCH
__attribute__((target("avx2"))) static inline int32_t dot_avx2(const int8_t *restrict a, const int8_t *restrict b,
                                                                size_t dim) {
    int32_t sum = 0;
    for (size_t i = 0; i < dim; ++i) sum += (int32_t)a[i] * (int32_t)b[i];
    return sum;
}

__attribute__((target("avx2"))) static void scan_avx2(const int8_t *codes, const float *scales, size_t first,
                                                       size_t rows, size_t dim, const int8_t *query, float *out) {
    for (size_t r = 0; r < rows; ++r) {
        size_t row = first + r;
        out[r] = (float)dot_avx2(query, codes + row * dim, dim) * scales[row];
    }
}
#endif

int gsim_uses_avx2(void) {
#ifdef GSIM_DISPATCH
    return __builtin_cpu_supports("avx2") ? 1 : 0;
#else
    return 0;
#endif
}

void gsim_scan_i8(const int8_t *codes, const float *scales, size_t first, size_t rows, size_t dim,
                  const int8_t *query, float *out) {
#ifdef GSIM_DISPATCH
    if (__builtin_cpu_supports("avx2")) {
        scan_avx2(codes, scales, first, rows, dim, query, out);
        return;
    }
#endif
    scan_portable(codes, scales, first, rows, dim, query, out);
}
