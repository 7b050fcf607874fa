#!/usr/bin/env bash
# Sets a Linux box (Raspberry Pi OS, Debian, Ubuntu) up to run the Floorgate gateway as a system
# service, with serial readers and BLE usable without root; with --kiosk, also the kiosk autostart.
# Works from a clone (build/scripts/) and from an installed package (resources/setup/scripts/).
#
#   sudo build/scripts/install-gateway.sh [options]
#     --kiosk        also install the kiosk's systemd user unit and session autostart entry
#     --no-setcap    do not give the node binary CAP_NET_RAW/CAP_NET_ADMIN (BLE for `npm start` by hand)
#     --no-enable    install only; do not enable/start the service
#     --dry-run      print the commands instead of running them (files still go under $FLOORGATE_INSTALL_ROOT)
#   FLOORGATE_INSTALL_ROOT=/some/dir   install the files below that directory instead of / (tests, images)
#
# It is safe to run again (after an update, say): files are replaced, the user is created only once,
# an existing /etc/floorgate/floorgate.env is kept.
set -euo pipefail

KIOSK=0 SETCAP=1 ENABLE=1 DRY_RUN=0
for arg in "$@"; do
  case "$arg" in
    --kiosk) KIOSK=1 ;;
    --no-setcap) SETCAP=0 ;;
    --no-enable) ENABLE=0 ;;
    --dry-run) DRY_RUN=1 ;;
    -h|--help) sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "install-gateway: unknown option $arg (see --help)" >&2; exit 2 ;;
  esac
done

ROOT="${FLOORGATE_INSTALL_ROOT:-}"
SETUP_DIR="$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)"   # build/ in a clone, resources/setup/ in a package
SERVICE_USER=floorgate

run() {
  if [ "$DRY_RUN" = 1 ]; then echo "+ $*"; else "$@"; fi
}
say() { echo "install-gateway: $*"; }

# Where the gateway is and what runs it.
if [ -f "$SETUP_DIR/../bin/floorgate.mjs" ]; then
  LAYOUT=clone
  APP_ROOT="$(cd "$SETUP_DIR/.." && pwd)"
  NODE_BIN="$(command -v node || true)"
  [ -n "$NODE_BIN" ] || { echo "install-gateway: node is not installed (Node.js >= 20.19 is needed)" >&2; exit 1; }
  NODE_BIN="$(readlink -f "$NODE_BIN")"
  EXEC_START="$NODE_BIN $APP_ROOT/bin/floorgate.mjs start"
  KIOSK_EXEC="$NODE_BIN $APP_ROOT/bin/floorgate.mjs kiosk"
elif [ -f "$SETUP_DIR/../app.asar.unpacked/bin/floorgate.mjs" ]; then
  LAYOUT=package
  APP_ROOT="$(cd "$SETUP_DIR/../app.asar.unpacked" && pwd)"
  # The package's Electron, run as Node: its native modules were rebuilt for exactly this binary.
  NODE_BIN="$(cd "$SETUP_DIR/../.." && pwd)/floorgate-kiosk"
  EXEC_START="$NODE_BIN $APP_ROOT/bin/floorgate.mjs start"
  KIOSK_EXEC=""
else
  echo "install-gateway: cannot find bin/floorgate.mjs next to $SETUP_DIR (run it from a clone or an installed package)" >&2
  exit 1
fi
say "$LAYOUT at $APP_ROOT, gateway runs: $EXEC_START"
# The service runs the compiled gateway (bin/ picks dist/gateway/floorgate.cjs); a clone must be built.
if [ ! -f "$APP_ROOT/dist/gateway/floorgate.cjs" ]; then
  if [ "$DRY_RUN" = 1 ]; then
    say "warning: $APP_ROOT/dist/gateway/floorgate.cjs is missing: run \`npm run build\` there before starting the service"
  else
    echo "install-gateway: $APP_ROOT/dist/gateway/floorgate.cjs is missing: run \`npm ci && npm run build\` in $APP_ROOT first" >&2
    exit 1
  fi
