#!/usr/bin/env bash
# opendata-check.sh CHECKER TABLES_DIR DOWNLOADS_DIR: the published tables and the views'
# downloads against the Digital Agency's machine-readability rules, and the data package against
# the Frictionless validator. Fails on any finding the codebook does not explain (`publish
# --rules-not-applicable`: file, rule), and on an explained one that no longer occurs, so the
# codebook stays true.
set -euo pipefail
CHECKER="$1" TABLES="$2" DOWNLOADS="$3"
report="$(mktemp)"
trap 'rm -f "$report"' EXIT

status=0
"$CHECKER/mrcheck.sh" "$TABLES"/*.csv "$DOWNLOADS"/*.csv > "$report" || status=$?
grep -v '^   note\|^        ·' "$report" || true
if [ "$status" -ge 2 ]; then echo "opendata-check: the checker could not read a file"; exit 1; fi

# "FILE RULE" for every finding, FILE without its folder.
found="$(awk '/^== /{f=$2; sub(/:$/,"",f); n=split(f,p,"/"); f=p[n]} /^   FAIL /{print f, $2}' "$report" | sort -u)"
explained="$(cargo run --release --quiet --bin publish -- --rules-not-applicable | awk -F'\t' '{print $1, $2}' | sort -u)"
unexplained="$(comm -23 <(echo "$found") <(echo "$explained") | sed '/^$/d')"
stale="$(comm -13 <(echo "$found") <(echo "$explained") | sed '/^$/d')"
total="$(echo "$found" | sed '/^$/d' | wc -l)"
echo "opendata-check: $(awk '/^   FAIL /' "$report" | wc -l) findings, $total file-rule pairs, each explained in the codebook unless listed below"
if [ -n "$unexplained" ]; then echo "opendata-check: findings the codebook does not explain:"; echo "$unexplained" | sed 's/^/  /'; fi
if [ -n "$stale" ]; then echo "opendata-check: the codebook explains findings that no longer occur (remove them):"; echo "$stale" | sed 's/^/  /'; fi

"$CHECKER/frictionless.sh" validate "$TABLES/datapackage.json"

[ -z "$unexplained" ] && [ -z "$stale" ]
