#!/usr/bin/env bash
# Smoke test of the built Linux bundle (`make installer-test`, issue 10), run after `installer/build.py`.
#
# The bundled program runs with a bare environment (`env -i`), no Python on its PATH and no display:
#   1. --version prints "sundhedshus VERSION" (also with a PATH that holds nothing at all);
#   2. --self-test opens the main window offscreen on the example, exports the annex and the report, checks them;
#   3. the command line: templates, new, summary --json (figures equal to the source tree's, key by key),
#      export of the annex (opens with openpyxl, has the defined names) and the report (a PDF with pages);
#   4. the .tar.gz: install.sh into a throw-away HOME whose path has a space (the menu entry's Exec quoting),
#      the installed command runs, the MIME type and icons are in place, uninstall.sh removes them again.
# The checks of the outputs use the development venv's Python; the program under test never sees it.
# Usage: installer/smoke_test.sh [DIST]   (DIST defaults to ./dist)
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
DIST=$(cd "${1:-$ROOT/dist}" && pwd)
PY=${PY:-$ROOT/.venv/bin/python}
case $PY in /*) ;; */*) PY=$PWD/$PY ;; esac  # a relative path stays valid after the cd below
VERSION=$(sed -n 's/^__version__ = "\(.*\)"/\1/p' "$ROOT/planners/__init__.py")
BUNDLE=$DIST/sundhedshus
PROGRAM=$BUNDLE/sundhedshus
ARCHIVE=$(ls "$DIST"/sundhedshus-"$VERSION"-linux-*.tar.gz 2>/dev/null | head -n 1 || true)

