#!/usr/bin/env bash
# Makes sure redis-server is on this machine before the tests run: the Redis tests start throwaway servers
# of their own (or use testcontainers where a Docker engine answers). Installs it with apt-get when missing.
set -euo pipefail

if command -v redis-server >/dev/null 2>&1; then
  exit 0
fi

install_with_apt() {
  DEBIAN_FRONTEND=noninteractive "$@" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "$@" apt-get install -y -qq --no-install-recommends redis-server >/dev/null
}

echo "redis-server not found: installing it" >&2
if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" -eq 0 ]; then
  install_with_apt
elif command -v apt-get >/dev/null 2>&1 && command -v sudo >/dev/null 2>&1; then
  install_with_apt sudo
elif command -v brew >/dev/null 2>&1; then
  brew install redis
else
  echo "Cannot install redis-server here: install it (Debian/Ubuntu: apt-get install redis-server; macOS: brew install redis) and run the tests again." >&2
  exit 1
fi
command -v redis-server >/dev/null 2>&1
