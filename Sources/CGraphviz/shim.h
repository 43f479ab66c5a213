// The slice of libgvc / libcgraph kgq uses, with wrappers that keep the Swift side clean.
//
// cgraph takes `char *` where it only reads (and copies) the string; the wrappers take
// `const char *` so Swift strings pass directly. Swift 6 refuses to touch C globals such
// as `Agdirected`, so the one use of it is wrapped too.
#ifndef KGQ_CGRAPHVIZ_SHIM_H
#define KGQ_CGRAPHVIZ_SHIM_H

#include <stdlib.h>
#include <graphviz/gvc.h>
#include <graphviz/cgraph.h>

/// Parses DOT text; NULL when it is not valid DOT (the message is in aglasterr()).
static inline Agraph_t *kg_memread(const char *dot) { return agmemread(dot); }

/// An empty directed graph named `name` (cgraph copies the name).
static inline Agraph_t *kg_open_directed(const char *name) {
    return agopen((char *)name, Agdirected, NULL);
}

/// Sets a graph, node or edge attribute, declaring it with default `def` when new.
static inline int kg_safeset(void *obj, const char *name, const char *value, const char *def) {
    return agsafeset(obj, (char *)name, (char *)value, (char *)def);
}

/// Reads an attribute; NULL when it is not declared.
static inline const char *kg_get(void *obj, const char *name) { return agget(obj, (char *)name); }

/// Number of nodes / edges of a parsed graph.
static inline int kg_node_count(Agraph_t *g) { return agnnodes(g); }
static inline int kg_edge_count(Agraph_t *g) { return agnedges(g); }

/// Keeps messages out of stderr: cgraph then stores them for aglasterr() instead.
static inline void kg_quiet_errors(void) { agseterr(AGMAX); }

/// The last stored message, malloc'd (free with free()), or NULL.
static inline char *kg_last_error(void) { return aglasterr(); }

/// The highest severity since the last reset: 0 none or warnings, 1 (AGERR) errors.
static inline int kg_error_level(void) { return agerrors(); }
static inline void kg_reset_errors(void) { agreseterrors(); }

#endif
