#!/bin/sh
# setup.sh - installs the Debian packages entente needs.
# As root: installs what is missing. Otherwise, or with --print: prints the
# one apt-get command that would.
print=0
if [ "$1" = "--print" ]; then print=1; shift; fi
missing=""
for p in "$@"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
if [ -z "$missing" ]; then
	[ $print = 1 ] || echo "setup: all packages present"
	exit 0
fi
if [ $print = 0 ] && [ "$(id -u)" = 0 ]; then
	echo "setup: installing$missing"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq && apt-get install -y -qq $missing >/dev/null || {
		echo "setup: apt-get install failed" >&2; exit 1; }
else
	echo "setup: missing packages; run as root:"
	echo "  apt-get install -y$missing"
	[ $print = 1 ] || exit 1
fi
