# Reform-progress dashboard. Two commands set up everything on a fresh machine:
#   make serve   build, then serve the dashboard on http://127.0.0.1:$(PORT)/
#   make test    every test: Rust (normalizer, model, queries) and browser tests in headless Chromium
# Also: make dev (debug build with reload, for people who change the app), make data
# (regenerate data/initiatives.json), make dist, make opendata-check, make bench, make tools.
# Prerequisites: rustup, Node >= 20 with npm, and root or sudo for Debian's browsers and fonts.
# Paths are relative or quoted: the checkout may sit under a path with spaces or Japanese.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

# Tools live outside the repository (cargo's bin directory) or in node_modules; pinned here.
TRUNK_VERSION := 0.21.14
WASM_BINDGEN_VERSION := 0.2.130
CARGO_BIN := $(or $(CARGO_HOME),$(HOME)/.cargo)/bin
export PATH := $(CURDIR)/node_modules/.bin:$(CARGO_BIN):$(PATH)

# Where cargo puts what it builds: CARGO_TARGET_DIR when set (the any-path check sets it).
CARGO_TARGET := $(or $(CARGO_TARGET_DIR),target)

PORT ?= 8080
DEV_PORT ?= 8081
SOURCE := data/source/000_7008800fb5738cea.txt
OVERRIDES := data/overrides.json
DATA := data/initiatives.json
APP_SOURCES := $(shell find app/src src -name '*.rs') app/build.rs app/Cargo.toml Cargo.toml Cargo.lock index.html Trunk.toml public/style.css $(DATA)

.PHONY: help serve dev screenshots renewal-screenshots test test-native test-node test-browser test-any-path opendata-check data fixtures dist bench tools tool-wasm-target tool-trunk tool-wasm-bindgen tool-chromium clean

help:
	@echo "make serve   build and serve the dashboard on http://127.0.0.1:$(PORT)/"
	@echo "make test    all tests (Rust and headless Chromium)"
	@echo "make dev     debug build with live reload on http://127.0.0.1:$(DEV_PORT)/ (for changing the app)"
	@echo "make data    regenerate $(DATA) from $(SOURCE) and $(OVERRIDES)"
	@echo "make fixtures  regenerate the next-edition test fixtures in tests/fixtures/"
	@echo "make dist    build dist/web (hosted, with the import workbench import.html) and dist/offline"
	@echo "make opendata-check  write the published tables to dist/web/data and check them (machine-readability rules, Frictionless)"
	@echo "make bench   measure speed and size (medians) and write BENCHMARKS.md"
	@echo "make screenshots  PNGs of every view at 390, 768 and 1280 px in build/screenshots/"
	@echo "make tools   install what the build needs (wasm target, trunk, wasm-bindgen, npm packages, Chromium)"

# ---- tools ---------------------------------------------------------------------------------

tools: tool-wasm-target tool-trunk tool-wasm-bindgen node_modules/.installed tool-chromium

tool-wasm-target:
	@rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown

tool-trunk:
	@trunk --version 2>/dev/null | grep -q "$(TRUNK_VERSION)" || { \
	  echo "installing trunk $(TRUNK_VERSION) (about 8 minutes, once)"; \
	  cargo install trunk --version $(TRUNK_VERSION) --locked; }

# Without --locked: its lock file pins a crate version the registry mirror lacks.
tool-wasm-bindgen:
	@wasm-bindgen --version 2>/dev/null | grep -q "$(WASM_BINDGEN_VERSION)" || { \
	  echo "installing wasm-bindgen-cli $(WASM_BINDGEN_VERSION) (about 2 minutes, once)"; \
	  cargo install wasm-bindgen-cli --version $(WASM_BINDGEN_VERSION); }

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	@touch $@

