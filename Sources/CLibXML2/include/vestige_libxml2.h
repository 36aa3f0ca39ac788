#ifndef VESTIGE_LIBXML2_H
#define VESTIGE_LIBXML2_H
// libxml2's HTML parser, loaded on first use instead of at program start.
//
// Linking libxml2 maps it and ICU into every vestige process (about 3 ms before main(), paid by
// `search` and `extract` too). These functions open libxml2 with dlopen the first time one is
// called, and hide its structures: Swift sees opaque documents and nodes. Call
// vestige_libxml2_load() first: the others must not be called when it reports a problem.

/// A parsed HTML document (libxml2's htmlDoc).
typedef struct vestige_html_document vestige_html_document;
/// One node of a parsed document (libxml2's xmlNode).
typedef struct vestige_html_node vestige_html_node;

/// What a node is, as far as vestige cares.
typedef enum {
    VESTIGE_HTML_OTHER = 0,
    VESTIGE_HTML_ELEMENT = 1,
    /// A text or CDATA node.
    VESTIGE_HTML_TEXT = 2,
} vestige_html_node_kind;

/// Opens libxml2 once (thread-safe). NULL when ready, else a message saying what is missing.
const char *vestige_libxml2_load(void);
/// libxml2's version as a string such as "20914".
const char *vestige_libxml2_version(void);

/// Parses HTML leniently (recover, no network, no error output); NULL when no tree was built.
vestige_html_document *vestige_html_parse(const char *bytes, int length, const char *url);
void vestige_html_free_document(vestige_html_document *document);

vestige_html_node *vestige_html_root(vestige_html_document *document);
vestige_html_node *vestige_html_first_child(const vestige_html_node *node);
vestige_html_node *vestige_html_next_sibling(const vestige_html_node *node);
vestige_html_node_kind vestige_html_kind(const vestige_html_node *node);
/// The element's name as the parser stored it (NULL for none); owned by the document.
const char *vestige_html_name(const vestige_html_node *node);
/// A text node's own text (NULL for none); owned by the document.
const char *vestige_html_own_text(const vestige_html_node *node);

/// The element after `node` in document order within `root`'s subtree (its first child element,
/// else the next element sibling of it or of its nearest ancestor below `root`); NULL at the end.
vestige_html_node *vestige_html_next_element(const vestige_html_node *node, const vestige_html_node *root);
/// The element's name, lower-cased, packed into an integer (byte i in bits 8i..8i+7); 0 when the
/// name is empty or longer than 8 bytes. Lets a walk test names without making strings.
unsigned long long vestige_html_name_key(const vestige_html_node *node);
/// Whether the element has the attribute (name compared without case).
int vestige_html_has_attribute(const vestige_html_node *node, const char *name);

/// The attribute's value or NULL; free it with vestige_html_free_string.
char *vestige_html_attribute(const vestige_html_node *node, const char *name);
/// All text below the node; free it with vestige_html_free_string.
char *vestige_html_text(const vestige_html_node *node);
void vestige_html_free_string(char *text);
#endif
