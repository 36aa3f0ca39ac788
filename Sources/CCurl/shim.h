#ifndef VESTIGE_CCURL_SHIM_H
#define VESTIGE_CCURL_SHIM_H
#include <curl/curl.h>

/// libcurl's version string ("7.88.1"), without the variadic curl_version_info call.
static inline const char *vestige_curl_version(void) {
    return curl_version_info(CURLVERSION_NOW)->version;
}

// Typed wrappers for libcurl's variadic calls, which Swift cannot call directly.
// Used by Sources/Fetching's C seam (CurlEasy, CurlMulti) only.

/// curl_global_init(CURL_GLOBAL_DEFAULT): the macro is an expression Swift does not import.
static inline CURLcode vestige_curl_global_init(void) {
    return curl_global_init(CURL_GLOBAL_DEFAULT);
}

static inline CURLcode vestige_easy_setopt_long(CURL *handle, CURLoption option, long value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode vestige_easy_setopt_string(CURL *handle, CURLoption option, const char *value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode vestige_easy_setopt_pointer(CURL *handle, CURLoption option, void *value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode vestige_easy_setopt_write_function(CURL *handle, CURLoption option,
                                                         curl_write_callback callback) {
    return curl_easy_setopt(handle, option, callback);
}

static inline CURLcode vestige_easy_setopt_debug_function(CURL *handle, curl_debug_callback callback) {
    return curl_easy_setopt(handle, CURLOPT_DEBUGFUNCTION, callback);
}

static inline CURLcode vestige_easy_getinfo_long(CURL *handle, CURLINFO info, long *value) {
    return curl_easy_getinfo(handle, info, value);
}

static inline CURLcode vestige_easy_getinfo_string(CURL *handle, CURLINFO info, const char **value) {
    return curl_easy_getinfo(handle, info, value);
}

static inline CURLcode vestige_easy_getinfo_off(CURL *handle, CURLINFO info, curl_off_t *value) {
    return curl_easy_getinfo(handle, info, value);
}

/// The socket of the transfer's connection (CURLINFO_ACTIVESOCKET); -1 when it is closed or the
/// handle is no longer in its multi handle.
static inline CURLcode vestige_easy_getinfo_active_socket(CURL *handle, curl_socket_t *value) {
    return curl_easy_getinfo(handle, CURLINFO_ACTIVESOCKET, value);
}

static inline CURLMcode vestige_multi_setopt_long(CURLM *handle, CURLMoption option, long value) {
    return curl_multi_setopt(handle, option, value);
}

/// The result code of a CURLMSG_DONE message (a union member in C).
static inline CURLcode vestige_multi_message_result(const CURLMsg *message) {
    return message->data.result;
}
#endif
