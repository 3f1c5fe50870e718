#!/usr/bin/env bash
# bench/git.sh: acct's git commands against the git CLI doing the same, on
# the 10,000-account book (gen_book.py --accounts 10000 --seed 3, ~67k files)
# with 1,000 commits of history. Issue 4 asks for:
#   acct commit after one edit   <= 1.5x  git add -A && git commit
#   acct sync of one change      <= 2x    git pull / git commit+pull+push
#   acct clone                   <= 2x    git clone (both over file://)
#   acct log ACCOUNT             <= 2x    git log -- accounts/ID
# Data lives in $BENCHDATA (default /work/benchdata/git), never in the repo.
# Each timing is the median of $RUNS runs (default 5; clone: $CLONE_RUNS,
# default 3), the two tools interleaved so that both see the same disk.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
DATA=${BENCHDATA:-/work/benchdata/git}
RUNS=${RUNS:-5}
GEN=${GEN_BOOK:-/work/shared/bench/gen_book.py}
mkdir -p "$DATA"
DATA=$(cd "$DATA" && pwd)
ACCT=$DATA/acct
(cd "$ROOT" && go build -o "$ACCT" ./cmd/acct)

export HOME=$DATA/home GIT_CONFIG_NOSYSTEM=1 TZ=UTC
mkdir -p "$HOME"
printf '[user]\n\tname = Bench Rep\n\temail = bench@example.com\n[init]\n\tdefaultBranch = main\n[gc]\n\tauto = 0\n' > "$HOME/.gitconfig"

# --- the book and its history, built once --------------------------------
SEED=$DATA/seed
ACCOUNT_FILE=$DATA/log-account
if [ ! -d "$SEED/.git" ]; then
  rm -rf "$SEED" "$DATA/book"
  echo "generating the 10,000-account book ..." >&2
  python3 "$GEN" --accounts 10000 --seed 3 "$DATA/book" >/dev/null
  cp -a "$DATA/book" "$SEED"
  git -C "$SEED" init -q
  git -C "$SEED" add -A
  git -C "$SEED" commit -q -m "the book"
  echo "writing 999 more commits with git fast-import ..." >&2
  python3 - "$SEED" "$ACCOUNT_FILE" <<'PY' | git -C "$SEED" fast-import --quiet
