#!/usr/bin/env bash
# Set up everything extractor needs on a fresh Debian/Ubuntu machine:
# system packages (Tesseract with its Polish model for scanned reports) and a
# virtualenv in .venv with the package and its test tools.  Idempotent.
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
command -v tesseract >/dev/null 2>&1 || need_apt+=(tesseract-ocr)
if ! tesseract --list-langs 2>/dev/null | grep -qx pol; then need_apt+=(tesseract-ocr-pol); fi
# Orientation detection (pages scanned sideways or upside down); usually comes with tesseract-ocr.
if ! tesseract --list-langs 2>/dev/null | grep -qx osd; then need_apt+=(tesseract-ocr-osd); fi
# A C compiler builds the optional compiled PDF reader (without one: ctypes, slower).
command -v cc >/dev/null 2>&1 || need_apt+=(gcc libc6-dev)
# Headless Chromium renders the HTML report in the tests.
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
if [ ${#need_apt[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
fi

PY=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$PY" -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip >/dev/null 2>&1 || true
.venv/bin/python -m pip install -q -e '.[dev,ocr]'
