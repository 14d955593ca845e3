// Thin system-library shim: ALSA's libasound, for microphone capture (and file-backed PCMs in tests).
#include <alsa/asoundlib.h>
