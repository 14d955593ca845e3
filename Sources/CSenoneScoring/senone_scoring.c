// See include/senone_scoring.h. Every step mirrors pocketsphinx's ptm_mgau.c (eval_topn, eval_cb,
// ptm_mgau_codebook_norm, ptm_mgau_senone_eval) so that the integer scores come out the same; only
// the order of independent work differs: all densities of a codebook are computed together (the same
// operations per density, in the same order, so the same floats), and senones are scored codebook by
// codebook with branch-free log-addition.
#pragma STDC FP_CONTRACT OFF

#include "senone_scoring.h"

#include <string.h>

enum {
    senscr_shift = 10,     // pocketsphinx's SENSCR_SHIFT
    max_neg_ascr = 96,     // MAX_NEG_ASCR: the worst a normalised density score may be
};
static const int32_t worst_score = (int32_t)0xE0000000;  // WORST_SCORE

// d = det - sum over dimensions of (x - mean)^2 * precision, for every density of one block.
static void block_densities(const float *restrict x, int32_t width, int32_t count, const float *restrict mean,
                            const float *restrict precision, const float *restrict det, float *restrict out) {
    for (int32_t k = 0; k < count; ++k) out[k] = det[k];
    for (int32_t j = 0; j < width; ++j) {
        const float xj = x[j];
        const float *restrict m = mean + (size_t)j * (size_t)count;
        const float *restrict p = precision + (size_t)j * (size_t)count;
        for (int32_t k = 0; k < count; ++k) {
            const float diff = xj - m[k];
            const float square = diff * diff;
            const float term = square * p[k];
            out[k] = out[k] - term;
        }
    }
}

// eval_topn's insertion: entry i takes score d and moves up past strictly worse entries.
static void insert_recomputed(gss_topn *topn, int32_t i, int32_t d) {
    topn[i].score = d;
    if (i == 0) return;
    const gss_topn moved = topn[i];
    int32_t j = i - 1;
    for (; j >= 0 && d > topn[j].score; --j) topn[j + 1] = topn[j];
    topn[j + 1] = moved;
}

// The top-N of one block: the previous frame's densities rescored, then every density against the
// current worst (eval_cb compares the float score with the integer worst).
static void block_topn(gss_topn *restrict topn, int32_t n, const float *restrict d, int32_t count) {
    for (int32_t i = 0; i < n; ++i) insert_recomputed(topn, i, (int32_t)d[topn[i].density]);
    for (int32_t density = 0; density < count; ++density) {
        const float value = d[density];
        const float threshold = (float)topn[n - 1].score;
        if (!(value >= threshold)) continue;
        int32_t i = 0;
        while (i < n && topn[i].density != density) ++i;
        if (i < n) continue;
        const int32_t score = (int32_t)value;
        int32_t c = n - 2;
        for (; c >= 0 && score >= topn[c].score; --c) topn[c + 1] = topn[c];
        topn[c + 1].density = density;
        topn[c + 1].score = score;
    }
}

// Log-adds `count` weights (row + score) into `acc`, or sets it for the first density.
static void add_density(int16_t *restrict acc, const uint8_t *restrict row, int16_t score, int32_t count, int first,
                        const uint8_t *restrict table, const int16_t *restrict steps) {
    if (first) {
        for (int32_t k = 0; k < count; ++k) acc[k] = (int16_t)(row[k] + score);
        return;
    }
    if (steps) {
        const int16_t s0 = steps[0], s1 = steps[1], s2 = steps[2], s3 = steps[3];
        const int16_t s4 = steps[4], s5 = steps[5], s6 = steps[6], s7 = steps[7];
        for (int32_t k = 0; k < count; ++k) {
            const int16_t x = acc[k];
            const int16_t y = (int16_t)(row[k] + score);
            const int16_t low = x < y ? x : y;
            const int16_t high = x < y ? y : x;
            const int16_t d = (int16_t)(high - low);
            const int16_t add = (int16_t)((d < s0) + (d < s1) + (d < s2) + (d < s3) + (d < s4) + (d < s5) + (d < s6)
                                          + (d < s7));
            acc[k] = (int16_t)(low - add);
        }
    } else {
        for (int32_t k = 0; k < count; ++k) {
            const int16_t x = acc[k];
            const int16_t y = (int16_t)(row[k] + score);
            const int16_t low = x < y ? x : y;
            const int16_t high = x < y ? y : x;
            const int d = high - low;
            acc[k] = (int16_t)(low - (d < 512 ? table[d] : 0));
        }
    }
}

