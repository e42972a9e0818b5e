#!/usr/bin/env bash
# Set up a fresh machine: the Debian packages the optional paths need, then the project itself.
#   LibreOffice (legacy .doc/.wps and PDF fixtures), tesseract + chi_sim (scanned PDFs),
#   Noto CJK fonts (notebook figures, PDF rendering), PostgreSQL (the shared-server engine and its tests),
#   poppler-utils (pdftotext: the tests' flattened-PDF fixtures), Chromium (the dossier's headless-browser test).
# The project goes into .venv: Debian's own python3 refuses `pip install` outside a virtual environment
# (PEP 668), and a venv needs no root. Use .venv/bin/report-parser, or `source .venv/bin/activate`.
set -euo pipefail
cd "$(dirname "$0")/.."

# Each step says what it does and when it started: apt and pip are quiet, and a fresh machine takes minutes.
step() { echo "[setup $(date +%H:%M:%S)] $*" >&2; }

PY="${PYTHON:-python3}"
if ! "$PY" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
  echo "error: report-parser needs Python 3.11 or newer; $PY is $("$PY" -V 2>&1 || echo missing) (set PYTHON=...)" >&2
  exit 1
fi

DEBS="libreoffice-writer-nogui tesseract-ocr tesseract-ocr-chi-sim fonts-noto-cjk postgresql poppler-utils chromium"
# Debian's python3 has no venv module until python3-venv is installed.
"$PY" -c 'import ensurepip, venv' 2>/dev/null || DEBS="$DEBS python3-venv"
missing=""
for p in $DEBS; do dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"; done
if [ -n "$missing" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    step "apt-get update (package lists)"
    apt-get update -qq
    step "apt-get install:$missing — LibreOffice, the CJK fonts, PostgreSQL and Chromium are large: a few minutes on a" \
         "fresh machine; the download size and each package set up follow"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $missing \
      | { grep --line-buffered -E '^(Need to get|Fetched|Setting up) ' || true; } | sed -u 's/^/  /' >&2
  else
    echo "warning: missing Debian packages:$missing (run as root, or: sudo apt-get install$missing)" >&2
  fi
fi

if [ ! -x .venv/bin/python ]; then
  step "creating .venv with $("$PY" -V 2>&1)"
  "$PY" -m venv .venv
fi
step "pip install -e '.[all]' into .venv (the project and its optional extras: about a minute)"
.venv/bin/python -m pip install -q --disable-pip-version-check -e '.[all]'
step "done: .venv/bin/report-parser is ready"
