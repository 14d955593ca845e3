// Thin system-library shim: Debian's pocketsphinx 0.8+5prealpha and sphinxbase (decoder, fe_* front end,
// cmd_ln configuration, ckd_alloc, logging). Included by path under sphinxbase/ so that sphinxbase's
// err.h never shadows the C library's.
#include <pocketsphinx.h>
#include <sphinxbase/fe.h>
#include <sphinxbase/cmd_ln.h>
#include <sphinxbase/ckd_alloc.h>
#include <sphinxbase/err.h>
#include <sphinxbase/jsgf.h>
#include <sphinxbase/fsg_model.h>
#include <sphinxbase/feat.h>
#include <sphinxbase/logmath.h>
#include <sphinxbase/cmn.h>
#include <sphinxbase/agc.h>
