#!/bin/sh
# Add IdeaForge to this user's application menu, for a source checkout (no root, no package):
# the desktop entry, the AppStream metainfo and the icons go into the XDG data folder
# (${XDG_DATA_HOME:-~/.local/share}), with the entry starting the checkout's .venv/bin/ideaforge.
#
#   packaging/linux/install.sh                  # after `python3 bootstrap.py setup` (or run)
#   packaging/linux/install.sh --exec PATH      # start another ideaforge executable
#   packaging/linux/install.sh --uninstall      # remove what install put there
#
# Distribution and Flatpak packages install the same files system-wide instead: see
# packaging/linux/ (the .desktop and .metainfo.xml) and resources/icons/hicolor.
set -eu

APP_ID=io.github.ideaforge.IdeaForge
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
DATA=${XDG_DATA_HOME:-$HOME/.local/share}
EXEC=$ROOT/.venv/bin/ideaforge
ACTION=install

while [ $# -gt 0 ]; do
    case $1 in
        --exec) [ $# -ge 2 ] || { echo "--exec needs a path" >&2; exit 2; }; EXEC=$2; shift 2 ;;
        --uninstall) ACTION=uninstall; shift ;;
        -h|--help) sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "Unknown option: $1 (see --help)" >&2; exit 2 ;;
    esac
done

APPS=$DATA/applications
METAINFO=$DATA/metainfo
ICONS=$DATA/icons/hicolor
SIZES="16 24 32 48 64 128 256 512"

refresh_caches() {
    # Menus and icon themes notice new files by themselves on most desktops; these refresh the
    # caches where the tools are installed, and are skipped quietly where they are not.
    if command -v update-desktop-database >/dev/null 2>&1; then
        update-desktop-database -q "$APPS" 2>/dev/null || true
    fi
    if command -v gtk-update-icon-cache >/dev/null 2>&1 && [ -f "$ICONS/index.theme" ]; then
        gtk-update-icon-cache -q -t -f "$ICONS" 2>/dev/null || true
    fi
}

if [ "$ACTION" = uninstall ]; then
    rm -f "$APPS/$APP_ID.desktop" "$METAINFO/$APP_ID.metainfo.xml" \
        "$ICONS/scalable/apps/$APP_ID.svg"
    for n in $SIZES; do
        rm -f "$ICONS/${n}x${n}/apps/$APP_ID.png"
    done
    refresh_caches
    echo "Removed IdeaForge's menu entry, metainfo and icons from $DATA."
    exit 0
fi

case $EXEC in
    /*) ;;
    *) EXEC=$(pwd)/$EXEC ;;
esac
if [ ! -x "$EXEC" ]; then
    echo "$EXEC is not there (or not executable). Set up the checkout first:" >&2
    echo "    python3 bootstrap.py setup" >&2
    echo "or name the ideaforge executable to start with --exec PATH." >&2
    exit 1
fi
case $EXEC in
    *[\"\`\$\\]*)
        echo "The path $EXEC has a character a desktop entry cannot hold (\" \` \$ \\);" >&2
        echo "move the checkout or use --exec with another path." >&2
        exit 1 ;;
    *\ *) EXEC_ARG="\"$EXEC\"" ;;  # the desktop entry spec's quoting for a path with spaces
    *) EXEC_ARG=$EXEC ;;
esac

mkdir -p "$APPS" "$METAINFO" "$ICONS/scalable/apps"
# The entry as shipped says Exec=ideaforge (found on PATH, as a package installs it); here it
# names the checkout's executable. sed's replacement escapes & | and \ in the path.
SED_EXEC=$(printf '%s' "$EXEC_ARG" | sed 's/[&|\\]/\\&/g')
SED_TRY=$(printf '%s' "$EXEC" | sed 's/[&|\\]/\\&/g')
sed -e "s|^Exec=ideaforge\$|Exec=$SED_EXEC|" -e "s|^TryExec=ideaforge\$|TryExec=$SED_TRY|" \
    "$HERE/$APP_ID.desktop" > "$APPS/$APP_ID.desktop.tmp"
mv "$APPS/$APP_ID.desktop.tmp" "$APPS/$APP_ID.desktop"
cp "$HERE/$APP_ID.metainfo.xml" "$METAINFO/$APP_ID.metainfo.xml"
for n in $SIZES; do
    mkdir -p "$ICONS/${n}x${n}/apps"
    cp "$ROOT/resources/icons/hicolor/${n}x${n}/apps/$APP_ID.png" "$ICONS/${n}x${n}/apps/"
done
cp "$ROOT/resources/icons/hicolor/scalable/apps/$APP_ID.svg" "$ICONS/scalable/apps/"
refresh_caches
echo "IdeaForge is in the application menu (it starts $EXEC)."
echo "Remove it with: $0 --uninstall"
