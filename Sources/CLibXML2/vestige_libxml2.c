#include "vestige_libxml2.h"

#include <dlfcn.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <strings.h>

// Every libxml2 function vestige calls, resolved once by load_library().
static struct {
    void (*init_parser)(void);
    htmlDocPtr (*read_memory)(const char *, int, const char *, const char *, int);
    void (*free_doc)(xmlDocPtr);
    xmlNodePtr (*root_element)(const xmlDoc *);
    xmlChar *(*get_prop)(const xmlNode *, const xmlChar *);
    xmlChar *(*node_get_content)(const xmlNode *);
    void (*reset_last_error)(void);
    xmlErrorPtr (*get_last_error)(void);
    xmlFreeFunc free_string;
    const char *version;
} xml;

static const char *load_problem;
static char load_message[512];
static pthread_once_t load_once = PTHREAD_ONCE_INIT;

static void *resolve(void *library, const char *name) {
    void *symbol = dlsym(library, name);
    if (symbol == NULL && load_problem == NULL) {
        snprintf(load_message, sizeof load_message, "libxml2 lacks %s: install libxml2 2.9 or newer", name);
        load_problem = load_message;
    }
    return symbol;
}

static void load_library(void) {
    void *library = dlopen("libxml2.so.2", RTLD_NOW | RTLD_LOCAL);
    if (library == NULL) {
        const char *reason = dlerror();
        snprintf(load_message, sizeof load_message,
                 "libxml2 could not be loaded (%s): install it, e.g. apt-get install libxml2",
                 reason ? reason : "libxml2.so.2 not found");
        load_problem = load_message;
        return;
    }
#define RESOLVE(field, name) *(void **)(&xml.field) = resolve(library, name)
    RESOLVE(init_parser, "xmlInitParser");
    RESOLVE(read_memory, "htmlReadMemory");
    RESOLVE(free_doc, "xmlFreeDoc");
    RESOLVE(root_element, "xmlDocGetRootElement");
    RESOLVE(get_prop, "xmlGetProp");
    RESOLVE(node_get_content, "xmlNodeGetContent");
    RESOLVE(reset_last_error, "xmlResetLastError");
    RESOLVE(get_last_error, "xmlGetLastError");
#undef RESOLVE
    if (load_problem != NULL) return;
    // xmlFree and xmlParserVersion are variables; vestige never installs its own allocator, so
    // free() is what xmlFree holds unless this libxml2 says otherwise.
    xmlFreeFunc *free_variable = (xmlFreeFunc *)dlsym(library, "xmlFree");
    xml.free_string = (free_variable != NULL && *free_variable != NULL) ? *free_variable : free;
    const char **version_variable = (const char **)dlsym(library, "xmlParserVersion");
    xml.version = (version_variable != NULL && *version_variable != NULL) ? *version_variable : "unknown";
    xml.init_parser();
}

const char *vestige_libxml2_load(void) {
    pthread_once(&load_once, load_library);
    return load_problem;
}

const char *vestige_libxml2_version(void) {
    return vestige_libxml2_load() == NULL ? xml.version : "not loaded";
}

/// One parse; *conversion_failed when the input could not be converted from the document's
/// declared (non-UTF-8) charset. (libxml2 keeps its last error per thread.)
static htmlDocPtr parse_once(const char *bytes, int length, const char *url, const char *encoding,
                             int *conversion_failed) {
    int options = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET
        | HTML_PARSE_COMPACT;
    xml.reset_last_error();
    htmlDocPtr document = xml.read_memory(bytes, length, url, encoding, options);
    if (document == NULL) return NULL;
    xmlErrorPtr error = xml.get_last_error();
    int code = error != NULL ? error->code : 0;
    const char *declared = document->encoding != NULL ? (const char *)document->encoding : "utf-8";
    *conversion_failed = (code == XML_IO_ENCODER || code == XML_ERR_INVALID_ENCODING || code == XML_I18N_CONV_FAILED)
        && strcasecmp(declared, "utf-8") != 0 && strcasecmp(declared, "utf8") != 0;
    return document;
}

