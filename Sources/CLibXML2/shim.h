#ifndef VESTIGE_CLIBXML2_SHIM_H
#define VESTIGE_CLIBXML2_SHIM_H
#include <libxml/HTMLparser.h>
#include <libxml/xmlversion.h>
#include <libxml/xmlmemory.h>

/// xmlFree is a global function-pointer variable, which Swift 6 strict concurrency will not read:
/// call it through this function instead.
static inline void vestige_xml_free(void *pointer) { xmlFree(pointer); }

/// libxml2's version as a string such as "20914".
static inline const char *vestige_libxml2_version(void) { return xmlParserVersion; }
#endif
