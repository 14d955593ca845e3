// Thin system-library shim: FFTW 3, single precision (libfftw3f), used by GailleryAudio's front end.
#include <fftw3.h>
