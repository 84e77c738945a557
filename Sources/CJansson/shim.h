#ifndef CTN_CJANSSON_SHIM_H
#define CTN_CJANSSON_SHIM_H
#include <jansson.h>

/* json_typeof is a macro and json_decref an inline function with a macro inside: wrapped so that
   Swift can call them. */
static inline json_type ctn_json_type(const json_t *json) { return json_typeof(json); }
static inline void ctn_json_decref(json_t *json) { json_decref(json); }
static inline enum json_error_code ctn_json_error_code(const json_error_t *error) { return json_error_code(error); }

#endif
