#include "vestige_curl.h"

#include <arpa/inet.h>
#include <dlfcn.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdio.h>
#include <sys/socket.h>

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

// Sockets libcurl opened for connections (file descriptor → local port once connected, 0 before),
// for vestige_easy_guard_reused_connection to find a connection's socket by its ports.
#define GUARDED_SOCKETS 8192
static int socket_ports[GUARDED_SOCKETS];
static unsigned char socket_known[GUARDED_SOCKETS];
static pthread_mutex_t sockets_lock = PTHREAD_MUTEX_INITIALIZER;

static int socket_port(curl_socket_t fd, int peer) {
    struct sockaddr_storage address;
    socklen_t length = sizeof address;
    int status = peer ? getpeername(fd, (struct sockaddr *)&address, &length)
                      : getsockname(fd, (struct sockaddr *)&address, &length);
    if (status != 0) return -1;
    if (address.ss_family == AF_INET) return ntohs(((struct sockaddr_in *)&address)->sin_port);
    if (address.ss_family == AF_INET6) return ntohs(((struct sockaddr_in6 *)&address)->sin6_port);
    return -1;
}

static int remember_socket(void *context, curl_socket_t fd, curlsocktype purpose) {
    (void)context;
    if (purpose == CURLSOCKTYPE_IPCXN && fd >= 0 && fd < GUARDED_SOCKETS) {
        pthread_mutex_lock(&sockets_lock);
        socket_known[fd] = 1;
        socket_ports[fd] = 0;
        pthread_mutex_unlock(&sockets_lock);
    }
    return CURL_SOCKOPT_OK;
}

static curl_socket_t find_socket(int local_port, int remote_port) {
    curl_socket_t found = -1;
    pthread_mutex_lock(&sockets_lock);
    for (curl_socket_t fd = 0; fd < GUARDED_SOCKETS && found < 0; fd++) {
        if (!socket_known[fd]) continue;
        if (socket_ports[fd] == 0) socket_ports[fd] = socket_port(fd, 0);
        if (socket_ports[fd] < 0) {
            socket_known[fd] = 0;  // closed, or no longer a socket
        } else if (socket_ports[fd] == local_port && socket_port(fd, 0) == local_port
                   && socket_port(fd, 1) == remote_port) {
            found = fd;  // checked again: the number may belong to a newer socket by now
        }
    }
    pthread_mutex_unlock(&sockets_lock);
    return found;
}

static int drain_before_request(void *context, char *remote_ip, char *local_ip, int remote_port, int local_port) {
    (void)context;
    (void)remote_ip;
    (void)local_ip;
    curl_socket_t fd = find_socket(local_port, remote_port);
    if (fd < 0) return CURL_PREREQFUNC_OK;
    char buffer[4096];
    if (recv(fd, buffer, 1, MSG_PEEK | MSG_DONTWAIT) <= 0) return CURL_PREREQFUNC_OK;
    while (recv(fd, buffer, sizeof buffer, MSG_DONTWAIT) > 0) {
    }
    shutdown(fd, SHUT_RDWR);
    return CURL_PREREQFUNC_OK;
}

CURLcode vestige_easy_guard_reused_connection(CURL *handle) {
    CURLcode code = curl.easy_setopt(handle, CURLOPT_SOCKOPTFUNCTION, remember_socket);
    if (code != CURLE_OK) return code;
    return curl.easy_setopt(handle, CURLOPT_PREREQFUNCTION, drain_before_request);
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
