#!/usr/bin/env bash
# Benchmark `acct import` (issue 3) on the ~5.8M-row export of bench/trend.sh
# (run that first: it generates book10k and erp58.csv) into a fresh git copy
# of the 10,000-account book, with /usr/bin/time -v: the first import (writes
# ~211,000 month files and commits them), then the same import again (changes
# nothing). Peers for context, on the same files: `git add -A && git commit`
# of the month files import wrote (git CLI), and `cp -r` of those purchases
# folders into an empty folder.
#
# Data goes to $BENCHDATA/import (default /work/benchdata/import), never into
# the repository. Usage: bench/import.sh
set -euo pipefail
cd "$(dirname "$0")/.."
SRC=${BENCHDATA:-/work/benchdata}/trend
DATA=${BENCHDATA:-/work/benchdata}/import
[ -f "$SRC/erp58.csv" ] && [ -d "$SRC/book10k" ] || { echo "bench/import.sh: run bench/trend.sh first" >&2; exit 1; }
mkdir -p "$DATA"
go build -o "$DATA/acct" ./cmd/acct
export GIT_AUTHOR_NAME=bench GIT_AUTHOR_EMAIL=bench@example.com GIT_COMMITTER_NAME=bench GIT_COMMITTER_EMAIL=bench@example.com

fresh() {
  rm -rf "$DATA/book"
  cp -r "$SRC/book10k" "$DATA/book"
  (cd "$DATA/book" && git init -q && git add -A && git commit -qm init)
}

# timed NAME CMD...: wall, CPU (user+system) seconds and peak RSS of CMD.
timed() {
  local name=$1 log; shift
  log=$(mktemp)
  /usr/bin/time -v "$@" >/dev/null 2>"$log" || { echo "$name failed:"; tail -5 "$log"; rm -f "$log"; return 1; }
  awk -F': ' -v n="$name" '/Elapsed \(wall clock\)/ {k=split($2,a,":"); w=0; for(i=1;i<=k;i++) w=w*60+a[i]}
    /User time|System time/ {c+=$2} /Maximum resident/ {r=$2/1024}
    END {printf "%-34s %8.1f s wall %8.1f s CPU %6.0f MB\n", n, w, c, r}' "$log"
  rm -f "$log"
}

echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
fresh
cd "$DATA/book"
timed "acct import (211k months added)" "$DATA/acct" import "$SRC/erp58.csv"
timed "acct import again (unchanged)" "$DATA/acct" import "$SRC/erp58.csv"
git reset -q --mixed HEAD~1
timed "git add -A && git commit (same)" sh -c 'git add -A && git commit -qm peer'
rm -rf "$DATA/cp"
mkdir "$DATA/cp"
timed "cp -r purchases folders" sh -c "cp -r --parents accounts/*/purchases '$DATA/cp/'"
rm -rf "$DATA/cp"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