# Browser tests use Debian's Chromium and, for the offline file, Firefox ESR.
# poppler-utils (pdfinfo, pdftotext) reads back what the print test prints.
DEBIAN_PACKAGES := chromium firefox-esr fonts-noto-cjk poppler-utils
tool-chromium:
	@if [ -x "$${CHROMIUM:-/usr/bin/chromium}" ] && [ -x "$${FIREFOX:-/usr/bin/firefox-esr}" ] && command -v pdfinfo >/dev/null; then :; \
	elif [ "$$(id -u)" = 0 ]; then \
	  echo "installing Debian's $(DEBIAN_PACKAGES)"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(DEBIAN_PACKAGES) >/dev/null; \
	elif command -v sudo >/dev/null; then \
	  echo "installing Debian's $(DEBIAN_PACKAGES) (sudo asks for your password)"; \
	  sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(DEBIAN_PACKAGES) >/dev/null; \
	else \
	  echo "Missing browsers or PDF tools. As root run: apt-get install $(DEBIAN_PACKAGES) (or set CHROMIUM= and FIREFOX= to their paths)"; exit 1; \
	fi

# ---- data ----------------------------------------------------------------------------------

data:
	cargo run --release --bin normalize -- $(SOURCE) --overrides $(OVERRIDES) -o $(DATA)

# Next editions made from this report with known changes (scripts/make-fixtures.mjs), and their
# JSON as the normalizer reads them with this year's overrides (tests/editions.rs checks both),
# each matched to the edition before it (keys carried over).
FIXTURES := tests/fixtures/edition-r6 tests/fixtures/edition-r7
fixtures:
	node scripts/make-fixtures.mjs
	cargo build --release --quiet --bin normalize
	previous=$(DATA); for f in $(FIXTURES); do "$(CARGO_TARGET)/release/normalize" $$f.txt --overrides $(OVERRIDES) --previous $$previous -o $$f.json 2>/dev/null; previous=$$f.json; done

# ---- build ---------------------------------------------------------------------------------

dist: dist/web/index.html dist/web/import.html

# Only the charts and components the dashboard uses, loaded when a view first draws a chart:
# an ES module for the hosted build, and the same code as a function body for the offline file.
ECHARTS := build/echarts.mjs build/echarts.iife.js
$(ECHARTS): scripts/echarts-entry.js node_modules/.installed
	@mkdir -p build
	esbuild scripts/echarts-entry.js --bundle --minify --format=esm --target=es2020 --outfile=build/echarts.mjs --log-level=warning
	esbuild scripts/echarts-entry.js --bundle --minify --format=iife --global-name=reformCharts --target=es2020 --outfile=build/echarts.iife.js --log-level=warning

# The source text the normalizer read, for 「出典を見る」: gzip, loaded on first use (hosted) or
# held inline (offline). -n leaves out the file's name and time, so the bytes depend on the text only.
SOURCE_GZ := build/source.txt.gz
$(SOURCE_GZ): $(SOURCE)
	@mkdir -p build
	gzip -9nc "$(SOURCE)" > $@

# The features binaryen's wasm-opt (from node_modules, as trunk uses it) may rely on: those of
# the wasm rustc writes.
WASM_OPT_FEATURES := --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext --enable-reference-types --enable-mutable-globals

# A second wasm module the dashboard loads on demand: $(call wasm-module,PACKAGE) builds crate
# PACKAGE, binds it as an ES module and optimises it for size into build/PACKAGE.mjs and
# build/PACKAGE.wasm (scripts/package.mjs publishes both with a content hash).
define wasm-module
	cargo build --release --target wasm32-unknown-unknown -p $(1)
	@mkdir -p build/$(1)-bindgen
	wasm-bindgen --target web --no-typescript --out-dir build/$(1)-bindgen --out-name $(1) "$(CARGO_TARGET)/wasm32-unknown-unknown/release/$(subst -,_,$(1)).wasm"
	wasm-opt -Oz $(WASM_OPT_FEATURES) build/$(1)-bindgen/$(1)_bg.wasm -o build/$(1).wasm
	cp build/$(1)-bindgen/$(1).js build/$(1).mjs
endef

