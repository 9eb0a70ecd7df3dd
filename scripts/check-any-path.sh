#!/usr/bin/env bash
# Builds a copy of this checkout under a path with a space and Japanese characters
# (…/ドキュメント/reform dashboard), with a `python3` first on PATH that fails, then checks the
# deliverables of `make dist` (the dashboard and the import workbench, hosted and offline).
# Run by CI after `make test`.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
copy="$work/ドキュメント/reform dashboard"
mkdir -p "$copy" "$work/bin"

# The tracked files as they are now (committed or not), plus the installed npm packages.
(cd "$here" && git ls-files -z --cached --others --exclude-standard) | (cd "$here" && xargs -0 cp --parents --preserve=timestamps -t "$copy")
ln -s "$here/node_modules" "$copy/node_modules"

# Any call to Python fails loudly.
for py in python python3; do
  printf '#!/bin/sh\necho "the build must not need Python ($0 $*)" >&2\nexit 1\n' > "$work/bin/$py"
  chmod +x "$work/bin/$py"
done

# A target directory of its own, kept between runs, so only what changed is rebuilt.
export CARGO_TARGET_DIR="$here/target/any-path"
cd "$copy"
PATH="$work/bin:$PATH" make --no-print-directory dist
for f in dist/web/index.html dist/web/dashboard.js dist/web/import.html dist/offline/reform-dashboard.html dist/offline/reform-import.html dist/embed/README.md; do
  [ -s "$f" ] || { echo "any-path: $f missing after make dist in '$copy'" >&2; exit 1; }
done
grep -q 'reform-dashboard' dist/web/index.html
echo "any-path: make dist works under '$copy' without Python"