fi
case "$APP_ROOT" in
  /home/*|/root/*) say "warning: $APP_ROOT is in a home directory, which the service cannot read (ProtectHome); clone to /opt/floorgate" ;;
esac

# 1. The service user: no login, no home of its own besides its state directory.
if ! id -u "$SERVICE_USER" >/dev/null 2>&1; then
  run useradd --system --user-group --home-dir /var/lib/floorgate --no-create-home --shell /usr/sbin/nologin "$SERVICE_USER"
fi
run usermod -a -G dialout "$SERVICE_USER"

# 2. The gateway service, and a drop-in for where this copy lives (the unit assumes a clone in /opt/floorgate).
install -d "$ROOT/etc/systemd/system/floorgate-gateway.service.d"
install -m 0644 "$SETUP_DIR/floorgate-gateway.service" "$ROOT/etc/systemd/system/floorgate-gateway.service"
DROP_IN="$ROOT/etc/systemd/system/floorgate-gateway.service.d/10-floorgate-paths.conf"
if [ "$EXEC_START" != "/usr/bin/node /opt/floorgate/bin/floorgate.mjs start" ]; then
  {
    echo "# Written by install-gateway.sh: where this Floorgate lives and what runs it."
    echo "[Service]"
    echo "WorkingDirectory=$APP_ROOT"
    echo "ExecStart="
    echo "ExecStart=$EXEC_START"
    if [ "$LAYOUT" = package ]; then echo "Environment=ELECTRON_RUN_AS_NODE=1"; fi
  } > "$DROP_IN"
  chmod 0644 "$DROP_IN"
else
  rm -f "$DROP_IN"
fi

# 3. Settings shared by the gateway service and the kiosk (kept if it exists).
install -d -m 0755 "$ROOT/etc/floorgate"
ENV_FILE="$ROOT/etc/floorgate/floorgate.env"
if [ ! -f "$ENV_FILE" ]; then
  cat > "$ENV_FILE" <<'ENV'
# Floorgate settings, read by the gateway service and by the kiosk (README "Configuration").
# Secrets do not go here: the API key goes in a credential file (docs/raspberry-pi.md "Cloud").
PORT=8080
#FLOORGATE_CONFIG=/etc/floorgate/floorgate.config.json
#FLOORGATE_CLOUD_URL=https://api.example.com
#FLOORGATE_LOCATION_ID=main
#FLOORGATE_TIMEZONE=Europe/Stockholm
ENV
  chmod 0644 "$ENV_FILE"
fi

# 4. Serial readers, relays and Concept2 monitors for group dialout, kept away from ModemManager.
install -d "$ROOT/etc/udev/rules.d"
install -m 0644 "$SETUP_DIR/udev/70-floorgate-serial.rules" "$ROOT/etc/udev/rules.d/70-floorgate-serial.rules"
if command -v udevadm >/dev/null 2>&1; then
  run udevadm control --reload-rules
  run udevadm trigger --subsystem-match=tty --subsystem-match=hidraw
fi

# 5. BLE without root for a gateway started by hand or by a kiosk from a clone (the service has its
#    own capabilities). It lets every program run by this node open raw sockets: skip with --no-setcap.
if [ "$LAYOUT" = clone ] && [ "$SETCAP" = 1 ]; then
  if command -v setcap >/dev/null 2>&1; then
    run setcap cap_net_raw,cap_net_admin+eip "$NODE_BIN"
  else
    say "setcap not found (apt-get install libcap2-bin); BLE by hand needs it, the service does not"
  fi
fi

# 6. The kiosk: a user service that restarts it, started by the desktop session's autostart.
if [ "$KIOSK" = 1 ]; then
  install -d "$ROOT/etc/systemd/user/floorgate-kiosk.service.d" "$ROOT/etc/xdg/autostart"
  install -m 0644 "$SETUP_DIR/systemd/floorgate-kiosk.service" "$ROOT/etc/systemd/user/floorgate-kiosk.service"
  install -m 0644 "$SETUP_DIR/autostart/floorgate-kiosk.desktop" "$ROOT/etc/xdg/autostart/floorgate-kiosk.desktop"
  KIOSK_DROP_IN="$ROOT/etc/systemd/user/floorgate-kiosk.service.d/10-floorgate-paths.conf"
  if [ -n "$KIOSK_EXEC" ]; then
    printf '# Written by install-gateway.sh: the kiosk from the clone at %s.\n[Service]\nWorkingDirectory=%s\nExecStart=\nExecStart=%s\n' \
      "$APP_ROOT" "$APP_ROOT" "$KIOSK_EXEC" > "$KIOSK_DROP_IN"
    chmod 0644 "$KIOSK_DROP_IN"
  else
    rm -f "$KIOSK_DROP_IN"
  fi
fi

# 7. Start it now and at every boot.
if [ "$ENABLE" = 1 ]; then
  run systemctl daemon-reload
  run systemctl enable --now floorgate-gateway.service
  say "running: systemctl status floorgate-gateway; logs: journalctl -u floorgate-gateway -f"
else
  say "installed; start with: systemctl daemon-reload && systemctl enable --now floorgate-gateway.service"
fi
