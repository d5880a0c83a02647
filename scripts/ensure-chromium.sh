#!/usr/bin/env bash
# Installs Debian's chromium for the report's browser test (Tests/CLITests/ReportBrowserTests.swift)
# when it is missing. Does nothing when a chromium is already on PATH.
set -euo pipefail

if command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1; then
    exit 0
fi
echo "==> installing chromium (apt-get), for the HTML report's browser test"
command -v apt-get >/dev/null 2>&1 ||
    { echo "error: chromium is missing and apt-get is missing; install chromium (the HTML report's browser test renders pages with it)" >&2; exit 1; }
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || { echo "error: installing chromium needs root, and sudo is missing" >&2; exit 1; }
    SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends chromium >/dev/null
command -v chromium >/dev/null 2>&1 || { echo "error: chromium still not on PATH after apt-get install chromium" >&2; exit 1; }
