#!/usr/bin/env bash
# Benchmark `acct trend --from` (issue 3) against DuckDB (npm @duckdb/node-api)
# and Miller (mlr) computing the same monthly sums per customer and product
# on the same gen_erp.py export, at 1M rows and at the full ~5.8M rows
# (~470 MB), with wall time and peak RSS from /usr/bin/time -v.
#
# Data goes to $BENCHDATA/trend (default /work/benchdata/trend), never into
# the repository. Needs python3, node/npm, mlr (apt-get install miller) and
# GNU time. Usage: bench/trend.sh [--miller-full | --no-miller]
# Miller runs at 1M rows only unless --miller-full: at 1M rows it already
# peaks at ~3.8 GB RSS and takes minutes, so the full file would need
# ~20 GB and most of an hour.
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$PWD
SHARED=${ACCT_SHARED:-$REPO/../shared}
DATA=${BENCHDATA:-/work/benchdata}/trend
MILLER_FULL=0 MILLER=1
case "${1:-}" in
  --miller-full) MILLER_FULL=1 ;;
  --no-miller) MILLER=0 ;;
esac
mkdir -p "$DATA"

go build -o "$DATA/acct" ./cmd/acct

if [ ! -f "$DATA/erp58.csv" ]; then
  python3 "$SHARED/bench/gen_book.py" "$DATA/book10k" --accounts 10000 --seed 3
  python3 "$SHARED/bench/gen_erp.py" "$DATA/book10k.customers.tsv" "$DATA/erp58.csv" --orders 8 --seed 5
fi
[ -f "$DATA/erp1m.csv" ] || head -n 1000001 "$DATA/erp58.csv" > "$DATA/erp1m.csv"

if [ ! -d "$DATA/node/node_modules/@duckdb/node-api" ]; then
  mkdir -p "$DATA/node"
  (cd "$DATA/node" && npm init -y >/dev/null && npm install --no-audit --no-fund @duckdb/node-api >/dev/null)
fi
cp "$REPO/bench/trend_duckdb.mjs" "$DATA/node/"
command -v mlr >/dev/null || { echo "bench/trend.sh: mlr not found (apt-get install miller)" >&2; exit 1; }

# run1 CMD...: one run of CMD under /usr/bin/time -v; prints "wall cpu rss_mb".
run1() {
  local log wall rss cpu
  log=$(mktemp)
  /usr/bin/time -v "$@" >/dev/null 2>"$log" || { echo "failed: $*" >&2; tail -5 "$log" >&2; rm -f "$log"; return 1; }
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,a,":"); s=0; for(i=1;i<=n;i++) s=s*60+a[i]; print s}' "$log")
  rss=$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2/1024}' "$log")
  cpu=$(awk -F': ' '/User time|System time/ {s+=$2} END {printf "%.2f", s}' "$log")
  rm -f "$log"
  echo "$wall $cpu $rss"
}

# For each size, acct and DuckDB run $REPEAT times (default 3) interleaved
# (acct, DuckDB, acct, DuckDB, ...), so both see the same machine load; the
# best wall and best CPU seconds of each and the highest peak RSS are shown,
# with the ratios acct/DuckDB. Miller runs once, at 1M rows unless --miller-full.
REPEAT=${REPEAT:-3}
MLR_PUT='$month = sub(string($单据日期), "^([0-9]{4}).*$", "\1") . "-" . fmtnum(int(sub(string($单据日期), "^[0-9]{4}[^0-9]+([0-9]{1,2}).*$", "\1")), "%02d");
$amount = float(ssub(gsub(string($价税合计), "[¥￥,)]", ""), "(", "-"));
$customer = strip($客户名称)'

echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-8s %-5s %9s %9s %8s   (best of %s interleaved runs)\n' tool rows wall cpu rss "$REPEAT"
for ROWS in 1m 5.8m; do
  f="$DATA/erp1m.csv"; [ $ROWS = 5.8m ] && f="$DATA/erp58.csv"
  aw="" ac="" ar=0 dw="" dc="" dr=0
  for ((i = 0; i < REPEAT; i++)); do
    read -r w c r < <(cd "$DATA/book10k" && run1 "$DATA/acct" trend --from "$f" --json)
    if [ -z "$aw" ] || awk "BEGIN {exit !($w < $aw)}"; then aw=$w; fi
    if [ -z "$ac" ] || awk "BEGIN {exit !($c < $ac)}"; then ac=$c; fi
    [ "$r" -gt "$ar" ] && ar=$r
    read -r w c r < <(run1 node "$DATA/node/trend_duckdb.mjs" "$f")
    if [ -z "$dw" ] || awk "BEGIN {exit !($w < $dw)}"; then dw=$w; fi
    if [ -z "$dc" ] || awk "BEGIN {exit !($c < $dc)}"; then dc=$c; fi
    [ "$r" -gt "$dr" ] && dr=$r
  done
  printf '%-8s %-5s %7.2f s %7.2f s %5s MB\n' acct "$ROWS" "$aw" "$ac" "$ar"
  printf '%-8s %-5s %7.2f s %7.2f s %5s MB\n' duckdb "$ROWS" "$dw" "$dc" "$dr"
  awk -v a="$aw" -v d="$dw" -v ac="$ac" -v dc="$dc" -v r="$ROWS" 'BEGIN {printf "ratio    %-5s %7.2f x %7.2f x   (acct / DuckDB: wall, CPU)\n", r, a/d, ac/dc}'
  if [ $MILLER = 1 ] && { [ "$ROWS" = 1m ] || [ $MILLER_FULL = 1 ]; }; then
    read -r w c r < <(run1 mlr --icsv --ocsv --from "$f" put "$MLR_PUT" then stats1 -a sum -f amount -g customer,物料名称,month)
    printf '%-8s %-5s %7.2f s %7.2f s %5s MB\n' miller "$ROWS" "$w" "$c" "$r"
  fi
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
