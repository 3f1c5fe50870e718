#!/usr/bin/env bash
# bench/check.sh: times `acct check` on a 10,000-account book against two
# peers on the same .md files, in the same run (issue 2, "Done when"):
#   cat                 find ... -print0 | xargs -0 cat > /dev/null
#   acct check          acct check --book BOOK --as-of 2026-03-01 --format json
#   markdownlint-cli2   markdownlint-cli2 'accounts/**/*.md' (npm), in BOOK
# Each is run RUNS times (default 3), interleaved so that load from other
# processes hits all three alike; the script prints the median wall time,
# the median peak RSS (/usr/bin/time) and the ratios to cat.
#
# Data, the acct binary and node_modules live under BENCHDATA (default
# /work/benchdata), never in the repository. The book is generated with
# ../shared/bench/gen_book.py when absent, and acct's findings are checked
# against the book's answer key before timing.
#
# The machine may be shared: wall times then vary, so CPU seconds (user +
# system) are reported too, and the load average is printed.
#
# Usage: bench/check.sh   (env: BENCHDATA, ACCOUNTS=10000, RUNS=3, SKIP_MDL=1,
#                          BASELINE=<git revision> to time that acct as well)
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
data=${BENCHDATA:-/work/benchdata}
accounts=${ACCOUNTS:-10000}
runs=${RUNS:-3}
gen=${GEN_BOOK:-$repo/../shared/bench/gen_book.py}
book=$data/big
[ "$accounts" = 10000 ] || book=$data/book-$accounts
key=$book.expected.jsonl
work=$data/check-bench
mkdir -p "$work"

if [ ! -d "$book/accounts" ]; then
	echo "generating $book ($accounts accounts)" >&2
	python3 "$gen" "$book" --accounts "$accounts" >/dev/null
fi

echo "building acct" >&2
(cd "$repo" && go build -o "$work/acct" ./cmd/acct)
acct=$work/acct
if [ -n "${BASELINE:-}" ]; then
	echo "building acct at $BASELINE" >&2
	rm -rf "$work/baseline-src" && mkdir -p "$work/baseline-src"
	git -C "$repo" archive "$BASELINE" | tar -x -C "$work/baseline-src"
	(cd "$work/baseline-src" && go build -o "$work/acct-baseline" ./cmd/acct)
fi

mdl=$data/node_modules/.bin/markdownlint-cli2
if [ -z "${SKIP_MDL:-}" ] && [ ! -x "$mdl" ]; then
	echo "installing markdownlint-cli2 under $data" >&2
	npm install --prefix "$data" --no-audit --no-fund markdownlint-cli2 >/dev/null
fi

files=$(find "$book" -name '*.md' | wc -l)
bytes=$(find "$book" -name '*.md' -print0 | xargs -0 cat | wc -c)
echo "book: $book, $files .md files, $bytes bytes" >&2

# Correctness first: the findings must be the answer key's.
if [ -f "$key" ]; then
	"$acct" check --book "$book" --as-of 2026-03-01 --format json >"$work/out.json" || true
	python3 - "$key" "$work/out.json" <<'EOF'
import collections, json, sys
want = collections.Counter((e["file"], e["rule"], e["field"]) for e in map(json.loads, open(sys.argv[1])))
got = collections.Counter((f["file"], f["rule"], f.get("field")) for f in json.load(open(sys.argv[2]))
                          if f.get("severity") in ("error", "warning"))
if want != got:
    sys.exit(f"acct check does not match {sys.argv[1]}: {sum((want-got).values())} missed, {sum((got-want).values())} extra")
print(f"findings match the answer key ({sum(want.values())})", file=sys.stderr)
EOF
fi

# Warm the page cache so that every tool reads from memory.
find "$book" -name '*.md' -print0 | xargs -0 cat >/dev/null

# measure NAME CMD...: one timed run, appends "wall_seconds max_rss_kb" to $work/NAME.times.
measure() {
	local name=$1
	shift
	/usr/bin/time -f "%e %M %U %S" -o "$work/$name.last" "$@" >/dev/null 2>&1 || true
	tail -n 1 "$work/$name.last" >>"$work/$name.times"
}

tools="cat acct"
[ -z "${BASELINE:-}" ] || tools="$tools baseline"
[ -n "${SKIP_MDL:-}" ] || tools="$tools mdl"
for t in $tools; do : >"$work/$t.times"; done
for i in $(seq "$runs"); do
	echo "run $i/$runs" >&2
	measure cat sh -c 'find "$1" -name "*.md" -print0 | xargs -0 cat >/dev/null' sh "$book"
	measure acct "$acct" check --book "$book" --as-of 2026-03-01 --format json
	if [ -n "${BASELINE:-}" ]; then
		measure baseline "$work/acct-baseline" check --book "$book" --as-of 2026-03-01 --format json
	fi
	if [ -z "${SKIP_MDL:-}" ]; then
		measure mdl sh -c 'cd "$1" && exec "$2" "accounts/**/*.md"' sh "$book" "$mdl"
	fi
done

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
declare -A wall rss cpu
for t in $tools; do
	wall[$t]=$(cut -d' ' -f1 "$work/$t.times" | median)
	rss[$t]=$(cut -d' ' -f2 "$work/$t.times" | median)
	cpu[$t]=$(awk '{printf "%.2f\n", $3 + $4}' "$work/$t.times" | median)
done

echo
echo "load average before the summary: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-10s %9s %8s %10s %8s %8s   %s\n' tool "wall (s)" "x cat" "CPU (s)" "x cat" "RSS MB" "wall of each run (s)"
for t in $tools; do
	printf '%-10s %9s %8s %10s %8s %8d   %s\n' "$t" "${wall[$t]}" \
		"$(awk -v a="${wall[$t]}" -v c="${wall[cat]}" 'BEGIN {printf "%.2f", a / c}')" "${cpu[$t]}" \
		"$(awk -v a="${cpu[$t]}" -v c="${cpu[cat]}" 'BEGIN {printf "%.2f", a / c}')" $((rss[$t] / 1024)) \
		"$(cut -d' ' -f1 "$work/$t.times" | tr '\n' ' ')"
done
acct_ratio=$(awk -v a="${wall[acct]}" -v c="${wall[cat]}" 'BEGIN {printf "%.2f", a / c}')
acct_mb=$((rss[acct] / 1024))
verdict=met
awk -v r="$acct_ratio" 'BEGIN {exit !(r > 1.5)}' && verdict="NOT met"
[ "$acct_mb" -gt 150 ] && verdict="NOT met"
echo "target (acct check <= 1.5x cat, peak RSS <= 150 MB): $verdict"
