#!/usr/bin/env bash
# Installs the Debian 12 packages CourseCollab needs to build, test and run.
# Idempotent: installs only what is missing; needs root (or sudo) for apt-get.
set -euo pipefail

PACKAGES=(
  build-essential cmake pkg-config ninja-build
  qt6-base-dev qt6-base-dev-tools qt6-websockets-dev
  libqt6sql6-sqlite libsqlite3-dev libqt6opengl6-dev
  libhiredis-dev redis-server zlib1g-dev liburing-dev
  openssl   # tst_tls makes its test certificates with the openssl binary
  file      # check_deb: cpack's DEB generator runs file(1) to find the binaries for dpkg-shlibdeps
  python3   # check_docs (scripts/check-docs.py) and the fuzz seed script
  xvfb xauth fonts-dejavu-core
  clang clang-14 libclang-rt-14-dev
  ccache    # `make test` compiles the portable build from the main build's objects (Makefile)
  lld       # links several times faster than GNU ld (cmake/buildspeed.cmake)
  # Rich text (app/richtext/, issue 13): code highlighting, math typesetting, SVG, Markdown → HTML
  # on the server, and pdftotext for the export tests.
  libsource-highlight-dev libjs-mathjax qt6-svg-dev qt6-webengine-dev libmd4c-html0-dev
  poppler-utils
  # Course exports (issue 15 part 4): the server writes the zip, the CLI and the tests read it.
  libzip-dev
  # Name tokens and instructor secrets in the keychain (issue 12); the vault's test runs a private
  # D-Bus session with gnome-keyring.
  qtkeychain-qt6-dev libsecret-1-0 gnome-keyring dbus-daemon
  # The desktop app's languages (issue 12 part 7): lupdate/lrelease and Qt6LinguistTools for
  # qt_add_translations, and Qt's own Spanish (standard buttons, file dialogs: qtbase_es.qm).
  qt6-l10n-tools qt6-tools-dev qt6-translations-l10n
)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#PACKAGES[@]} packages present"
  exit 0
fi

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
