#!/usr/bin/env bash
# bench/brief.sh: times the issue-5 read commands on a 10,000-account book
# against `acct check` on the same book, in the same run: the dashboard
# reads every account as check does, plus signals and talking points, so
# check is its natural peer; brief and map read one account.
#   acct check   --format json            (the peer)
#   acct status  piped (TSV) and --json   (all accounts)
#   acct brief   ACCOUNT --format html    (one account)
#   acct map     ACCOUNT --format dot     (one account)
# Each is run RUNS times (default 3), interleaved; the script prints the
# median wall time, median CPU seconds and median peak RSS (/usr/bin/time),
# and the ratio of the medians to check.
#
# The book is generated under BENCHDATA (default /work/benchdata) with
# ../shared/bench/gen_book.py when absent; nothing is written to the repository.
#
# Usage: bench/brief.sh            (env: BENCHDATA, ACCOUNTS=10000, RUNS=3)
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
data=${BENCHDATA:-/work/benchdata}
accounts=${ACCOUNTS:-10000}
runs=${RUNS:-3}
gen=${GEN_BOOK:-$repo/../shared/bench/gen_book.py}
book=$data/big
[ "$accounts" = 10000 ] || book=$data/book-$accounts
work=$data/brief-bench
mkdir -p "$work"

if [ ! -d "$book/accounts" ]; then
	echo "generating $book ($accounts accounts)" >&2
	python3 "$gen" "$book" --accounts "$accounts" >/dev/null
fi
echo "building acct" >&2
(cd "$repo" && go build -o "$work/acct" ./cmd/acct)
acct=$work/acct
account=$(cd "$book/accounts" && for d in *; do echo "$d"; break; done)

names=(check status status-json brief map)
cmds=(
	"$acct check --book $book --as-of 2026-03-01 --format json"
	"$acct status --book $book --as-of 2026-03-01"
	"$acct status --book $book --as-of 2026-03-01 --json"
	"$acct brief $account --book $book --as-of 2026-03-01 --format html"
	"$acct map $account --book $book --format dot"
)
for ((r = 1; r <= runs; r++)); do
	for i in "${!names[@]}"; do
		/usr/bin/time -f "%e %U %S %M" -o "$work/${names[$i]}.$r" ${cmds[$i]} >/dev/null 2>&1 || true
	done
done
median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
printf "%-12s %8s %8s %9s %8s\n" command wall_s cpu_s rss_MB x_check
base=""
for n in "${names[@]}"; do
	wall=$(grep -hv "^Command" "$work/$n".* | awk '{print $1}' | median)
	cpu=$(grep -hv "^Command" "$work/$n".* | awk '{print $2+$3}' | median)
	rss=$(grep -hv "^Command" "$work/$n".* | awk '{print $4/1024}' | median)
	[ -n "$base" ] || base=$wall
	printf "%-12s %8.2f %8.2f %9.0f %8.2f\n" "$n" "$wall" "$cpu" "$rss" "$(echo "$wall $base" | awk '{print $1/$2}')"
done
