/// C sources of tiny plugins, one per way a plugin can go wrong (and one that works), compiled
/// by the tests with the toolchain's clang.
enum TestPlugins {
    static let prelude = "#include <string.h>\n#include \"kgq_plugin.h\"\n"

    /// Registers `shout(text)` (upper-cases ASCII), an `agent-audited` audit rule and a `fail`
    /// exporter whose callback errs.
    static let good = prelude + #"""
    static int shout(void *data, const char *args, size_t length, struct kgq_result *result) {
        /* args is ["text"]; answer with the same JSON upper-cased (enough for the test). */
        char out[256];
        if (length >= sizeof out || length < 4 || args[1] != '"') { kgq_result_set_error(result, "shout() wants one short string"); return 1; }
        size_t n = length - 2; /* strip [ and ] */
        for (size_t i = 0; i < n; i++) { char c = args[i + 1]; out[i] = (c >= 'a' && c <= 'z') ? c - 32 : c; }
        kgq_result_set_output(result, out, n);
        return 0;
    }
    static int fail(void *data, const char *json, size_t length, const char *settings, struct kgq_result *result) {
        kgq_result_set_error(result, "this exporter always fails");
        return 1;
    }
    /* One finding for the first node whose id contains "agent"; a plain string search is
       enough for the test graph. */
    static int agents(void *data, const char *json, size_t length, struct kgq_result *result) {
        const char *hit = strstr(json, "\"id\": \"role:agent\"");
        const char *answer = hit
            ? "[{\"focus\": \"role:agent\", \"message\": \"agents are audited\", \"fix\": \"none\", \"property\": \"name\"}]"
            : "[]";
        kgq_result_set_output(result, answer, strlen(answer));
        return 0;
    }
    int kgq_plugin_register(const struct kgq_host *host) {
        if (kgq_declare(host, "good", "0.1") != 0) return 1;
        struct kgq_function f = { "shout", 1, 1, "upper-cases", shout, 0 };
        if (host->register_function(host, &f) != 0) return 1;
        struct kgq_audit_rule r = { "agent-audited", "warning", "Finds role:agent.", "For tests.", agents, 0 };
        if (host->register_audit_rule(host, &r) != 0) return 1;
        struct kgq_exporter e = { "fail", "fail", "always fails", 0, fail, 0 };
        return host->register_exporter(host, &e);
    }
    """#

    /// Declares an API version kgq does not implement.
    static let wrongVersion = prelude + #"""
    int kgq_plugin_register(const struct kgq_host *host) {
        return host->declare(host, KGQ_PLUGIN_API_VERSION + 41, "future", "9.9");
    }
    """#

    /// A shared library without the entry point.
    static let noEntry = prelude + #"""
    int some_other_function(void) { return 7; }
    """#

    /// Never declares itself.
    static let undeclared = prelude + #"""
    int kgq_plugin_register(const struct kgq_host *host) { return 0; }
    """#

    /// Reports its own registration error.
    static let refuses = prelude + #"""
    int kgq_plugin_register(const struct kgq_host *host) {
        kgq_declare(host, "refuses", "1.0");
        kgq_set_error(host, "the licence file is missing");
        return 3;
    }
    """#

    /// Registers a function under a built-in's name.
    static let clash = prelude + #"""
    static int f(void *d, const char *a, size_t n, struct kgq_result *r) { kgq_result_set_output(r, "1", 1); return 0; }
    int kgq_plugin_register(const struct kgq_host *host) {
        kgq_declare(host, "clash", "1.0");
        struct kgq_function fn = { "toUpper", 1, 1, "", f, 0 };
        return host->register_function(host, &fn);
    }
    """#

    /// Answers with text that is not JSON.
    static let badJSON = prelude + #"""
    static int f(void *d, const char *a, size_t n, struct kgq_result *r) { kgq_result_set_output(r, "not json", 8); return 0; }
    int kgq_plugin_register(const struct kgq_host *host) {
        kgq_declare(host, "badjson", "1.0");
        struct kgq_function fn = { "garbled", 0, 0, "", f, 0 };
        return host->register_function(host, &fn);
    }
    """#

    /// Gives an audit rule a severity that does not exist.
    static let badSeverity = prelude + #"""
    static int f(void *d, const char *a, size_t n, struct kgq_result *r) { return 0; }
    int kgq_plugin_register(const struct kgq_host *host) {
        kgq_declare(host, "badseverity", "1.0");
        struct kgq_audit_rule rule = { "r", "fatal", "", "", f, 0 };
        return host->register_audit_rule(host, &rule);
    }
    """#

    /// Gives an impossible arity range.
    static let badArity = prelude + #"""
    static int f(void *d, const char *a, size_t n, struct kgq_result *r) { return 0; }
    int kgq_plugin_register(const struct kgq_host *host) {
        kgq_declare(host, "badarity", "1.0");
        struct kgq_function fn = { "twisted", 3, 1, "", f, 0 };
        return host->register_function(host, &fn);
    }
    """#

    /// Answers a function call and an audit with JSON nested 40,000 levels deep.
    static let deepJSON = "#include <stdlib.h>\n" + prelude + #"""
    static int deep(void *d, const char *a, size_t n, struct kgq_result *r) {
        size_t k = 40000; char *s = malloc(2 * k);
        memset(s, '[', k); memset(s + k, ']', k);
        kgq_result_set_output(r, s, 2 * k); free(s); return 0;
    }
    int kgq_plugin_register(const struct kgq_host *host) {
        kgq_declare(host, "deepjson", "1.0");
        struct kgq_function fn = { "deep", 0, 0, "", deep, 0 };
        if (host->register_function(host, &fn) != 0) return 1;
        struct kgq_audit_rule rule = { "deep-rule", "warning", "Answers deep JSON.", "For tests.", deep, 0 };
        return host->register_audit_rule(host, &rule);
    }
    """#
}