import os, random, sys
seed, account_file = sys.argv[1], sys.argv[2]
ids = sorted(os.listdir(os.path.join(seed, "accounts")))
rnd = random.Random(3)
hot = ids[len(ids) // 2]  # the account acct log is timed on: every 20th commit
open(account_file, "w").write(hot + "\n")
content = {}
out = sys.stdout.buffer
t = 1767225600  # 2026-01-01
for n in range(1, 1000):
    acc = hot if n % 20 == 0 else rnd.choice(ids)
    path = f"accounts/{acc}/account.md"
    if path not in content:
        content[path] = open(os.path.join(seed, path), "rb").read()
    content[path] += f"\n- note {n}: follow-up call\n".encode()
    msg = f"{acc}: account".encode()
    out.write(b"commit refs/heads/main\n")
    out.write(f"committer Bench Rep <bench@example.com> {t + n * 3600} +0000\n".encode())
    out.write(b"data %d\n%s\n" % (len(msg), msg))
    if n == 1:
        out.write(b"from refs/heads/main^0\n")
    out.write(f"M 100644 inline {path}\n".encode())
    out.write(b"data %d\n%s\n" % (len(content[path]), content[path]))
PY
  git -C "$SEED" reset -q --hard main
  git -C "$SEED" repack -adq
fi
ACCOUNT=$(cat "$ACCOUNT_FILE")

# --- timing helpers -------------------------------------------------------
# The machine is shared (other engineers' builds and benchmarks), so wall
# time swings; CPU time (user + system, children included) is steadier.
# Both are recorded; ratios are given for both.
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
# timed CMD...: runs CMD (output dropped) and prints "WALL CPU" in seconds.
timed() {
  /usr/bin/time -f '%e %U %S' -o "$DATA/.time" "$@" >/dev/null 2>&1
  awk '{printf "%s %.3f\n", $1, $2 + $3}' "$DATA/.time"
}
report() { # name limit (arrays A and G hold "wall cpu" pairs)
  local aw ac gw gc
  aw=$(median $(printf '%s\n' "${A[@]}" | cut -d' ' -f1))
  ac=$(median $(printf '%s\n' "${A[@]}" | cut -d' ' -f2))
  gw=$(median $(printf '%s\n' "${G[@]}" | cut -d' ' -f1))
  gc=$(median $(printf '%s\n' "${G[@]}" | cut -d' ' -f2))
  printf '| %-24s | %7.2f s | %7.2f s | %5.2fx | %7.2f s | %7.2f s | %5.2fx | %sx |\n' "$1" \
    "$aw" "$gw" "$(echo "$aw / $gw" | bc -l)" "$ac" "$gc" "$(echo "$ac / $gc" | bc -l)" "$2"
}
# The load average is printed before and after: ratios taken while other
# jobs run are only comparable with the same load.
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
trap 'echo "load after: $(cut -d" " -f1-3 /proc/loadavg)"' EXIT
echo "| case                     | acct wall | git wall  | ratio  | acct CPU  | git CPU   | ratio  | limit |"
echo "|--------------------------|-----------|-----------|--------|-----------|-----------|--------|-------|"

W=$DATA/work-$$
mkdir -p "$W"
trap 'echo "load after: $(cut -d" " -f1-3 /proc/loadavg)"; rm -rf "$W"' EXIT

# --- 1. commit after one edit ---------------------------------------------
cp -a "$SEED" "$W/commit"
cd "$W/commit"
edit() { printf -- '- edit %s\n' "$RANDOM$RANDOM" >> "accounts/$ACCOUNT/account.md"; }
edit; "$ACCT" commit -m warm >/dev/null 2>&1
edit; git add -A && git commit -q -m warm
A=(); G=()
for i in $(seq "$RUNS"); do
  edit; A+=("$(timed "$ACCT" commit -m "edit $i")")
  edit; G+=("$(timed sh -c 'git add -A && git commit -q -m edit')")
done
report "commit after one edit" 1.5
git fsck --no-progress >/dev/null

# --- 2. log of one account (in the repository of 1.) --------------------------------------------------
cd "$W/commit"
"$ACCT" log "$ACCOUNT" >/dev/null; git log -- "accounts/$ACCOUNT" >/dev/null
A=(); G=()
for i in $(seq "$RUNS"); do
  A+=("$(timed "$ACCT" log "$ACCOUNT")")
  G+=("$(timed git log -- "accounts/$ACCOUNT")")
done
report "log ACCOUNT" 2
echo; echo "commits in history: $(git rev-list --count HEAD); files: $(git ls-files | wc -l); acct log lines: $("$ACCT" log "$ACCOUNT" | wc -l)"

# --- 3. clone (file:// for both: go-git and git both run upload-pack) -------
git clone -q --bare "$SEED" "$W/remote-acct.git"
git clone -q --bare "$SEED" "$W/remote-git.git"
A=(); G=()
for i in $(seq "${CLONE_RUNS:-3}"); do
  rm -rf "$W/c-acct" "$W/c-git"
  A+=("$(timed "$ACCT" clone "file://$W/remote-acct.git" "$W/c-acct")")
  G+=("$(timed git clone -q "file://$W/remote-git.git" "$W/c-git")")
done
report "clone" 2
test -z "$(git -C "$W/c-acct" status --porcelain)"
git -C "$W/c-acct" fsck --no-progress >/dev/null

# --- 4. sync of one change --------------------------------------------------
# acct: clone A syncs with remote-acct; a teammate clone T pushes there.
# git:  clone G pulls/pushes remote-git; teammate U pushes there.
mv "$W/c-acct" "$W/A"; mv "$W/c-git" "$W/G"
git clone -q "file://$W/remote-acct.git" "$W/T"
git clone -q "file://$W/remote-git.git" "$W/U"
teammate() { # dir: one edit by the teammate, pushed
  (cd "$1" && printf -- '- teammate %s\n' "$RANDOM" >> "accounts/$ACCOUNT/account.md" &&
    git commit -qam teammate && git push -q origin main)
}
teammate "$W/T"; (cd "$W/A" && "$ACCT" sync >/dev/null 2>&1)
teammate "$W/U"; (cd "$W/G" && git pull -q --ff-only)
A=(); G=()
for i in $(seq "$RUNS"); do
  teammate "$W/T"; A+=("$(cd "$W/A" && timed "$ACCT" sync)")
  teammate "$W/U"; G+=("$(cd "$W/G" && timed git pull -q --ff-only)")
done
report "sync: pull one change" 2
# acct sync first records pending edits (issue 4, step 1), which scans the
# whole book; git doing the same work checks for edits first too.
A=(); G=()
for i in $(seq "$RUNS"); do
  teammate "$W/T"; A+=("$(cd "$W/A" && timed "$ACCT" sync)")
  teammate "$W/U"; G+=("$(cd "$W/G" && timed sh -c 'git add -A; git commit -q -m mine; git pull -q --ff-only')")
done
report "sync: pull, git add+commit+pull" 2
A=(); G=()
for i in $(seq "$RUNS"); do
  (cd "$W/A" && printf -- '- mine %s\n' "$RANDOM" >> "accounts/$ACCOUNT/account.md")
  A+=("$(cd "$W/A" && timed "$ACCT" sync)")
  (cd "$W/G" && printf -- '- mine %s\n' "$RANDOM" >> "accounts/$ACCOUNT/account.md")
  G+=("$(cd "$W/G" && timed sh -c 'git add -A && git commit -q -m mine && git pull -q --ff-only && git push -q origin main')")
done
report "sync: push one change" 2
test "$(git -C "$W/A" rev-parse HEAD)" = "$(git -C "$W/remote-acct.git" rev-parse main)"
test -z "$(git -C "$W/A" status --porcelain)"

