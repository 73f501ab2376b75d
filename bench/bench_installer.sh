#!/usr/bin/env bash
# Build time and size of the Linux installer, and the bundled program's start times (issue 10; bench/RESULTS.md).
#
#     bash bench/bench_installer.sh        (needs PyInstaller in .venv: `make installer` installs it)
#
# Prints one Markdown table row: clean PyInstaller build (s), packing incl. stripping debug info (s), bundle size
# (MiB, files), .tar.gz size (MiB), `--version` and `--self-test` wall time of the bundled program (s).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
PY=${PY:-.venv/bin/python}

"$PY" installer/build.py > /dev/null
PROGRAM=dist/sundhedshus/sundhedshus
seconds() {  # wall time of a command, best of three
  local best=""
  for _ in 1 2 3; do
    local t0 t1
    t0=$(date +%s%N)
    env -i PATH=/usr/bin:/bin HOME="$HOME" LANG=C.UTF-8 QT_QPA_PLATFORM=offscreen "$@" > /dev/null 2>&1
    t1=$(date +%s%N)
    local ms=$(( (t1 - t0) / 1000000 ))
    if [ -z "$best" ] || [ "$ms" -lt "$best" ]; then best=$ms; fi
  done
  printf '%d.%03d' $((best / 1000)) $((best % 1000))
}
version_s=$(seconds "$PROGRAM" --version)
selftest_s=$(seconds "$PROGRAM" --self-test)
"$PY" - "$version_s" "$selftest_s" <<'PYEOF'
import json, os, sys
m = json.load(open("build/pyinstaller/installer-metrics.json", encoding="utf-8"))
mib = 1024 * 1024
print("| date | platform | PyInstaller build s | packing s | bundle MiB (files) | .tar.gz MiB | --version s | --self-test s |")
print("|---|---|---|---|---|---|---|---|")
print(f"| {os.popen('date +%F').read().strip()} | {m['platform']}, {os.cpu_count()} cores | {m['pyinstaller_seconds']} "
      f"| {m['package_seconds']} | {m['bundle_bytes'] / mib:.1f} ({m['bundle_files']}) "
      f"| {m['package_bytes'] / mib:.1f} | {sys.argv[1]} | {sys.argv[2]} |")
PYEOF
