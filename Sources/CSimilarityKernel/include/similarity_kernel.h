// CSimilarityKernel: the inner loop of "more like this" (GailleryStore's SimilarityCodes): int8 dot
// products of one query against many stored vectors. In C so that it can be compiled for AVX2 beside the
// baseline x86-64 build the Swift code gets, chosen at run time by what the CPU supports: the scan of
// 100,000 x 1,280 codes is compute-bound, and baseline SSE2 has no byte-to-word sign extension.
#ifndef SIMILARITY_KERNEL_H
#define SIMILARITY_KERNEL_H

#include <stddef.h>
#include <stdint.h>

/// For each row r in [first, first + rows): out[r - first] = dot(query, codes + r * dim) * scales[r],
/// the integer dot product exact (32-bit sums; |sum| < 127 * 127 * dim fits for dim < 133,000).
void gsim_scan_i8(const int8_t *codes, const float *scales, size_t first, size_t rows, size_t dim,
                  const int8_t *query, float *out);

/// 1 when gsim_scan_i8 runs its AVX2 version on this CPU, 0 when the portable one.
int gsim_uses_avx2(void);

#endif
