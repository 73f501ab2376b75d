#!/bin/sh
# Install Sundhedshus for the current user (no root needed), from the unpacked .tar.gz:
#
#     tar xzf sundhedshus-X.Y.Z-linux-x86_64.tar.gz && sundhedshus-X.Y.Z-linux-x86_64/install.sh
#
# Puts the program in ~/.local/share/sundhedshus, a command `sundhedshus` in ~/.local/bin, the menu entry in
# ~/.local/share/applications, the icons in the hicolor theme and the .sundhedshus file type in the shared MIME
# database, then refreshes those databases where their tools exist. Running it again replaces an older version.
# XDG_DATA_HOME and SUNDHEDSHUS_BIN_DIR move the targets (the smoke test installs into a temporary HOME).
# Uninstall: ~/.local/share/sundhedshus/uninstall.sh
set -eu

HERE=$(CDPATH='' cd -- "$(dirname -- "$0")" && pwd)
DATA=${XDG_DATA_HOME:-$HOME/.local/share}
BIN=${SUNDHEDSHUS_BIN_DIR:-$HOME/.local/bin}
TARGET=$DATA/sundhedshus
ICONS=$DATA/icons/hicolor

say() { printf '%s\n' "$*"; }
fail() { printf 'Installationen fejlede: %s\n' "$*" >&2; exit 1; }

[ -x "$HERE/app/sundhedshus" ] || fail "programmet mangler i $HERE/app (pak hele arkivet ud først)"
[ "$(id -u)" -ne 0 ] || say "Bemærk: du installerer som root; programmet installeres kun for root ($HOME)."

mkdir -p "$DATA" "$BIN" "$DATA/applications" "$DATA/mime/packages"

# Copy beside the old version, then swap: an interrupted install never leaves a half-copied program.
STAGE=$TARGET.new.$$
trap 'rm -rf "$STAGE"' EXIT INT TERM
rm -rf "$STAGE"
mkdir -p "$STAGE"
cp -R "$HERE/app" "$STAGE/app"
cp "$HERE/uninstall.sh" "$STAGE/uninstall.sh"
chmod 755 "$STAGE/uninstall.sh" "$STAGE/app/sundhedshus"
rm -rf "$TARGET.old"
[ ! -e "$TARGET" ] || mv "$TARGET" "$TARGET.old"
mv "$STAGE" "$TARGET"
rm -rf "$TARGET.old"

PROGRAM=$TARGET/app/sundhedshus
ln -sf "$PROGRAM" "$BIN/sundhedshus"

# Desktop Entry spec: Exec's argument is quoted, with ", `, $ and \ escaped by a backslash; a backslash is
# then escaped once more because every value is also a string (so one \ becomes four). TryExec is a string.
escaped=$(printf '%s' "$PROGRAM" | sed -e 's/\\/\\\\\\\\/g' -e 's/["`$]/\\&/g')
sed_value=$(printf '"%s"' "$escaped" | sed -e 's/[&|\\]/\\&/g')
tryexec=$(printf '%s' "$PROGRAM" | sed -e 's/\\/\\\\/g' | sed -e 's/[&|\\]/\\&/g')
sed -e "s|@EXEC@|$sed_value|" -e "s|@TRYEXEC@|$tryexec|" -e '/^# install.sh replaces/d' \
    "$HERE/share/sundhedshus.desktop" > "$DATA/applications/sundhedshus.desktop"
chmod 644 "$DATA/applications/sundhedshus.desktop"

cp "$HERE/share/sundhedshus-mime.xml" "$DATA/mime/packages/sundhedshus.xml"

for png in "$TARGET"/app/_internal/resources/icons/sundhedshus-*.png; do
  [ -e "$png" ] || continue
  size=${png##*-}
  size=${size%.png}
  mkdir -p "$ICONS/${size}x${size}/apps" "$ICONS/${size}x${size}/mimetypes"
  cp "$png" "$ICONS/${size}x${size}/apps/sundhedshus.png"
  cp "$png" "$ICONS/${size}x${size}/mimetypes/application-x-sundhedshus.png"
done
if [ -f "$HERE/share/sundhedshus.svg" ]; then
  mkdir -p "$ICONS/scalable/apps" "$ICONS/scalable/mimetypes"
  cp "$HERE/share/sundhedshus.svg" "$ICONS/scalable/apps/sundhedshus.svg"
  cp "$HERE/share/sundhedshus.svg" "$ICONS/scalable/mimetypes/application-x-sundhedshus.svg"
fi

# The databases are caches: missing tools only delay the menu entry or the file type until the next login.
if command -v update-mime-database >/dev/null 2>&1; then update-mime-database "$DATA/mime" || true; fi
if command -v update-desktop-database >/dev/null 2>&1; then
  update-desktop-database "$DATA/applications" || true
fi
if command -v gtk-update-icon-cache >/dev/null 2>&1 && [ -f "$ICONS/index.theme" ]; then
  gtk-update-icon-cache -q -t -f "$ICONS" || true
fi
if command -v xdg-mime >/dev/null 2>&1; then
  xdg-mime default sundhedshus.desktop application/x-sundhedshus 2>/dev/null || true
fi

say "Sundhedshus er installeret i $TARGET"
say "Start det fra programmenuen, ved at åbne en .sundhedshus-fil, eller med kommandoen: $BIN/sundhedshus"
case ":${PATH:-}:" in
  *":$BIN:"*) ;;
  *) say "Bemærk: $BIN er ikke i PATH; tilføj den, eller brug den fulde sti." ;;
esac
say "Afinstallér med: $TARGET/uninstall.sh"
