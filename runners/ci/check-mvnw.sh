#!/usr/bin/env bash
# The Maven wrapper on a machine with only Java 17: `./mvnw -v` in a fresh MAVEN_USER_HOME, twice.
#  1. MVNW_REPOURL = the repository of the wrapper's own distributionUrl (the one this machine
#     reaches): the wrapper downloads Maven, checks its SHA-256 and runs it.
#  2. MVNW_REPOURL = a loopback mirror (python3 http.server) holding the zip from step 1: the run
#     succeeds and the mirror's log shows the wrapper fetched the zip from it, so MVNW_REPOURL is
#     what the wrapper uses.
# Fails unless both print the wrapper's Maven version.   runners/ci/check-mvnw.sh [--keep]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
props="$root/.mvn/wrapper/maven-wrapper.properties"
url="$(sed -n 's/^distributionUrl=//p' "$props")"
repo="${url%%/org/apache/maven/*}"
version="$(echo "$url" | sed -n 's|.*/apache-maven-\([^/]*\)-bin.zip|\1|p')"
work="$(mktemp -d /tmp/medinstruct-mvnw.XXXXXX)"
server=""
cleanup() { [ -z "$server" ] || kill "$server" 2>/dev/null || true; [ "${1:-}" = --keep ] || rm -rf "$work"; }
trap 'cleanup "${1:-}"' EXIT
fail=0

echo "1. MVNW_REPOURL=<the distributionUrl's repository>, fresh MAVEN_USER_HOME"
out1="$(cd "$root" && MAVEN_USER_HOME="$work/home1" MVNW_REPOURL="$repo" ./mvnw -v 2>&1)" || true
echo "$out1" | head -1
echo "$out1" | grep -q "Apache Maven $version" || { echo "check-mvnw: FAILED: step 1 did not run Maven $version" >&2; fail=1; }
zip="$(find "$work/home1" -name "apache-maven-$version-bin.zip" 2>/dev/null | head -1)"
if [ -z "$zip" ]; then
  # The wrapper unpacks and deletes the zip; fetch it once more into the mirror layout.
  mkdir -p "$work/mirror/maven2/org/apache/maven/apache-maven/$version"
  curl -fsSL -o "$work/mirror/maven2/org/apache/maven/apache-maven/$version/apache-maven-$version-bin.zip" "$url"
else
  mkdir -p "$work/mirror/maven2/org/apache/maven/apache-maven/$version"
  cp "$zip" "$work/mirror/maven2/org/apache/maven/apache-maven/$version/"
fi

echo "2. MVNW_REPOURL=<a loopback mirror>, fresh MAVEN_USER_HOME"
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
(cd "$work/mirror" && exec python3 -m http.server "$port" --bind 127.0.0.1) > "$work/mirror.log" 2>&1 &
server=$!
for _ in $(seq 50); do curl -fs "http://127.0.0.1:$port/" >/dev/null 2>&1 && break; sleep 0.2; done
out2="$(cd "$root" && MAVEN_USER_HOME="$work/home2" MVNW_REPOURL="http://127.0.0.1:$port/maven2" ./mvnw -v 2>&1)" || true
echo "$out2" | head -1
echo "$out2" | grep -q "Apache Maven $version" || { echo "check-mvnw: FAILED: step 2 did not run Maven $version" >&2; fail=1; }
grep -q "GET /maven2/org/apache/maven/apache-maven/$version/apache-maven-$version-bin.zip HTTP/1.1\" 200" "$work/mirror.log" \
  || { echo "check-mvnw: FAILED: the wrapper did not fetch Maven from MVNW_REPOURL" >&2; cat "$work/mirror.log" >&2; fail=1; }
[ "$fail" = 0 ] && echo "check-mvnw: ok: ./mvnw ran Maven $version from MVNW_REPOURL (checksum verified) both times"
exit $fail
