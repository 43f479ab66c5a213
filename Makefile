# kgq — common tasks. `make test` installs what it needs on a fresh Debian machine.
SWIFT        ?= swift
APT_PACKAGES := libgraphviz-dev libedit-dev pkg-config
GRAPH        ?= graphs/customer-service

.PHONY: deps build release test run check fmt audit-golden audit-sarif-check

# Installs the Debian packages the build links against, when they are missing.
deps:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	fi

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test

run: build
	$(SWIFT) run kgq --graph $(GRAPH)

check: build
	$(SWIFT) run kgq check --graph $(GRAPH)

fmt: build
	$(SWIFT) run kgq fmt --graph $(GRAPH)

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
