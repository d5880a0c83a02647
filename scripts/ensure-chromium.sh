#!/usr/bin/env bash
# Installs Debian's chromium for the report's browser test (Tests/CLITests/ReportBrowserTests.swift)
# when it is missing. Does nothing when a chromium is already on PATH.
set -euo pipefail

if command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1; then
    exit 0
fi
source "$(dirname "${BASH_SOURCE[0]}")/lib/apt-install.sh"
apt_install --no-recommends "chromium, for the HTML report's browser test" chromium
command -v chromium >/dev/null 2>&1 || { echo "error: chromium still not on PATH after apt-get install chromium" >&2; exit 1; }
