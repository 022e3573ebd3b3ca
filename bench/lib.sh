# Shared parts of the benchmark scripts (bench/ingest, bench/ocr); source it, don't run it.
#
# Sets: root (the repository), BUILD (absolute), sohoa, ocr_eval, samples (binaries).
# The caller sets `bench` (its name, for messages) and `work` (a scratch folder) first.
# shellcheck shell=bash disable=SC2034,SC2154 # variables for, and from, the sourcing script

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=${BUILD:-build}
[[ $BUILD == /* ]] || BUILD=$root/$BUILD
sohoa=$BUILD/cli/sohoa
ocr_eval=$BUILD/bench/sohoa-ocr-eval
samples=$BUILD/samples/sohoa-samples

die() {
  echo "$bench: $*" >&2
  exit 2
}

# need_binaries BIN... : each must have been built.
need_binaries() {
  local bin
  for bin in "$@"; do
    [[ -x $bin ]] || die "$bin is missing; build it: cmake --build $BUILD --target sohoa sohoa-ocr-eval sohoa-samples"
  done
}

# need_tools "TOOL..." "DEBIAN PACKAGES": every tool must be on the PATH.
need_tools() {
  local tool
  for tool in $1; do
    command -v "$tool" >/dev/null || die "$tool is missing (Debian packages: $2)"
  done
}

now() { date +%s.%N; }
seconds() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }
# Field of a `/usr/bin/time -v` report, e.g. timed "$work/x.time" "Maximum resident set size".
timed() { awk -F': ' -v key="$2" 'index($0, key) { print $2; exit }' "$1"; }
cpu_seconds() {
  awk -v u="$(timed "$1" "User time (seconds)")" -v s="$(timed "$1" "System time (seconds)")" \
    'BEGIN { printf "%.1f", u + s }'
}
peak_rss_kib() { timed "$1" "Maximum resident set size"; }
mib() { awk -v k="$1" 'BEGIN { printf "%.0f MiB", k / 1024 }'; }
load_average() { cut -d' ' -f1-3 /proc/loadavg; }

# sample_set DIR: the absolute path of a generated sample set (DIR or ROOT/DIR); dies if DIR
# holds no truth/ folder.
sample_set() {
  local dir=$1
  if [[ $dir != /* && ! -d $dir && -d $root/$dir ]]; then dir=$root/$dir; fi
  [[ -d $dir/truth ]] || die "$dir is not a sample set (no truth/ folder in it)"
  (cd "$dir" && pwd)
}

# list_pages SET OUT: one line per truth page (name, number, image|pdf|multipage, file,
# page in file, dossier path; see sohoa-ocr-eval --list-pages), and read every input once so
# that no timed run pays for a cold page cache.
list_pages() {
  "$ocr_eval" --truth "$1" --list-pages >"$2"
  [[ -s $2 ]] || die "no truth pages in $1/truth"
  cut -f4 "$2" | sort -u | xargs -d '\n' cat >/dev/null
}

# run_sohoa TIME_FILE ARCHIVE LOG JOBS DOSSIER... : `sohoa ingest` into ARCHIVE under
# /usr/bin/time -v; prints its wall seconds; returns its exit code.
run_sohoa() {
  local time_file=$1 archive=$2 log=$3 jobs=$4 t0 t1 rc
  shift 4
  t0=$(now)
  set +e
  # shellcheck disable=SC2086 # SOHOA_ARGS holds several options
  /usr/bin/time -v -o "$time_file" \
    "$sohoa" ingest --archive "$archive" --jobs "$jobs" ${SOHOA_ARGS:-} "$@" >"$log" 2>&1
  rc=$?
  set -e
  t1=$(now)
  seconds "$t0" "$t1"
  return "$rc"
}

# tesseract_jobs PAGES OUT RASTER: the job list of plain tesseract over the pages of PAGES
# (a list_pages file), four lines a job: how (image|pdf|multipage), input, page in file,
# output base. Whole multi-page files come first so that they do not finish last. A
# multi-page file's text lands in OUT/<name>.raw.txt (split it with split_multipage); other
# pages in OUT/<name>/page-NNN.txt. PDF pages are rasterised to RASTER/<name>-NNN.pgm.
tesseract_jobs() {
  local pages=$1 out=$2 raster=$3
  awk -F'\t' -v out="$out" '!seen[$1]++ { print out "/" $1 }' "$pages" | xargs -d '\n' mkdir -p
  mkdir -p "$raster"
  awk -F'\t' -v out="$out" '$3 == "multipage" && !seen[$1]++ {
      printf "multipage\n%s\n1\n%s/%s.raw\n", $4, out, $1 }' "$pages"
  awk -F'\t' -v out="$out" -v raster="$raster" '
      $3 == "image" { printf "image\n%s\n1\n%s/%s/page-%03d\n", $4, out, $1, $2 }
      $3 == "pdf" { printf "pdf\n%s\n%d\n%s/%s/page-%03d\n", $4, $5, out, $1, $2 }
    ' "$pages"
}

# run_tesseract TIME_FILE JOBS_FILE PARALLEL THREADS LOG: runs the jobs of tesseract_jobs,
# PARALLEL processes at a time (xargs -P), under /usr/bin/time -v. THREADS=1 sets
# OMP_THREAD_LIMIT=1; THREADS=default leaves tesseract's OpenMP threading as installed.
# A PDF page is rasterised (`pdftoppm -r 300 -gray`, uncompressed PGM) inside its job, so its
# time is counted. Prints the wall seconds; returns non-zero if any job failed.
run_tesseract() {
  local time_file=$1 jobs_file=$2 parallel=$3 threads=$4 log=$5 t0 t1 rc
  local env_cmd=(env -u OMP_THREAD_LIMIT)
  [[ $threads == default ]] || env_cmd=(env OMP_THREAD_LIMIT="$threads")
  t0=$(now)
  set +e
  # shellcheck disable=SC2016 # $1.. are expanded by sh, per job
  /usr/bin/time -v -o "$time_file" "${env_cmd[@]}" xargs -d '\n' -n 4 -P "$parallel" <"$jobs_file" \
    sh -c 'in=$2
      if [ "$1" = pdf ]; then
        in=${4%/*}/page-$3.raster
        pdftoppm -r 300 -gray -f "$3" -l "$3" -singlefile "$2" "$in" || exit 1
        in=$in.pgm
      fi
      tesseract "$in" "$4" -l vie 2>>"$0" || exit 1
      if [ "$1" = pdf ]; then rm -f "$in"; fi' "$log"
  rc=$?
  set -e
  t1=$(now)
  seconds "$t0" "$t1"
  return "$rc"
}

# split_multipage OUT: OUT/<name>.raw.txt (a multi-page file's text: each page followed by a
# form feed) → OUT/<name>/page-NNN.txt.
split_multipage() {
  local raw name
  for raw in "$1"/*.raw.txt; do
    [[ -e $raw ]] || continue
    name=$(basename "$raw" .raw.txt)
    awk -v dir="$1/$name" 'BEGIN { RS = "\f" } {
        f = sprintf("%s/page-%03d.txt", dir, NR); printf "%s", $0 > f; close(f) }' "$raw"
  done
}
