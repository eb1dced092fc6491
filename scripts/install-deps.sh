#!/bin/sh
# install-deps.sh -- install the Debian packages RustyDB needs to build and
# test, skipping those already present.  Used by `make run` and `make check`.
# Needs root (or sudo) only when something is missing.
set -eu
packages="gcc make autoconf pkg-config libuv1-dev libpcre2-dev liblz4-dev \
libsodium-dev check libpq-dev libedit-dev libhttp-parser-dev libjansson-dev \
postgresql-client python3 curl jq iproute2"
missing=""
for p in $packages; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
        missing="$missing $p"
    fi
done
[ -z "$missing" ] && exit 0
echo "install-deps: installing:$missing"
if [ "$(id -u)" -ne 0 ]; then
    SUDO=sudo
else
    SUDO=
fi
export DEBIAN_FRONTEND=noninteractive
# shellcheck disable=SC2086
$SUDO apt-get install -y -q $missing || { $SUDO apt-get update -q && $SUDO apt-get install -y -q $missing; }
