// Acoustic scoring of a PTM (phonetically tied mixture) model, one frame at a time: the top-N
// Gaussians of every codebook, then the score of every senone. The arithmetic is pocketsphinx
// 0.8+5prealpha's (ptm_mgau), operation for operation, so the scores are the same integers; the loops
// are arranged so that the compiler can vectorise them. GaillerySpeech's SenoneScorer owns the data.
#ifndef GAILLERY_SENONE_SCORING_H
#define GAILLERY_SENONE_SCORING_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/// One of the best densities of a codebook's stream: its index and its score.
typedef struct {
    int32_t density;
    int32_t score;
} gss_topn;

/// The model, laid out for scoring. Every pointer stays owned by the caller.
typedef struct {
    int32_t codebooks;
    int32_t streams;
    int32_t densities;
    int32_t senones;
    /// Densities kept per codebook and stream (pocketsphinx's -topn).
    int32_t topn;
    /// [streams]: dimensions of each stream, and where it starts in a frame.
    const int32_t *stream_width;
    const int32_t *stream_start;
    /// Per codebook and stream (block `codebook * streams + stream`), dimension-major:
    /// `means[block_start[block] + dimension * densities + density]`; likewise `precisions`, the
    /// precomputed 1 / (2 variance) in log units.
    const int32_t *block_start;
    const float *means;
    const float *precisions;
    /// [codebooks][streams][densities]: the log determinant terms.
    const float *determinants;
    /// [streams][densities][senones], senones in scoring order: negated log mixture weights (sendump).
    const uint8_t *weights;
    /// [codebooks + 1]: the senones of codebook c are scoring positions codebook_first[c] ..< [c + 1].
    const int32_t *codebook_first;
    /// [senones]: the senone at each scoring position.
    const int32_t *senone_at;
    /// [512]: pocketsphinx's 8-bit log-add table, zero past its end.
    const uint8_t *add_table;
    /// [8] or NULL: when add_table[d] equals the number of steps greater than d for every d, the
    /// vectorisable form is used.
    const int16_t *add_steps;
} gss_model;

/// Scores one frame (`frame`: all streams' dimensions, stream after stream).
///
/// `previous` holds the top-N of the frame before (codebook by codebook, stream by stream; at the start
/// pocketsphinx's initial values), `current` receives this frame's. `density_scratch` holds
/// `densities` floats, `position_scratch` 2 * `senones` int16. `scores` receives every senone's
/// score, normalised so that the best is 0 (larger is worse), as pocketsphinx writes them.
void gss_score_frame(const gss_model *model, const float *frame, const gss_topn *previous, gss_topn *current,
                     float *density_scratch, int16_t *position_scratch, int16_t *scores);

/// Callbacks of a read-only stream (glibc's fopencookie, which needs _GNU_SOURCE and so is wrapped here).
typedef long (*gss_read_function)(void *cookie, char *buffer, size_t size);
typedef int (*gss_seek_function)(void *cookie, int64_t *offset, int whence);
typedef int (*gss_close_function)(void *cookie);

/// A read-only FILE served by the callbacks (NULL when glibc cannot make one).
FILE *gss_open_stream(void *cookie, gss_read_function read, gss_seek_function seek, gss_close_function close);

#endif
