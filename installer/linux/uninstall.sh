#!/bin/sh
# Remove what install.sh put in place for the current user: the program, the `sundhedshus` command, the menu
# entry, the icons and the .sundhedshus file type. Plans (.sundhedshus files) and settings are left alone.
# Honours XDG_DATA_HOME and SUNDHEDSHUS_BIN_DIR as install.sh does.
set -eu

DATA=${XDG_DATA_HOME:-$HOME/.local/share}
BIN=${SUNDHEDSHUS_BIN_DIR:-$HOME/.local/bin}
TARGET=$DATA/sundhedshus
ICONS=$DATA/icons/hicolor

# Only our own link: a `sundhedshus` that is not a link into this installation belongs to someone else.
if [ -L "$BIN/sundhedshus" ] && [ "$(readlink "$BIN/sundhedshus")" = "$TARGET/app/sundhedshus" ]; then
  rm -f "$BIN/sundhedshus"
fi
rm -f "$DATA/applications/sundhedshus.desktop" "$DATA/mime/packages/sundhedshus.xml"
for dir in "$ICONS"/*; do
  [ -d "$dir" ] || continue
  rm -f "$dir/apps/sundhedshus.png" "$dir/apps/sundhedshus.svg" \
        "$dir/mimetypes/application-x-sundhedshus.png" "$dir/mimetypes/application-x-sundhedshus.svg"
done
rm -rf "$TARGET"

if command -v update-mime-database >/dev/null 2>&1 && [ -d "$DATA/mime/packages" ]; then
  update-mime-database "$DATA/mime" || true
fi
if command -v update-desktop-database >/dev/null 2>&1 && [ -d "$DATA/applications" ]; then
  update-desktop-database "$DATA/applications" || true
fi
if command -v gtk-update-icon-cache >/dev/null 2>&1 && [ -f "$ICONS/index.theme" ]; then
  gtk-update-icon-cache -q -t -f "$ICONS" || true
fi

echo "Sundhedshus er afinstalleret. Dine planer (.sundhedshus-filer) er ikke rørt."
