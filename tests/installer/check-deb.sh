#!/usr/bin/env bash
# Builds the DEB from a build directory into a temporary directory and checks its contents:
# the three executables, the hardened systemd unit, the service user, the config (a conffile),
# the desktop entry and the icons. Usage: check-deb.sh BUILD_DIR
set -euo pipefail
build="$(cd "${1:?usage: check-deb.sh BUILD_DIR}" && pwd)"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

# No stripping and no compression here: the same package, but built in a few seconds.
if ! cpack -G DEB -B "$out" --config "$build/CPackConfig.cmake" -D CPACK_STRIP_FILES=OFF -D CPACK_DEBIAN_COMPRESSION_TYPE=none >"$out/cpack.log" 2>&1; then
  cat "$out/cpack.log"
  echo "check-deb: cpack failed" >&2
  exit 1
fi
deb="$(ls "$out"/*.deb | head -1)"
echo "check-deb: built $(basename "$deb")"
contents="$(dpkg-deb -c "$deb")"
fail=0
expect() {
  if ! grep -qE "$1" <<<"$contents"; then
    echo "check-deb: missing $1" >&2
    fail=1
  fi
}
expect ' \./usr/bin/collab-server$'
expect ' \./usr/bin/collab-desktop$'
expect ' \./usr/bin/collab-cli$'
expect ' \./usr/lib/systemd/system/collab-server\.service$'
expect ' \./usr/lib/sysusers\.d/coursecollab\.conf$'
expect ' \./etc/coursecollab/config\.json$'
expect ' \./usr/share/applications/coursecollab\.desktop$'
expect ' \./usr/share/icons/hicolor/scalable/apps/coursecollab\.svg$'
expect ' \./usr/share/icons/hicolor/256x256/apps/coursecollab\.png$'
expect ' \./usr/share/doc/coursecollab/operations\.md$'
if grep -qE '\./usr/bin/tst_|/tests/' <<<"$contents"; then
  echo "check-deb: test executables in the package" >&2
  fail=1
fi

info="$(dpkg-deb -I "$deb")"
for field in 'Package: coursecollab' 'Depends: .*libqt6' ; do
  grep -qE "$field" <<<"$info" || { echo "check-deb: control lacks $field" >&2; fail=1; }
done
control="$out/control"
dpkg-deb -e "$deb" "$control"
for f in postinst prerm postrm conffiles; do
  [ -f "$control/$f" ] || { echo "check-deb: no $f" >&2; fail=1; }
done
grep -qx '/etc/coursecollab/config.json' "$control/conffiles" || { echo "check-deb: config is not a conffile" >&2; fail=1; }
# The packaged config lists its instructor with a secret placeholder (collab-server refuses an
# instructor without a secret, and the placeholder itself), which postinst replaces once.
config="$out/config"
mkdir -p "$config"
dpkg-deb --fsys-tarfile "$deb" | tar -x -C "$config" ./etc/coursecollab/config.json
grep -q '"secret": "CHANGE-ME-INSTRUCTOR-SECRET"' "$config/etc/coursecollab/config.json" \
  || { echo "check-deb: the packaged config's instructor has no secret placeholder" >&2; fail=1; }
grep -q 's/CHANGE-ME-INSTRUCTOR-SECRET/\$secret/' "$control/postinst" \
  || { echo "check-deb: postinst does not generate the instructor's secret" >&2; fail=1; }
if [ -x "$build/bin/collab-server" ]; then
  # As shipped (before postinst), the config is refused: the placeholder is no secret.
  if timeout 20 "$build/bin/collab-server" --listen 127.0.0.1:0 --data "$out/data" \
       --config "$config/etc/coursecollab/config.json" >"$out/shipped.log" 2>&1; then
    echo "check-deb: collab-server accepted the config's placeholder secret" >&2; fail=1
  elif ! grep -q placeholder "$out/shipped.log"; then
    echo "check-deb: collab-server did not name the placeholder: $(cat "$out/shipped.log")" >&2; fail=1
  fi
fi

# The unit as installed: its own user, hardened, state under /var/lib.
unit="$out/unit"
mkdir -p "$unit"
dpkg-deb --fsys-tarfile "$deb" | tar -x -C "$unit" ./usr/lib/systemd/system/collab-server.service
for line in 'User=coursecollab' 'NoNewPrivileges=yes' 'ProtectSystem=strict' 'ProtectHome=yes' 'PrivateTmp=yes' \
            'StateDirectory=coursecollab' 'ExecStart=/usr/bin/collab-server .*--data /var/lib/coursecollab'; do
  grep -qE "^$line" "$unit/usr/lib/systemd/system/collab-server.service" || { echo "check-deb: unit lacks $line" >&2; fail=1; }
done
if command -v systemd-analyze >/dev/null 2>&1; then
  systemd-analyze verify "$unit/usr/lib/systemd/system/collab-server.service" 2>&1 | grep -v 'Failed to prepare\|not executable\|No such file\|is not executable' || true
fi
[ "$fail" = 0 ] && echo "check-deb: ok"
exit "$fail"