void gss_score_frame(const gss_model *model, const float *frame, const gss_topn *previous, gss_topn *current,
                     float *density_scratch, int16_t *position_scratch, int16_t *scores) {
    const int32_t codebooks = model->codebooks, streams = model->streams, n = model->topn;
    const int32_t densities = model->densities, senones = model->senones;
    memcpy(current, previous, sizeof(gss_topn) * (size_t)codebooks * (size_t)streams * (size_t)n);

    // Top-N densities of every codebook and stream.
    for (int32_t codebook = 0; codebook < codebooks; ++codebook) {
        for (int32_t stream = 0; stream < streams; ++stream) {
            const int32_t block = codebook * streams + stream;
            const int32_t start = model->block_start[block];
            block_densities(frame + model->stream_start[stream], model->stream_width[stream], densities,
                            model->means + start, model->precisions + start,
                            model->determinants + (size_t)block * (size_t)densities, density_scratch);
            block_topn(current + (size_t)block * (size_t)n, n, density_scratch, densities);
        }
    }

    // Normalise per stream against the best codebook, scale down and clamp.
    for (int32_t stream = 0; stream < streams; ++stream) {
        int32_t norm = worst_score;
        for (int32_t codebook = 0; codebook < codebooks; ++codebook) {
            const int32_t best = current[(size_t)(codebook * streams + stream) * (size_t)n].score >> senscr_shift;
            if (norm < best) norm = best;
        }
        for (int32_t codebook = 0; codebook < codebooks; ++codebook) {
            gss_topn *topn = current + (size_t)(codebook * streams + stream) * (size_t)n;
            for (int32_t k = 0; k < n; ++k) {
                int32_t score = topn[k].score >> senscr_shift;
                score = -(score - norm);
                topn[k].score = score > max_neg_ascr ? max_neg_ascr : score;
            }
        }
    }

    // Senone scores, codebook by codebook (positions are grouped by codebook).
    int16_t *acc = position_scratch;
    int16_t *stream_acc = position_scratch + senones;
    for (int32_t codebook = 0; codebook < codebooks; ++codebook) {
        const int32_t first = model->codebook_first[codebook];
        const int32_t count = model->codebook_first[codebook + 1] - first;
        if (count == 0) continue;
        for (int32_t stream = 0; stream < streams; ++stream) {
            const gss_topn *topn = current + (size_t)(codebook * streams + stream) * (size_t)n;
            int16_t *target = stream == 0 ? acc + first : stream_acc;
            for (int32_t k = 0; k < n; ++k) {
                const uint8_t *row =
                    model->weights + ((size_t)stream * (size_t)densities + (size_t)topn[k].density) * (size_t)senones
                    + (size_t)first;
                add_density(target, row, (int16_t)topn[k].score, count, k == 0, model->add_table, model->add_steps);
            }
            if (stream > 0) {
                int16_t *sum = acc + first;
                for (int32_t k = 0; k < count; ++k) sum[k] = (int16_t)(sum[k] + stream_acc[k]);
            }
        }
    }
    int32_t best = 0x7fffffff;
    for (int32_t p = 0; p < senones; ++p) {
        if (acc[p] < best) best = acc[p];
    }
    for (int32_t p = 0; p < senones; ++p) scores[model->senone_at[p]] = (int16_t)(acc[p] - best);
}
