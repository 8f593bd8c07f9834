#!/usr/bin/env bash
# Installs Debian's chromium for the headless-browser test of `klyo report`
# (policy-client: dev.klyo.operator.ReportBrowserTest). Safe to run again: it does nothing
# when a chromium is already on the PATH. Needs root (CI and developer machines run as root).
set -euo pipefail

if command -v chromium >/dev/null 2>&1; then
  echo "chromium already installed: $(command -v chromium)"
  exit 0
fi

export DEBIAN_FRONTEND=noninteractive
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  SUDO="sudo"
fi
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends chromium fonts-dejavu-core
echo "installed: $(chromium --version 2>/dev/null || command -v chromium)"
