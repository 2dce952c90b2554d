#!/bin/sh
# Renders `whosaid compare --format html` of the seed articles in headless Chromium and saves a
# screenshot, to check by eye that the page reads well. Not part of `cargo test` (CI may have no
# browser). Needs the Debian package `chromium`.
#
#   scripts/html-screenshot.sh [OUT.png] [PATHS...]
#
# Defaults: target/compare-seeds.png from tests/corpus. The HTML page is kept next to it.
set -eu
cd "$(dirname "$0")/.."
out=${1:-target/compare-seeds.png}
[ $# -gt 0 ] && shift
[ $# -eq 0 ] && set -- tests/corpus
browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ]; then
    echo "html-screenshot: chromium not found (Debian: apt-get install chromium); skipped" >&2
    exit 0
fi
cargo build --quiet
page=${out%.png}.html
./target/debug/whosaid compare --format html -o "$page" "$@"
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
# --no-sandbox: Chromium refuses to run as root otherwise (containers).
"$browser" --headless --no-sandbox --disable-gpu --disable-background-networking \
    --disable-component-update --disable-sync --no-first-run --user-data-dir="$profile" \
    --hide-scrollbars --window-size=1400,2000 --screenshot="$(pwd)/$out" "file://$(pwd)/$page" \
    2>/dev/null
[ -s "$out" ] || { echo "html-screenshot: no screenshot written" >&2; exit 1; }
echo "$out"
