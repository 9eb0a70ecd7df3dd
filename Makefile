# Reform-progress dashboard. Two commands set up everything on a fresh machine:
#   make serve   build, then serve the dashboard on http://127.0.0.1:$(PORT)/
#   make test    every test: Rust (normalizer, model, queries) and browser tests in headless Chromium
# Also: make data (regenerate data/initiatives.json), make dist, make bench, make tools.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

# Tools live outside the repository (cargo's bin directory) or in node_modules; pinned here.
TRUNK_VERSION := 0.21.14
WASM_BINDGEN_VERSION := 0.2.130
CARGO_BIN := $(or $(CARGO_HOME),$(HOME)/.cargo)/bin
export PATH := $(CURDIR)/node_modules/.bin:$(CARGO_BIN):$(PATH)

PORT ?= 8080
SOURCE := data/source/000_7008800fb5738cea.txt
OVERRIDES := data/overrides.json
DATA := data/initiatives.json
APP_SOURCES := $(shell find app/src src -name '*.rs') app/Cargo.toml Cargo.toml Cargo.lock index.html Trunk.toml public/style.css $(DATA)

.PHONY: help serve test test-native test-browser data check-data dist bench tools tool-wasm-target tool-trunk tool-wasm-bindgen tool-chromium clean

help:
	@echo "make serve   build and serve the dashboard on http://127.0.0.1:$(PORT)/"
	@echo "make test    all tests (Rust and headless Chromium)"
	@echo "make data    regenerate $(DATA) from $(SOURCE) and $(OVERRIDES)"
	@echo "make dist    build dist/web (hosted)"
	@echo "make bench   measure speed and size (medians) and write BENCHMARKS.md"
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
tool-chromium:
	@if [ -x "$${CHROMIUM:-/usr/bin/chromium}" ] && [ -x "$${FIREFOX:-/usr/bin/firefox-esr}" ]; then :; \
	elif [ "$$(id -u)" = 0 ]; then \
	  echo "installing Debian's chromium, firefox-esr and Japanese fonts"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium firefox-esr fonts-noto-cjk >/dev/null; \
	else \
	  echo "Browsers missing. As root run: apt-get install chromium firefox-esr fonts-noto-cjk (or set CHROMIUM= and FIREFOX= to their paths)"; exit 1; \
	fi

# ---- data ----------------------------------------------------------------------------------

data:
	cargo run --release --bin normalize -- $(SOURCE) --overrides $(OVERRIDES) -o $(DATA)

# ---- build ---------------------------------------------------------------------------------

dist: dist/web/index.html

# Only the charts and components the dashboard uses (about 200 KB gzipped instead of 370).
build/echarts.min.js: scripts/echarts-entry.js node_modules/.installed
	@mkdir -p build
	esbuild scripts/echarts-entry.js --bundle --minify --format=iife --target=es2020 --outfile=$@ --log-level=warning

dist/web/index.html: $(APP_SOURCES) build/echarts.min.js scripts/package.mjs $(wildcard embed/*) | tool-wasm-target tool-trunk tool-wasm-bindgen node_modules/.installed
	trunk build --release --offline
	node scripts/package.mjs

serve: dist
	node scripts/serve.mjs dist/web $(PORT)

# ---- tests ---------------------------------------------------------------------------------

test: test-native test-browser

test-native:
	cargo test -p reform
	python3 scripts/validate_schema.py $(DATA) data/initiatives.schema.json

test-browser: dist tool-chromium node_modules/.installed
	node --test --test-concurrency=1 tests/browser/

# ---- bench ---------------------------------------------------------------------------------

bench: dist tool-chromium
	@mkdir -p build
	cargo bench --bench normalize_time | tee build/bench-normalize.md
	node scripts/bench.mjs build/bench-normalize.md

clean:
	rm -rf dist target/wasm-opt
