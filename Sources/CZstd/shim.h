#ifndef VESTIGE_CZSTD_SHIM_H
#define VESTIGE_CZSTD_SHIM_H
#include <zstd.h>
#include <zstd_errors.h>
#endif
