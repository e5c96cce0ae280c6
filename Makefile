# Crosscheck: a literate, verified reference suite.
# SPDX-License-Identifier: GPL-3.0-or-later
#
# `make report` and `make test` do everything on a fresh Debian 12 machine with Swift at
# /opt/swift: install the missing system packages, build, then run. `make` alone lists targets.

SWIFT ?= swift
CONFIG ?= debug
REPORTS ?= Reports
# Extra arguments for `make check`, e.g. `make check ARGS='--claim A9.1.7'`.
SPECS ?=
ARGS ?=
# `make mutants ARTICLE=05` runs one article's mutants, `MUTANT=name` one mutant.
ARTICLE ?=
MUTANT ?=
# `make fuzz FUZZ_SECONDS=600 FUZZ_TARGETS=spec` fuzzes one target for ten minutes.
FUZZ_SECONDS ?= 180
FUZZ_TARGETS ?= spec numbers replay arguments
# FUZZ_RUNS stops each target at that many executions (-1: no limit but FUZZ_SECONDS).
FUZZ_RUNS ?= -1

# Use the toolchain at /opt/swift when no `swift` is on the PATH.
ifeq ($(shell command -v $(SWIFT) 2>/dev/null),)
  ifneq ($(wildcard /opt/swift/usr/bin/swift),)
    export PATH := /opt/swift/usr/bin:$(PATH)
  endif
endif

FORMAT_PATHS := Package.swift Sources Tests $(wildcard Snippets)

.DEFAULT_GOAL := help
.PHONY: help deps build test report check list docs format lint clean

help: ## Show this list
	@echo "Crosscheck: make <target>"
	@echo
	@grep -E '^[a-z-]+:.*## ' $(firstword $(MAKEFILE_LIST)) \
	  | awk 'BEGIN { FS = ":.*## " } { printf "  %-13s %s\n", $$1, $$2 }'
	@echo
	@echo "Variables: SWIFT=$(SWIFT) CONFIG=$(CONFIG) REPORTS=$(REPORTS) SPECS=... ARGS=..."

deps: ## Install the missing system packages (GSL, MPFR, cmark-gfm, KaTeX, pkg-config)
	@bash scripts/install-deps.sh

build: deps ## Build every library and the crosscheck tool
	$(SWIFT) build -c $(CONFIG)

test: deps ## Run the test suite (swift test), which includes every spec
	$(SWIFT) test

report: deps ## Check every spec and write the reports to Reports/; fails if a claim fails
	$(SWIFT) build -c $(CONFIG)
	$(SWIFT) run -c $(CONFIG) crosscheck report --out $(REPORTS)

check: deps ## Check specs and print verdicts (SPECS=..., ARGS='--claim ID')
	$(SWIFT) run -c $(CONFIG) crosscheck check $(SPECS) $(ARGS)

list: deps ## List the checks and the claims of every spec
	$(SWIFT) run -c $(CONFIG) crosscheck list $(ARGS)

docs: deps ## Build the DocC documentation of ReferenceNumerics and SpecEngine (warnings are errors)
	$(SWIFT) package generate-documentation --target ReferenceNumerics --warnings-as-errors
	$(SWIFT) package generate-documentation --target SpecEngine --warnings-as-errors

.PHONY: mutants mutants-smoke
mutants: deps ## Plant each mutant of Mutants/ in a scratch copy, print the kill table (ARTICLE=05, MUTANT=name)
	ARTICLE='$(ARTICLE)' MUTANT='$(MUTANT)' bash scripts/mutants.sh

mutants-smoke: deps ## One mutant per article, as CI runs it (writes Mutants/RESULTS-partial.md)
	SMOKE=1 bash scripts/mutants.sh

.PHONY: fuzz
fuzz: deps ## Fuzz the input parsers under libFuzzer (Fuzz/; FUZZ_SECONDS per target, FUZZ_TARGETS, FUZZ_RUNS)
	FUZZ_SECONDS='$(FUZZ_SECONDS)' FUZZ_TARGETS='$(FUZZ_TARGETS)' FUZZ_RUNS='$(FUZZ_RUNS)' bash scripts/fuzz.sh

.PHONY: bench
bench: deps ## Time the kernels against GSL and MPFR (Benchmarks/, release; ARGS='--filter cdf')
	cd Benchmarks && $(SWIFT) run -c release crosscheck-benchmarks $(ARGS)

format: ## Format the Swift sources in place
	$(SWIFT) format --in-place --recursive $(FORMAT_PATHS)

lint: ## Check the formatting without changing anything (as CI does)
	$(SWIFT) format lint --strict --recursive $(FORMAT_PATHS)

clean: ## Remove build products and the report writer's leftover temporaries (keeps Reports/)
	$(SWIFT) package clean
	if [ -d $(REPORTS) ]; then find $(REPORTS) -name '*.tmp-??????' -type f -delete; fi
