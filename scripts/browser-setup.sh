#!/usr/bin/env bash
# Makes a real headless browser ready for the browser tests: Debian's chromium and its
# chromedriver. Safe to run again: it installs only what is missing.
set -euo pipefail

log() { printf '[browser-setup] %s\n' "$*"; }
sudo_if_needed() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

if command -v chromium >/dev/null && command -v chromedriver >/dev/null; then
  log "chromium $(chromium --version 2>/dev/null | awk '{print $2}') and chromedriver are installed"
  exit 0
fi
log "installing chromium and chromium-driver"
sudo_if_needed apt-get update -qq
DEBIAN_FRONTEND=noninteractive sudo_if_needed apt-get install -y -qq --no-install-recommends chromium chromium-driver >/dev/null
log "installed $(chromium --version 2>/dev/null)"