WORK=$(mktemp -d "${TMPDIR:-/tmp}/sundhedshus-smoke.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
EMPTY=$WORK/empty-path
mkdir -p "$EMPTY"
failures=0
ok() { printf 'ok    %s\n' "$*"; }
bad() { printf 'FEJL  %s\n' "$*" >&2; failures=$((failures + 1)); }

[ -x "$PROGRAM" ] || { echo "Ingen bundle i $BUNDLE: kør 'make installer' først." >&2; exit 1; }
[ -n "$ARCHIVE" ] || { echo "Intet arkiv sundhedshus-$VERSION-linux-*.tar.gz i $DIST." >&2; exit 1; }

# The program's environment: nothing inherited but HOME; Qt draws offscreen.
bare() { env -i PATH=/usr/bin:/bin HOME="$HOME" LANG=C.UTF-8 QT_QPA_PLATFORM=offscreen "$@"; }

# 1. --version
out=$(bare "$PROGRAM" --version) || true
[ "$out" = "sundhedshus $VERSION" ] && ok "--version: $out" || bad "--version gav '$out', ventede 'sundhedshus $VERSION'"
out=$(env -i PATH="$EMPTY" HOME="$HOME" "$PROGRAM" --version) || true
[ "$out" = "sundhedshus $VERSION" ] && ok "--version med en tom PATH" || bad "--version med en tom PATH gav '$out'"

# 2. --self-test (the window, the annex and the report); its own checks decide the exit status.
started=$(date +%s%N)
if out=$(cd "$WORK" && bare "$PROGRAM" --self-test 2>&1); then
  ms=$(( ($(date +%s%N) - started) / 1000000 ))
  grep -q "Selvtest OK" <<<"$out" && ok "--self-test (${ms} ms): $(grep -v -e '^Detected locale' -e 'propagateSizeHints' <<<"$out" | head -n 1)" \
    || bad "--self-test sluttede med 0 uden 'Selvtest OK': $out"
else
  bad "--self-test fejlede: $out"
fi

# 3. The command line on a copy of the example.
cd "$WORK"
bare "$PROGRAM" templates > templates.txt
grep -q "^example	" templates.txt && ok "templates: $(wc -l < templates.txt) skabeloner" || bad "templates mangler 'example'"
bare "$PROGRAM" new --template example -o "eksempel.sundhedshus" > /dev/null
bare "$PROGRAM" summary eksempel.sundhedshus --json > bundle-summary.json
(cd "$ROOT" && "$PY" -c 'import sys; from desktop.main import main; sys.exit(main(sys.argv[1:]))' \
  summary "$WORK/eksempel.sundhedshus" --json) > source-summary.json
if "$PY" - bundle-summary.json source-summary.json <<'EOF'
import json, sys
from decimal import Decimal
bundle, source = (json.load(open(p, encoding="utf-8"), parse_float=Decimal) for p in sys.argv[1:3])
assert bundle == source, "the bundle's figures differ from the source tree's"
assert bundle["establishment_total"] > 0 and bundle["tenants"], "the example has no figures"
EOF
then ok "summary --json: samme tal som kildekoden"; else bad "summary --json afviger fra kildekoden"; fi
if bare "$PROGRAM" export eksempel.sundhedshus --xlsx bilag.xlsx --pdf rapport.pdf > /dev/null \
   && "$PY" - bilag.xlsx rapport.pdf <<'EOF'
import re, sys
import openpyxl
workbook = openpyxl.load_workbook(sys.argv[1])
names = set(workbook.defined_names)
missing = {"establishment_total", "grant", "rent_per_gross_m2"} - names
assert not missing, f"defined names missing: {missing}"
data = open(sys.argv[2], "rb").read()
assert data.startswith(b"%PDF") and data.rstrip().endswith(b"%%EOF"), "not a whole PDF"
pages = len(re.findall(rb"/Type\s*/Page(?![s\w])", data))
assert pages >= 1, "the report has no pages"
print(f"{len(workbook.sheetnames)} ark, {pages} sider")
EOF
then ok "export: ansøgningsbilag og rapport åbner"; else bad "export: bilag eller rapport er forkert"; fi

# 4. The archive: unpack, install for a throw-away user, run, uninstall.
FAKE_HOME="$WORK/hjem med mellemrum"
mkdir -p "$FAKE_HOME" unpacked
tar -xzf "$ARCHIVE" -C unpacked
PACKAGE=$(ls -d unpacked/sundhedshus-"$VERSION"-linux-*)
for f in install.sh uninstall.sh share/sundhedshus.desktop share/sundhedshus-mime.xml app/sundhedshus; do
  [ -e "$PACKAGE/$f" ] || bad "arkivet mangler $f"
done
if env -i PATH=/usr/bin:/bin HOME="$FAKE_HOME" "$PACKAGE/install.sh" > install.log 2>&1; then
  DATA=$FAKE_HOME/.local/share
  out=$(env -i PATH=/usr/bin:/bin HOME="$FAKE_HOME" "$FAKE_HOME/.local/bin/sundhedshus" --version) || true
  [ "$out" = "sundhedshus $VERSION" ] && ok "install.sh: den installerede kommando kører" || bad "installeret --version gav '$out'"
  desktop=$DATA/applications/sundhedshus.desktop
  grep -qF "Exec=\"$DATA/sundhedshus/app/sundhedshus\" %f" "$desktop" \
    && ok "menupunkt: Exec peger på programmet (citeret sti)" || bad "menupunkt: forkert Exec-linje: $(grep ^Exec "$desktop")"
  ! grep -q "@" "$desktop" || bad "menupunkt: pladsholder ikke erstattet"
  if command -v desktop-file-validate > /dev/null; then
    desktop-file-validate "$desktop" && ok "desktop-file-validate" || bad "desktop-file-validate"
  fi
  [ -f "$DATA/mime/packages/sundhedshus.xml" ] && ok "MIME-typen er installeret" || bad "MIME-typen mangler"
  if command -v update-mime-database > /dev/null; then
    grep -q "application/x-sundhedshus:\*\.sundhedshus" "$DATA/mime/globs2" \
      && ok "MIME-databasen kender *.sundhedshus" || bad "MIME-databasen kender ikke *.sundhedshus"
  fi
  for size in 16 32 48 128 256 512; do
    [ -f "$DATA/icons/hicolor/${size}x${size}/apps/sundhedshus.png" ] || bad "ikon ${size}px mangler"
  done
  [ -f "$DATA/icons/hicolor/scalable/apps/sundhedshus.svg" ] || bad "SVG-ikon mangler"
  env -i PATH=/usr/bin:/bin HOME="$FAKE_HOME" "$DATA/sundhedshus/uninstall.sh" > uninstall.log 2>&1 || bad "uninstall.sh fejlede"
  left=$(find "$FAKE_HOME" \( -name 'sundhedshus*' -o -name 'application-x-sundhedshus*' \) -print)
  [ -z "$left" ] && ok "uninstall.sh: intet efterladt" || bad "uninstall.sh efterlod: $left"
else
  bad "install.sh fejlede: $(cat install.log)"
fi

size=$(du -sm "$BUNDLE" | cut -f1)
echo "Bundle: ${size} MiB; arkiv: $(du -m "$ARCHIVE" | cut -f1) MiB ($ARCHIVE)"
if [ "$failures" -ne 0 ]; then
  echo "Røgtesten fejlede ($failures fejl)." >&2
  exit 1
fi
echo "Røgtesten bestået."
