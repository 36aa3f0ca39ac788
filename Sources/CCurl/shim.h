#ifndef VESTIGE_CCURL_SHIM_H
#define VESTIGE_CCURL_SHIM_H
#include <curl/curl.h>

/// libcurl's version string ("7.88.1"), without the variadic curl_version_info call.
static inline const char *vestige_curl_version(void) {
    return curl_version_info(CURLVERSION_NOW)->version;
}
#endif