# The data module (crate reform-data): the published files, the views' CSV downloads and the
# Excel workbook, a second wasm loaded on the first file asked for, so the dashboard's own wasm
# does not carry them.
DATA_MODULE := build/reform-data.mjs build/reform-data.wasm
DATA_MODULE_SOURCES := $(shell find data-module/src src -name '*.rs') data-module/Cargo.toml Cargo.toml Cargo.lock $(wildcard data/*.schema.json)
$(DATA_MODULE) &: $(DATA_MODULE_SOURCES) | tool-wasm-target tool-wasm-bindgen node_modules/.installed
	$(call wasm-module,reform-data)

# The chart module (crate reform-charts): a chart's ECharts option, built with charming, a wasm
# loaded with ECharts when a view first draws a chart, so the first view carries neither.
CHART_MODULE := build/reform-charts.mjs build/reform-charts.wasm
CHART_MODULE_SOURCES := $(shell find chart-module/src src -name '*.rs') chart-module/Cargo.toml Cargo.toml Cargo.lock
$(CHART_MODULE) &: $(CHART_MODULE_SOURCES) | tool-wasm-target tool-wasm-bindgen node_modules/.installed
	$(call wasm-module,reform-charts)

dist/web/index.html: $(APP_SOURCES) $(ECHARTS) $(CHART_MODULE) $(SOURCE_GZ) $(DATA_MODULE) scripts/package.mjs scripts/dev-start.mjs $(wildcard embed/*) | tool-wasm-target tool-trunk tool-wasm-bindgen node_modules/.installed
	trunk build --release --offline
	cargo run --quiet -p reform-app --bin prerender --no-default-features --features ssr -- dist/web/index.html
	node scripts/package.mjs
	cargo run --release --quiet --bin publish -- $(DATA) -o dist/web/data

# The import workbench (crate reform-workbench): the report's owners make the next edition in the
# browser. Its own wasm, with the normalizer; the glue as a classic script (no-modules), so the
# offline file holds it as it is. scripts/package-import.mjs writes dist/web/import.html and
# dist/offline/reform-import.html, with the dashboard's template that scripts/package.mjs writes.
WORKBENCH := build/workbench/reform-workbench.js build/workbench/reform-workbench.wasm
WORKBENCH_SOURCES := $(shell find workbench/src src -name '*.rs') workbench/Cargo.toml Cargo.toml Cargo.lock $(DATA) $(OVERRIDES)
$(WORKBENCH) &: $(WORKBENCH_SOURCES) | tool-wasm-target tool-wasm-bindgen node_modules/.installed
	cargo build --release --target wasm32-unknown-unknown -p reform-workbench
	@mkdir -p build/workbench-bindgen build/workbench
	wasm-bindgen --target no-modules --no-typescript --out-dir build/workbench-bindgen --out-name reform-workbench "$(CARGO_TARGET)/wasm32-unknown-unknown/release/reform_workbench.wasm"
	wasm-opt -Oz $(WASM_OPT_FEATURES) build/workbench-bindgen/reform-workbench_bg.wasm -o build/workbench/reform-workbench.wasm
	cp build/workbench-bindgen/reform-workbench.js build/workbench/reform-workbench.js

dist/web/import.html: dist/web/index.html $(WORKBENCH) workbench/import.html workbench/import.css scripts/package-import.mjs
	node scripts/package-import.mjs

serve: dist
	node scripts/serve.mjs dist/web $(PORT)

# A debug build served by trunk, rebuilt and reloaded on every change of the app or the data.
# The chart and data modules are built once before it starts: after a change to `chart-module/`,
# `data-module/` or a chart's spec (`src/query/chart_spec.rs`), stop it and run `make dev` again.
# Not for publishing: the wasm is large and unoptimised (use `make dist`).
dev: $(ECHARTS) $(CHART_MODULE) $(SOURCE_GZ) $(DATA_MODULE) | tool-wasm-target tool-trunk tool-wasm-bindgen node_modules/.installed
	trunk serve --offline --port $(DEV_PORT) --dist build/dev --watch app --watch src --watch data --watch public --watch index.html

# PNGs of every view at 390, 768 and 1280 px in build/screenshots/, to look at before a view is done.
screenshots: dist tool-chromium node_modules/.installed
	node scripts/screenshots.mjs
	node scripts/renewal-screenshots.mjs

# The pictures of the owners' guide (docs/renewal.md), taken again after the workbench changes.
renewal-screenshots: dist tool-chromium node_modules/.installed
	node scripts/renewal-screenshots.mjs --docs

# ---- tests ---------------------------------------------------------------------------------

# The build under an unusual path (test-any-path) rebuilds the whole app in a copy: CI runs it,
# `make test` does not, so a warm `make test` rebuilds nothing it has not changed.
test: test-native test-node test-browser

# Rust: normalizer, loader, queries, the JSON against its JSON Schema (tests/schema.rs), and the
# data module (published files, CSV downloads, the Excel workbook read back), and the chart
# module (a chart's spec to its ECharts option), and the app's own native tests.
test-native:
	cargo test -p reform -p reform-data -p reform-charts
	cargo test -p reform-app --lib

# Build scripts and the development server, without a browser. Files are listed by a glob:
# `node --test DIR` reads DIR as a file on Node 21 and later.
test-node: node_modules/.installed
	node --test tests/node/*.test.mjs

# Reads a saved Excel workbook back for the browser tests (they have no spreadsheet reader).
READ_WORKBOOK := $(CARGO_TARGET)/debug/examples/read_workbook
$(READ_WORKBOOK): data-module/examples/read_workbook.rs data-module/Cargo.toml Cargo.lock
	cargo build --quiet -p reform-data --example read_workbook

# The command line, for the import workbench's test (the same JSON from the same inputs).
NORMALIZE_DEBUG := $(CARGO_TARGET)/debug/normalize
$(NORMALIZE_DEBUG): $(shell find src -name '*.rs') Cargo.toml Cargo.lock
	cargo build --quiet --bin normalize

test-browser: dist build/answer-key.json $(READ_WORKBOOK) $(NORMALIZE_DEBUG) tool-chromium node_modules/.installed
	node --test --test-concurrency=1 --test-timeout=600000 --test-force-exit tests/browser/*.test.mjs

# What the query layer says each address the browser tests open shows: their expected figures.
build/answer-key.json: examples/answer_key.rs $(DATA) $(shell find src -name '*.rs') Cargo.toml Cargo.lock
	@mkdir -p build
	cargo run --quiet --example answer_key -- $(DATA) > $@.tmp && mv $@.tmp $@

# Builds a copy of the project under a path with a space and Japanese characters, with a
# python3 on PATH that fails: the build must need neither clean paths nor Python.
test-any-path: | tool-wasm-target tool-trunk tool-wasm-bindgen node_modules/.installed
	bash scripts/check-any-path.sh

# ---- open data -----------------------------------------------------------------------------

# The published tables (dist/web/data) and the views' downloads of the whole report
# (build/downloads), checked against the Digital Agency's machine-readability rules and the data
# package against the Frictionless validator; fails on a finding the codebook does not explain.
# The checkers sit beside the clone; their set-up (PyPI, once) runs when they are missing.
CHECKER := ../shared/opendata-checker
opendata-check:
	cargo run --release --quiet --bin publish -- $(DATA) -o dist/web/data --downloads build/downloads
	@"$(CHECKER)/mrcheck.sh" --help >/dev/null 2>&1 && "$(CHECKER)/frictionless.sh" --version >/dev/null 2>&1 || "$(CHECKER)/setup.sh"
	bash scripts/opendata-check.sh "$(CHECKER)" dist/web/data build/downloads

# ---- bench ---------------------------------------------------------------------------------

bench: dist tool-chromium
	@mkdir -p build
	cargo bench --bench normalize_time | tee build/bench-normalize.md
	node scripts/bench.mjs build/bench-normalize.md

clean:
	rm -rf dist build/dev target/wasm-opt
