#!/usr/bin/env bash
# What the test suites need from the system, checked before any test runs (`npm test`'s first step, and
# .ci/run). Missing Debian packages are installed when this runs as root (apt-get, as on the CI machine);
# otherwise it stops at once with the exact command to run, instead of a failure deep inside a test.
#   bash scripts/test-setup.sh            check, and install as root
#   bash scripts/test-setup.sh --check    check only, never install
# Needed by: the e2e tests and the watchdog probe (Chromium at /usr/bin/chromium), serial tests (socat ptys),
# packaging tests (systemd-analyze verifies the units, udevadm parses the udev rules, unshare mounts them
# privately), the floor-mesh tests (mosquitto, an MQTT broker on loopback).
set -uo pipefail

CHECK_ONLY=0
[ "${1:-}" = "--check" ] && CHECK_ONLY=1

CHROMIUM="${FLOORGATE_CHROMIUM:-/usr/bin/chromium}"
missing=()
[ -x "$CHROMIUM" ] || missing+=(chromium)
command -v socat >/dev/null 2>&1 || missing+=(socat)
command -v systemd-analyze >/dev/null 2>&1 || missing+=(systemd)
command -v udevadm >/dev/null 2>&1 || missing+=(udev)
command -v unshare >/dev/null 2>&1 || missing+=(util-linux)
command -v mosquitto >/dev/null 2>&1 || [ -x /usr/sbin/mosquitto ] || missing+=(mosquitto)

if [ ${#missing[@]} -eq 0 ]; then
  echo "test-setup: system packages present (chromium, socat, systemd, udev, util-linux, mosquitto)"
  exit 0
fi

if [ "$CHECK_ONLY" = 0 ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "test-setup: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  if apt-get update -qq && apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null; then
    echo "test-setup: installed ${missing[*]}"
    exit 0
  fi
  echo "test-setup: apt-get install ${missing[*]} failed" >&2
  exit 1
fi

{
  echo "test-setup: the tests need Debian packages that are not installed: ${missing[*]}"
  echo "test-setup: install them, then run the tests again:"
  echo "  sudo apt-get install -y --no-install-recommends ${missing[*]}"
} >&2
exit 1