vestige_html_document *vestige_html_parse(const char *bytes, int length, const char *url) {
    if (vestige_libxml2_load() != NULL) return NULL;
    int failed = 0;
    htmlDocPtr first = parse_once(bytes, length, url, NULL, &failed);
    if (first == NULL || !failed) return (vestige_html_document *)first;
    // A declared charset that does not fit the bytes (a <meta charset="shift_jis"> on a Latin-1
    // page) makes libxml2 stop at the first byte it cannot convert, losing the rest of the page
    // and its links: parse again as ISO-8859-1, which accepts every byte and keeps all markup.
    // (Invalid UTF-8 needs no second pass: libxml2 itself carries on.)
    int ignored = 0;
    htmlDocPtr second = parse_once(bytes, length, url, "ISO-8859-1", &ignored);
    if (second == NULL) return (vestige_html_document *)first;
    xml.free_doc(first);
    return (vestige_html_document *)second;
}

void vestige_html_free_document(vestige_html_document *document) { xml.free_doc((xmlDocPtr)document); }

vestige_html_node *vestige_html_root(vestige_html_document *document) {
    return (vestige_html_node *)xml.root_element((const xmlDoc *)document);
}

vestige_html_node *vestige_html_first_child(const vestige_html_node *node) {
    return (vestige_html_node *)((const xmlNode *)node)->children;
}

vestige_html_node *vestige_html_next_sibling(const vestige_html_node *node) {
    return (vestige_html_node *)((const xmlNode *)node)->next;
}

vestige_html_node_kind vestige_html_kind(const vestige_html_node *node) {
    switch (((const xmlNode *)node)->type) {
        case XML_ELEMENT_NODE: return VESTIGE_HTML_ELEMENT;
        case XML_TEXT_NODE:
        case XML_CDATA_SECTION_NODE: return VESTIGE_HTML_TEXT;
        default: return VESTIGE_HTML_OTHER;
    }
}

const char *vestige_html_name(const vestige_html_node *node) {
    return (const char *)((const xmlNode *)node)->name;
}

const char *vestige_html_own_text(const vestige_html_node *node) {
    return (const char *)((const xmlNode *)node)->content;
}

static const xmlNode *next_element_sibling(const xmlNode *node) {
    while (node != NULL && node->type != XML_ELEMENT_NODE) node = node->next;
    return node;
}

vestige_html_node *vestige_html_next_element(const vestige_html_node *node, const vestige_html_node *root) {
    const xmlNode *current = (const xmlNode *)node;
    const xmlNode *child = next_element_sibling(current->children);
    if (child != NULL) return (vestige_html_node *)child;
    while (current != NULL && current != (const xmlNode *)root) {
        const xmlNode *sibling = next_element_sibling(current->next);
        if (sibling != NULL) return (vestige_html_node *)sibling;
        current = current->parent;
    }
    return NULL;
}

unsigned long long vestige_html_name_key(const vestige_html_node *node) {
    const unsigned char *name = ((const xmlNode *)node)->name;
    if (name == NULL) return 0;
    unsigned long long key = 0;
    for (int i = 0; name[i] != 0; i++) {
        if (i == 8) return 0;
        unsigned char c = name[i];
        if (c >= 'A' && c <= 'Z') c += 'a' - 'A';
        key |= (unsigned long long)c << (8 * i);
    }
    return key;
}

int vestige_html_has_attribute(const vestige_html_node *node, const char *name) {
    for (const xmlAttr *attribute = ((const xmlNode *)node)->properties; attribute != NULL;
         attribute = attribute->next) {
        if (attribute->name != NULL && strcasecmp((const char *)attribute->name, name) == 0) return 1;
    }
    return 0;
}

char *vestige_html_attribute(const vestige_html_node *node, const char *name) {
    return (char *)xml.get_prop((const xmlNode *)node, (const xmlChar *)name);
}

char *vestige_html_text(const vestige_html_node *node) {
    return (char *)xml.node_get_content((const xmlNode *)node);
}

void vestige_html_free_string(char *text) {
    if (text != NULL) xml.free_string(text);
}
