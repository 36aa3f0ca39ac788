#include "vestige_curl.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>

// Every libcurl function vestige calls, resolved once by load_library().
static struct {
    CURLcode (*global_init)(long);
    curl_version_info_data *(*version_info)(CURLversion);
    CURL *(*easy_init)(void);
    void (*easy_cleanup)(CURL *);
    const char *(*easy_strerror)(CURLcode);
    CURLcode (*easy_setopt)(CURL *, CURLoption, ...);
    CURLcode (*easy_getinfo)(CURL *, CURLINFO, ...);
    struct curl_slist *(*slist_append)(struct curl_slist *, const char *);
    void (*slist_free_all)(struct curl_slist *);
    CURLM *(*multi_init)(void);
    CURLMcode (*multi_cleanup)(CURLM *);
    CURLMcode (*multi_add_handle)(CURLM *, CURL *);
    CURLMcode (*multi_remove_handle)(CURLM *, CURL *);
    CURLMcode (*multi_perform)(CURLM *, int *);
    CURLMcode (*multi_poll)(CURLM *, struct curl_waitfd[], unsigned int, int, int *);
    CURLMcode (*multi_wakeup)(CURLM *);
    CURLMsg *(*multi_info_read)(CURLM *, int *);
    CURLMcode (*multi_setopt)(CURLM *, CURLMoption, ...);
    const char *(*multi_strerror)(CURLMcode);
} curl;

static const char *load_problem;
static char load_message[512];
static pthread_once_t load_once = PTHREAD_ONCE_INIT;

static void *resolve(void *library, const char *name) {
    void *symbol = dlsym(library, name);
    if (symbol == NULL && load_problem == NULL) {
        snprintf(load_message, sizeof load_message,
                 "libcurl lacks %s: vestige needs libcurl 7.68 or newer (apt-get install libcurl4)", name);
        load_problem = load_message;
    }
    return symbol;
}

static void load_library(void) {
    // The soname of Debian's and most distributions' OpenSSL build; the GnuTLS build second.
    void *library = dlopen("libcurl.so.4", RTLD_NOW | RTLD_LOCAL);
    if (library == NULL) library = dlopen("libcurl-gnutls.so.4", RTLD_NOW | RTLD_LOCAL);
    if (library == NULL) {
        const char *reason = dlerror();
        snprintf(load_message, sizeof load_message,
                 "libcurl could not be loaded (%s): install it, e.g. apt-get install libcurl4",
                 reason ? reason : "libcurl.so.4 not found");
        load_problem = load_message;
        return;
    }
#define RESOLVE(field, name) *(void **)(&curl.field) = resolve(library, name)
    RESOLVE(global_init, "curl_global_init");
    RESOLVE(version_info, "curl_version_info");
    RESOLVE(easy_init, "curl_easy_init");
    RESOLVE(easy_cleanup, "curl_easy_cleanup");
    RESOLVE(easy_strerror, "curl_easy_strerror");
    RESOLVE(easy_setopt, "curl_easy_setopt");
    RESOLVE(easy_getinfo, "curl_easy_getinfo");
    RESOLVE(slist_append, "curl_slist_append");
    RESOLVE(slist_free_all, "curl_slist_free_all");
    RESOLVE(multi_init, "curl_multi_init");
    RESOLVE(multi_cleanup, "curl_multi_cleanup");
    RESOLVE(multi_add_handle, "curl_multi_add_handle");
    RESOLVE(multi_remove_handle, "curl_multi_remove_handle");
    RESOLVE(multi_perform, "curl_multi_perform");
    RESOLVE(multi_poll, "curl_multi_poll");
    RESOLVE(multi_wakeup, "curl_multi_wakeup");
    RESOLVE(multi_info_read, "curl_multi_info_read");
    RESOLVE(multi_setopt, "curl_multi_setopt");
    RESOLVE(multi_strerror, "curl_multi_strerror");
#undef RESOLVE
}

const char *vestige_curl_load(void) {
    pthread_once(&load_once, load_library);
    return load_problem;
}

