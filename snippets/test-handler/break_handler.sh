#!/usr/bin/env bash
# Break the handler on purpose in a copy of the repository (it drops the last reply of a batch of
# more than one) and run both test files against the copy. They should fail.
set -uo pipefail
COPY="${TMPDIR:-/tmp}/broken-handler"
rm -rf "$COPY" && mkdir -p "$COPY"
cp -r handlers models snippets tsharness pyproject.toml "$COPY"
sed -i 's/^        return out$/        return out[:-1] if len(out) > 1 else out  # the bug/' \
  "$COPY/handlers/safe_handler.py"
grep -n "the bug" "$COPY/handlers/safe_handler.py"
cd "$COPY"
python -m pytest snippets/test-handler/test_quick.py snippets/test-handler/test_faithful.py \
  -q -p no:cacheprovider --tb=line
echo "pytest exit code: $?"
rm -rf "$COPY"
