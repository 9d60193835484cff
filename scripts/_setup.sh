# Shared set-up for scripts/run, scripts/test and scripts/bench: a .venv with the
# project installed. Sourced, not run. Set EXTRAS to choose optional dependencies.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

PYTHON="${PYTHON:-python3}"
if ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
    echo "ThinkTwice needs Python 3.11 or newer (found: $("$PYTHON" --version 2>&1))." >&2
    exit 1
fi

# Installs Debian packages when running as root; otherwise says what is missing.
need_debian() {
    local missing=()
    for spec in "$@"; do
        local cmd="${spec%%:*}" pkg="${spec#*:}"
        if [[ "$cmd" == /* ]]; then  # a file the package puts there
            [ -e "$cmd" ] || missing+=("$pkg")
        else
            command -v "$cmd" >/dev/null 2>&1 || missing+=("$pkg")
        fi
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        echo "Installing Debian packages: ${missing[*]} (apt-get: a few minutes)…" >&2
        DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
    else
        echo "Please install these Debian packages: ${missing[*]}" >&2
        exit 1
    fi
}

# The extension tests' npm packages (web-ext; the upload widgets Dropzone and
# react-dropzone), pinned by tests/extension/package-lock.json: installed again
# only when the lock changes, as `npm ci` starts over from nothing each time.
need_extension_npm() {
    local dir=tests/extension
    if ! command -v npm >/dev/null 2>&1; then
        echo "The extension's tests and benchmark need Node.js 20 or newer with npm." >&2
        exit 1
    fi
    if [ ! -f "$dir/node_modules/.package-lock.json" ] \
        || [ "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]; then
        echo "Installing the extension tests' npm packages (web-ext, upload widgets)…" >&2
        npm ci --prefix "$dir" --no-audit --no-fund --loglevel=error >/dev/null
    fi
}

if [ ! -x .venv/bin/python ]; then
    echo "Creating .venv (a Python virtual environment for ThinkTwice)…" >&2
    "$PYTHON" -m venv .venv
fi
STAMP=.venv/.installed-${EXTRAS:-base}
# Reinstall when the dependencies or the C scanner change (pip builds it in place).
if [ ! -f "$STAMP" ] || [ pyproject.toml -nt "$STAMP" ] \
    || [ backend/thinktwice/formats/jpeg/_jpegscan.c -nt "$STAMP" ]; then
    if [ -f "$STAMP" ]; then
        echo "Updating Python packages (pyproject.toml or the C scanner changed)…" >&2
    else
        echo "Installing Python packages (first run: about 2 minutes)…" >&2
    fi
    .venv/bin/python -m pip install -q --disable-pip-version-check -e ".${EXTRAS:+[$EXTRAS]}"
    touch "$STAMP"
fi