const char *vestige_curl_version(void) {
    if (vestige_curl_load() != NULL) return "not loaded";
    return curl.version_info(CURLVERSION_NOW)->version;
}

CURLcode vestige_curl_global_init(void) {
    if (vestige_curl_load() != NULL) return CURLE_FAILED_INIT;
    return curl.global_init(CURL_GLOBAL_DEFAULT);
}

CURL *vestige_curl_easy_init(void) {
    if (vestige_curl_load() != NULL) return NULL;
    return curl.easy_init();
}

void vestige_curl_easy_cleanup(CURL *handle) { curl.easy_cleanup(handle); }

const char *vestige_curl_easy_strerror(CURLcode code) {
    return vestige_curl_load() == NULL ? curl.easy_strerror(code) : NULL;
}

CURLcode vestige_easy_setopt_long(CURL *handle, CURLoption option, long value) {
    return curl.easy_setopt(handle, option, value);
}

CURLcode vestige_easy_setopt_string(CURL *handle, CURLoption option, const char *value) {
    return curl.easy_setopt(handle, option, value);
}

CURLcode vestige_easy_setopt_pointer(CURL *handle, CURLoption option, void *value) {
    return curl.easy_setopt(handle, option, value);
}

CURLcode vestige_easy_setopt_write_function(CURL *handle, CURLoption option, curl_write_callback callback) {
    return curl.easy_setopt(handle, option, callback);
}

CURLcode vestige_easy_setopt_debug_function(CURL *handle, curl_debug_callback callback) {
    return curl.easy_setopt(handle, CURLOPT_DEBUGFUNCTION, callback);
}

CURLcode vestige_easy_getinfo_long(CURL *handle, CURLINFO info, long *value) {
    return curl.easy_getinfo(handle, info, value);
}

CURLcode vestige_easy_getinfo_string(CURL *handle, CURLINFO info, const char **value) {
    return curl.easy_getinfo(handle, info, value);
}

CURLcode vestige_easy_getinfo_off(CURL *handle, CURLINFO info, curl_off_t *value) {
    return curl.easy_getinfo(handle, info, value);
}

CURLcode vestige_easy_getinfo_active_socket(CURL *handle, curl_socket_t *value) {
    return curl.easy_getinfo(handle, CURLINFO_ACTIVESOCKET, value);
}

struct curl_slist *vestige_curl_slist_append(struct curl_slist *list, const char *line) {
    return curl.slist_append(list, line);
}

void vestige_curl_slist_free_all(struct curl_slist *list) {
    if (list != NULL) curl.slist_free_all(list);
}

CURLM *vestige_curl_multi_init(void) {
    if (vestige_curl_load() != NULL) return NULL;
    return curl.multi_init();
}

CURLMcode vestige_curl_multi_cleanup(CURLM *multi) { return curl.multi_cleanup(multi); }

CURLMcode vestige_curl_multi_add_handle(CURLM *multi, CURL *handle) { return curl.multi_add_handle(multi, handle); }

CURLMcode vestige_curl_multi_remove_handle(CURLM *multi, CURL *handle) {
    return curl.multi_remove_handle(multi, handle);
}

CURLMcode vestige_curl_multi_perform(CURLM *multi, int *running) { return curl.multi_perform(multi, running); }

CURLMcode vestige_curl_multi_poll(CURLM *multi, int timeout_ms, int *ready) {
    return curl.multi_poll(multi, NULL, 0, timeout_ms, ready);
}

CURLMcode vestige_curl_multi_wakeup(CURLM *multi) { return curl.multi_wakeup(multi); }

CURLMsg *vestige_curl_multi_info_read(CURLM *multi, int *remaining) { return curl.multi_info_read(multi, remaining); }

CURLMcode vestige_multi_setopt_long(CURLM *multi, CURLMoption option, long value) {
    return curl.multi_setopt(multi, option, value);
}

const char *vestige_curl_multi_strerror(CURLMcode code) {
    return vestige_curl_load() == NULL ? curl.multi_strerror(code) : NULL;
}

CURLcode vestige_multi_message_result(const CURLMsg *message) { return message->data.result; }
