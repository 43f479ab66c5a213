/*
 * kgq_plugin.h — the C ABI between kgq and a dynamic-library plugin.
 *
 * A plugin is a shared library (.so on Linux, .dylib on macOS) that exports one C symbol:
 *
 *     int kgq_plugin_register(const struct kgq_host *host);
 *
 * kgq loads the library (dlopen, RTLD_NOW | RTLD_LOCAL), calls kgq_plugin_register once, and
 * never unloads it. The plugin first declares itself with kgq_declare() (which sends the API
 * version it was compiled against), then registers its contributions through the host's
 * callbacks, and returns 0; a non-zero return (after kgq_set_error, ideally) refuses the
 * plugin. No Swift (or C++) type crosses this boundary: only C strings, byte buffers and JSON
 * text, so a plugin may be written in Swift (with @c), C, Rust or anything that exports a C
 * function.
 *
 * Contributions: exporters (kgq export --format NAME), query functions and audit rules.
 *
 * Memory: every string and buffer kgq hands to a plugin is only valid during the call. A
 * plugin hands results back through a struct kgq_result (kgq_result_set_output /
 * kgq_result_set_error), which copies them at once, so the plugin may free its buffers as soon
 * as the call returns. The structs a plugin passes to a register_* callback are copied too.
 *
 * Threads: callbacks may be called from any thread, but never two at once for one plugin.
 *
 * Compatibility: the first three members of struct kgq_host (api_version, context, declare)
 * keep their place in every version, so any plugin can declare itself and be told clearly
 * that it was built for another version. Everything else may change with
 * KGQ_PLUGIN_API_VERSION.
 */
#ifndef KGQ_PLUGIN_H
#define KGQ_PLUGIN_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The version of this interface. kgq refuses a plugin that declares another one. */
#define KGQ_PLUGIN_API_VERSION 1

/* The name of the one symbol a plugin exports. */
#define KGQ_PLUGIN_ENTRY_POINT "kgq_plugin_register"

/*
 * Where a callback puts its answer. Call kgq_result_set_output and return 0, or
 * kgq_result_set_error and return non-zero. kgq copies the bytes during the call.
 */
struct kgq_result {
    void *host_data;
    void (*set_output)(struct kgq_result *result, const char *bytes, size_t length);
    void (*set_error)(struct kgq_result *result, const char *message);
};

/*
 * An exporter: `kgq export --format NAME`.
 *
 * export_graph receives the subgraph to export as the graph-export JSON of
 * `kgq export --format json` ({"documents": [...], "nodes": [...], "edges": [...]}, UTF-8,
 * graph_json_length bytes, also NUL-terminated) and the export settings as a JSON object
 * ({"title": string|null, "language": string|null}). It writes the whole output with
 * kgq_result_set_output (any bytes; binary is fine).
 */
typedef int (*kgq_export_fn)(void *plugin_data, const char *graph_json, size_t graph_json_length,
                             const char *settings_json, struct kgq_result *result);

struct kgq_exporter {
    const char *name;          /* the --format name, lower-case: "mermaid" */
    const char *extension;     /* the file extension -o infers it from, without the dot: "mmd" */
    const char *description;   /* one line for `kgq plugins` */
    int binary;                /* non-zero if the output is not text (kgq then refuses a terminal) */
    kgq_export_fn export_graph;
    void *plugin_data;         /* passed back to export_graph unchanged */
};

/*
 * A scalar query function, callable in queries like a built-in: `RETURN slug(r.name)`.
 *
 * call receives its arguments as a JSON array in the value shape of `kgq query --format json`
 * (null, booleans, numbers, strings, lists, maps; nodes as {"$node": {...}}, relationships as
 * {"$edge": {...}}, paths as {"$path": [...]}), and writes one JSON value as its result. An
 * integer is a JSON number without '.' or exponent; 1.0 is a float.
 */
typedef int (*kgq_function_fn)(void *plugin_data, const char *arguments_json, size_t arguments_json_length,
                               struct kgq_result *result);

struct kgq_function {
    const char *name;          /* the function name; matched case-insensitively like built-ins */
    int min_arity;             /* fewest arguments */
    int max_arity;             /* most arguments (>= min_arity) */
    const char *description;   /* one line for `kgq plugins` */
    kgq_function_fn call;
    void *plugin_data;         /* passed back to call unchanged */
};

/*
 * An audit rule, run by `kgq audit` with the built-in rules: `kgq audit --rule ID` selects it.
 *
 * check receives the whole graph as graph-export JSON (as for exporters) and writes a JSON
 * array of findings, each
 *   {"focus": "id of a node, relationship or document", "message": "what is wrong",
 *    "fix": "what to do" (optional), "property": "the property in question" (optional)}
 * kgq adds the rule id, the severity, the .kg location of the focus and a fingerprint (from
 * the rule, the focus, the property and the message). An empty array means no findings.
 */
typedef int (*kgq_audit_fn)(void *plugin_data, const char *graph_json, size_t graph_json_length,
                            struct kgq_result *result);

struct kgq_audit_rule {
    const char *id;            /* stable, kebab-case: "empty-name" */
    const char *severity;      /* "error", "warning" or "info" */
    const char *summary;       /* one sentence: what the rule finds */
    const char *description;   /* a paragraph: why it matters, how to fix a finding */
    kgq_audit_fn check;
    void *plugin_data;         /* passed back to check unchanged */
};

/*
 * What kgq hands to kgq_plugin_register. Each callback returns 0 on success; on failure it
 * returns non-zero and kgq reports why when the plugin gives up (return that value).
 */
struct kgq_host {
    /* Stable across versions: */
    uint32_t api_version;      /* the KGQ_PLUGIN_API_VERSION kgq was built with */
    void *context;             /* kgq's own; leave it alone */
    int (*declare)(const struct kgq_host *host, uint32_t plugin_api_version,
                   const char *plugin_name, const char *plugin_version);
    /* Version 1: */
    int (*register_exporter)(const struct kgq_host *host, const struct kgq_exporter *exporter);
    int (*register_function)(const struct kgq_host *host, const struct kgq_function *function);
    void (*set_error)(const struct kgq_host *host, const char *message);
    int (*register_audit_rule)(const struct kgq_host *host, const struct kgq_audit_rule *rule);
};

/* The entry point every plugin defines. Return 0 when everything registered. */
int kgq_plugin_register(const struct kgq_host *host);

/* Declares the plugin with the API version this header defines. Call it first. */
static inline int kgq_declare(const struct kgq_host *host, const char *plugin_name, const char *plugin_version) {
    return host->declare(host, KGQ_PLUGIN_API_VERSION, plugin_name, plugin_version);
}

/* Reports why registration failed; return non-zero from kgq_plugin_register afterwards. */
static inline void kgq_set_error(const struct kgq_host *host, const char *message) {
    host->set_error(host, message);
}

static inline void kgq_result_set_output(struct kgq_result *result, const char *bytes, size_t length) {
    result->set_output(result, bytes, length);
}

static inline void kgq_result_set_error(struct kgq_result *result, const char *message) {
    result->set_error(result, message);
}

#ifdef __cplusplus
}
#endif

#endif /* KGQ_PLUGIN_H */
