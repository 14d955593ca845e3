#include "CGailleryImage.h"

#include <stdlib.h>

void gi_free(void *pointer) { free(pointer); }
