#!/usr/bin/env bash
# Set up a fresh machine: the Debian packages the optional paths need, then the project itself.
#   LibreOffice (legacy .doc/.wps and PDF fixtures), tesseract + chi_sim (scanned PDFs),
#   Noto CJK fonts (notebook figures, PDF rendering), PostgreSQL (the shared-server engine and its tests),
#   poppler-utils and qpdf (test fixtures).
set -euo pipefail
cd "$(dirname "$0")/.."

DEBS="libreoffice-writer-nogui tesseract-ocr tesseract-ocr-chi-sim fonts-noto-cjk postgresql poppler-utils qpdf"
missing=""
for p in $DEBS; do dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"; done
if [ -n "$missing" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "installing Debian packages:$missing" >&2
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null
  else
    echo "warning: missing Debian packages:$missing (run as root, or: sudo apt-get install$missing)" >&2
  fi
fi

python3 -m pip install -q --disable-pip-version-check -e '.[all]'
