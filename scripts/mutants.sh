#!/usr/bin/env bash
# Crosscheck's mutant catalogue: plant each realistic bug of Mutants/ in a scratch copy of the
# tracked tree, one at a time, rebuild incrementally, run that article's spec, and print a kill
# table. Run as `make mutants` (ARTICLE=05 for one article, MUTANT=name for one mutant,
# SMOKE=1 for the first mutant of each article). Mutants/README.md describes the format.
#
# A mutant is killed when at least one claim of its spec turns ❌. A patch that does not apply
# and a mutant that does not build are reported as such and never counted as killed. The script
# exits 1 if any mutant survives or is broken, and writes the table to Mutants/RESULTS.md
# (RESULTS=path to write it elsewhere; a run restricted by ARTICLE, MUTANT or SMOKE writes
# Mutants/RESULTS-partial.md unless RESULTS is given, so the catalogue's full score stays put).
#
# The working tree is never touched: the scratch copy lives in .build-mutants/tree (git-ignored)
# and keeps its own .build between mutants and between runs, so each mutant rebuilds only what
# its patch changes.
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
# The whole script is read before it runs (main is called on the last line), so editing it
# during a run cannot change the run; and one run at a time owns the scratch tree.
main() {
if ! command -v swift >/dev/null 2>&1 && [[ -x /opt/swift/usr/bin/swift ]]; then
  export PATH="/opt/swift/usr/bin:$PATH"
fi

article=${ARTICLE:-}
only=${MUTANT:-}
smoke=${SMOKE:-}
scratch=${MUTANTS_SCRATCH:-$root/.build-mutants}
tree=$scratch/tree
logs=$scratch/logs
if [[ -n ${RESULTS:-} ]]; then
  results=$RESULTS
elif [[ -n $article || -n $only || -n $smoke ]]; then
  results=Mutants/RESULTS-partial.md
else
  results=Mutants/RESULTS.md
fi

# One field of a patch's header: the text after "Key:" on the first line that starts with it.
header() {
  sed -n "s/^$2:[[:space:]]*//p" "$1" | head -n 1
}

# Copy the tracked files (as they are in the working tree, edits included, and new files that
# are not ignored) into the scratch
# tree, and delete from it the files that are no longer tracked. Only files whose content
# differs are copied (with a new time), so files that did not change are not rebuilt.
sync_tree() {
  mkdir -p "$tree" "$logs"
  local list
  list=$(mktemp)
  git ls-files -z --cached --others --exclude-standard | while IFS= read -r -d '' path; do
    [[ -e $path ]] && printf '%s\0' "$path"
  done >"$list"
  # Files in the scratch tree (outside .build) that are not tracked any more.
  (cd "$tree" && find . -path ./.build -prune -o -type f -print0) |
    while IFS= read -r -d '' path; do
      path=${path#./}
      if ! grep -qzxF -- "$path" "$list"; then rm -f -- "$tree/$path"; fi
    done
  # Copy only the files whose content differs, so untouched files keep their times.
  while IFS= read -r -d '' path; do
    # A tracked symbolic link (the fuzz package links to the sources) stays a link.
    if [[ -L $path ]]; then
      if [[ $(readlink -- "$path") != $(readlink -- "$tree/$path" 2>/dev/null) ]]; then
        mkdir -p -- "$tree/$(dirname -- "$path")"
        rm -rf -- "${tree:?}/$path"
        ln -s -- "$(readlink -- "$path")" "$tree/$path"
      fi
      continue
    fi
    if ! cmp -s -- "$path" "$tree/$path" 2>/dev/null; then
      mkdir -p -- "$tree/$(dirname -- "$path")"
      # A new modification time, so the build recompiles it even if an interrupted run left
      # a mutated copy with the same time behind.
      cp -- "$path" "$tree/$path"
    fi
  done <"$list"
  rm -f "$list"
  # The package's dependencies resolve from the working tree's pins and checkouts, offline.
  if [[ -f Package.resolved ]]; then cp -p Package.resolved "$tree/Package.resolved"; fi
  if [[ -d .build/repositories && ! -d $tree/.build/repositories ]]; then
    mkdir -p "$tree/.build"
    cp -a .build/repositories "$tree/.build/"
  fi
}

# Give the files a patch touches a modification time one second past the newest build product,
# so the build never mistakes a mutated (or reverted) file for the one it already compiled: a
# one-word change of the same length within the same second is otherwise missed.
touch_patched() {
  local stamp
  stamp=$(($(date +%s) + 1))
  sed -n 's|^+++ b/\([^[:space:]]*\).*|\1|p' "$1" | while IFS= read -r path; do
    touch -d "@$stamp" "$tree/$path"
  done
  sleep 1
}

build_tree() {
  (cd "$tree" && swift build --product crosscheck) >"$1" 2>&1
}

# The IDs of the claims (table rows folded into their claim) that a check run marks ❌.
failed_claims() {
  sed -n 's/^❌ \([^ ]*\).*/\1/p' "$1" | sed 's|/.*||' | awk '!seen[$0]++' | tr '\n' ' ' |
    sed 's/ $//'
}

mutants=()
for folder in Mutants/[0-9][0-9]-*/; do
  folder=${folder%/}
  name=$(basename "$folder")
  [[ -n $article && ${name%%-*} != "$article" ]] && continue
  first=1
  for patchfile in "$folder"/*.patch; do
    [[ -e $patchfile ]] || continue
    mutant=$(basename "$patchfile" .patch)
    [[ -n $only && $mutant != "$only" ]] && continue
    [[ -n $smoke && $first -eq 0 ]] && continue
    first=0
    mutants+=("$patchfile")
  done
done
if [[ ${#mutants[@]} -eq 0 ]]; then
  echo "mutants: no mutant matches ARTICLE='$article' MUTANT='$only'" >&2
  exit 2
fi

started=$SECONDS
# The commit the mutants are planted in, taken before anything runs.
commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
if [[ -n $(git status --porcelain --untracked-files=no 2>/dev/null) ]]; then
  commit="$commit (with uncommitted changes)"
fi
echo "==> Syncing the tracked tree into $tree"
sync_tree
echo "==> Building the unmutated tree"
if ! build_tree "$logs/baseline-build.log"; then
  echo "mutants: the unmutated tree does not build; see $logs/baseline-build.log" >&2
  tail -n 20 "$logs/baseline-build.log" >&2
  exit 2
fi

declare -a rows=()
declare -A per_article_total=() per_article_killed=()
broken=0
survived=0
for patchfile in "${mutants[@]}"; do
  folder=$(basename "$(dirname "$patchfile")")
  number=${folder%%-*}
  mutant=$(basename "$patchfile" .patch)
  kind=$(header "$patchfile" Kind)
  expected=$(header "$patchfile" Expected)
  spec=$(ls Specs/"$number"-*.md | head -n 1)
  log=$logs/$folder-$mutant
  begin=$SECONDS
  status=""
  failed=""
  caught="-"
  echo "==> $folder/$mutant ($kind)"
  if ! (cd "$tree" && patch -p1 --forward --batch --dry-run --silent <"$root/$patchfile") \
    >"$log.apply.log" 2>&1; then
    status="did-not-apply"
  else
    (cd "$tree" && patch -p1 --forward --batch --silent --no-backup-if-mismatch \
      <"$root/$patchfile") >>"$log.apply.log" 2>&1
    touch_patched "$patchfile"
    if ! build_tree "$log.build.log"; then
      status="did-not-build"
    else
      set +e
      (cd "$tree" && .build/debug/crosscheck check "$spec") >"$log.check.log" 2>&1
      code=$?
      set -e
      failed=$(failed_claims "$log.check.log")
      if [[ -n $failed ]]; then
        status="killed"
        caught="no"
        for claim in $expected; do
          if [[ " $failed " == *" $claim "* ]]; then caught="yes"; fi
        done
      elif [[ $code -gt 1 ]]; then
        status="crashed"
      else
        status="survived"
      fi
    fi
    (cd "$tree" && patch -p1 --reverse --batch --silent --no-backup-if-mismatch \
      <"$root/$patchfile") >>"$log.apply.log" 2>&1 || true
    touch_patched "$patchfile"
    # Whatever the reverse patch did, the next mutant starts from the working tree's files.
    sync_tree
  fi
  seconds=$((SECONDS - begin))
  per_article_total[$folder]=$((${per_article_total[$folder]:-0} + 1))
  case $status in
    killed) per_article_killed[$folder]=$((${per_article_killed[$folder]:-0} + 1)) ;;
    survived) survived=$((survived + 1)) ;;
    *) broken=$((broken + 1)) ;;
  esac
  mark=$([[ $status == killed ]] && echo "✅" || echo "❌")
  echo "    $mark $status in ${seconds}s${failed:+; ❌ $failed}"
  rows+=("| $folder | \`$mutant\` | $kind | $mark $status | ${failed:--} | $caught | $seconds |")
done
# The scratch tree is left unmutated; make sure, so a stray edit cannot leak into the next run.
sync_tree

total=${#mutants[@]}
killed=$((total - survived - broken))
elapsed=$((SECONDS - started))
date=$(date -u +%Y-%m-%d)

mkdir -p "$(dirname "$results")"
{
  echo "# Mutant catalogue: results"
  echo
  echo "Generated by \`make mutants\` (scripts/mutants.sh); do not edit by hand."
  echo
  echo "date: $date"
  echo "commit: $commit"
  echo "elapsed: ${elapsed} s"
  echo
  echo "| article | mutants | killed |"
  echo "|---|---:|---:|"
  for folder in $(printf '%s\n' "${!per_article_total[@]}" | sort); do
    echo "| $folder | ${per_article_total[$folder]} | ${per_article_killed[$folder]:-0} |"
  done
  echo
  echo "| article | mutant | kind | verdict | claims that turned ❌ | expected among them | seconds |"
  echo "|---|---|---|---|---|---|---:|"
  printf '%s\n' "${rows[@]}"
} >"$results"

echo
echo "==> $killed of $total mutants killed ($survived survived, $broken broken) in ${elapsed}s"
for folder in $(printf '%s\n' "${!per_article_total[@]}" | sort); do
  printf '  %-32s %3d of %3d killed\n' "$folder" "${per_article_killed[$folder]:-0}" \
    "${per_article_total[$folder]}"
done
echo "  table written to $results"
if [[ $survived -gt 0 || $broken -gt 0 ]]; then exit 1; fi
}

mkdir -p "${MUTANTS_SCRATCH:-$root/.build-mutants}"
exec 9>"${MUTANTS_SCRATCH:-$root/.build-mutants}/lock"
if ! flock -n 9; then
  echo "mutants: another run holds ${MUTANTS_SCRATCH:-$root/.build-mutants}/lock" >&2
  exit 2
fi
# On one line, so bash has read it all before main runs.
main "$@"; exit
