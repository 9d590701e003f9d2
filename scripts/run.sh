#!/usr/bin/env bash
# Starts CourseCollab from a build directory: the desktop app hosting an embedded demo session when
# there is a display, otherwise the headless server with the demo course.
set -euo pipefail
build_dir="${1:-build}"
data_dir="${COLLAB_DATA_DIR:-$HOME/.local/share/CourseCollab/demo}"
mkdir -p "$data_dir"

if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && [ -x "$build_dir/bin/collab-desktop" ]; then
  exec "$build_dir/bin/collab-desktop" --host-demo --data "$data_dir"
fi

echo "No display (or no desktop app built): starting the headless server with the demo course."
echo "Connect with: $build_dir/bin/collab-cli --server ws://127.0.0.1:8080/ws --course CECS327 --username YOU --join-code CODE --listen"
exec "$build_dir/bin/collab-server" --listen "${COLLAB_LISTEN:-127.0.0.1:8080}" --data "$data_dir"
