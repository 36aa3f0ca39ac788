#ifndef VESTIGE_CURL_H
#define VESTIGE_CURL_H
// libcurl, loaded on first use instead of at program start.
//
// Linking libcurl maps it and ~35 libraries it depends on (TLS, Kerberos, LDAP, IDN, ...) into
// every vestige process: about 10 ms before main() runs, paid by `search` and `extract` too,
// which never fetch anything. These functions open libcurl with dlopen the first time one of
// them is called and forward to it. Only curl.h's types and constants are used from the header.
// Call vestige_curl_load() first: the others must not be called when it reports a problem.
#include <curl/curl.h>

/// Opens libcurl once (thread-safe). NULL when ready, else a message saying what is missing.
const char *vestige_curl_load(void);

/// libcurl's version string ("7.88.1").
const char *vestige_curl_version(void);
/// curl_global_init(CURL_GLOBAL_DEFAULT).
CURLcode vestige_curl_global_init(void);

CURL *vestige_curl_easy_init(void);
void vestige_curl_easy_cleanup(CURL *handle);
const char *vestige_curl_easy_strerror(CURLcode code);

// Typed forms of libcurl's variadic calls, which Swift cannot call directly.
CURLcode vestige_easy_setopt_long(CURL *handle, CURLoption option, long value);
CURLcode vestige_easy_setopt_string(CURL *handle, CURLoption option, const char *value);
CURLcode vestige_easy_setopt_pointer(CURL *handle, CURLoption option, void *value);
CURLcode vestige_easy_setopt_write_function(CURL *handle, CURLoption option, curl_write_callback callback);
CURLcode vestige_easy_setopt_debug_function(CURL *handle, curl_debug_callback callback);
CURLcode vestige_easy_getinfo_long(CURL *handle, CURLINFO info, long *value);
CURLcode vestige_easy_getinfo_string(CURL *handle, CURLINFO info, const char **value);
CURLcode vestige_easy_getinfo_off(CURL *handle, CURLINFO info, curl_off_t *value);

/// Guards a cleartext HTTP/1.x transfer against a Content-Length lie on a kept-alive connection:
/// libcurl 7.x (before 8.3) would take bytes a server sent beyond its announced body as the next
/// request's response. Just before this transfer's request goes out on a connection (new or
/// reused: CURLOPT_PREREQFUNCTION), bytes already waiting there cannot be its response; they are
/// read away and the socket is shut down, so libcurl connects afresh and sends the request there
/// (it resends on a reused connection found dead). The socket is found by its ports among those
/// libcurl opened (CURLOPT_SOCKOPTFUNCTION). Not for TLS, where waiting bytes may be session
/// tickets. Returns libcurl's refusal (CURLE_UNKNOWN_OPTION before 7.80) for the caller to ignore.
CURLcode vestige_easy_guard_reused_connection(CURL *handle);

struct curl_slist *vestige_curl_slist_append(struct curl_slist *list, const char *line);
void vestige_curl_slist_free_all(struct curl_slist *list);

CURLM *vestige_curl_multi_init(void);
CURLMcode vestige_curl_multi_cleanup(CURLM *multi);
CURLMcode vestige_curl_multi_add_handle(CURLM *multi, CURL *handle);
CURLMcode vestige_curl_multi_remove_handle(CURLM *multi, CURL *handle);
CURLMcode vestige_curl_multi_perform(CURLM *multi, int *running);
CURLMcode vestige_curl_multi_poll(CURLM *multi, int timeout_ms, int *ready);
CURLMcode vestige_curl_multi_wakeup(CURLM *multi);
CURLMsg *vestige_curl_multi_info_read(CURLM *multi, int *remaining);
CURLMcode vestige_multi_setopt_long(CURLM *multi, CURLMoption option, long value);
const char *vestige_curl_multi_strerror(CURLMcode code);

/// The result code of a CURLMSG_DONE message (a union member in C).
CURLcode vestige_multi_message_result(const CURLMsg *message);
#endif
