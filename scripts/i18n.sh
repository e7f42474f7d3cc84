#!/bin/sh
# Regenerate and compile the interface's translation catalogs (undersigned/locale).
#
# Needs GNU gettext (xgettext, msgmerge, msgfmt): apt-get install gettext.
# A machine without gettext can still run undersigned: the compiled .mo files are part of
# the repository. See docs/i18n.md.
#
#   scripts/i18n.sh            extract new strings into the .po files, then compile them
#   scripts/i18n.sh compile    only compile the .po files into .mo files
set -eu

ROOT=$(cd "$(dirname "$0")/.." && pwd)
PYTHON=${PYTHON:-"$ROOT/.venv/bin/python"}
LANGUAGES="en fr es de ru tr"

for tool in xgettext msgmerge msgfmt; do
    command -v "$tool" >/dev/null 2>&1 || {
        echo "scripts/i18n.sh needs GNU gettext ($tool not found): apt-get install gettext" >&2
        exit 1
    }
done

# Settings need a data directory; a throwaway one keeps the real one untouched.
DATA_DIR=$(mktemp -d)
trap 'rm -rf "$DATA_DIR"' EXIT
export DJANGO_SETTINGS_MODULE=undersigned.settings
export UNDERSIGNED_DATA_DIR="$DATA_DIR"
export PYTHONPATH="$ROOT${PYTHONPATH:+:$PYTHONPATH}"

# Run from the package, so that makemessages writes into undersigned/locale.
cd "$ROOT/undersigned"

if [ "${1:-}" != "compile" ]; then
    args=""
    for language in $LANGUAGES; do args="$args -l $language"; done
    # shellcheck disable=SC2086
    "$PYTHON" -m django makemessages $args --no-obsolete \
        --ignore "*/tests/*" --ignore "data/*" -e html,txt,py
    # New or changed strings now have an empty or "fuzzy" translation: translate them,
    # remove the fuzzy flag, then run "scripts/i18n.sh compile" (tests/test_i18n.py checks).
fi

# msgfmt --check: the header, placeholders and plural forms must be well-formed. Fuzzy
# entries are left out of the .mo files; compilemessages writes each .mo next to its .po.
for language in $LANGUAGES; do
    msgfmt --check --statistics -o /dev/null "locale/$language/LC_MESSAGES/django.po"
done
"$PYTHON" -m django compilemessages --ignore "*/tests/*"
