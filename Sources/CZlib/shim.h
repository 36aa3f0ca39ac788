#ifndef VESTIGE_CZLIB_SHIM_H
#define VESTIGE_CZLIB_SHIM_H
#include <zlib.h>
#endif
