#!/usr/bin/env bash
# Gradescope runs this once, as root, when it builds the autograder's image: it installs the Swift
# toolchain the workbook is tested with, builds the workbook (source/workbook) and prepares the
# class-grading cache, so each submission rebuilds only the learner's module.
#
# Usage: setup.sh [--dry-run]
#   --dry-run  prints what it would install, fetch and run, and changes nothing.
# Environment: AUTOGRADER_ROOT (default /autograder, Gradescope's layout); OS_RELEASE_FILE (default
# /etc/os-release, read for the Ubuntu release).
set -euo pipefail

# The toolchain the workbook is tested with.
SWIFT_VERSION=6.3.1
# The Swift 6.x Release Signing Key's fingerprint, as swiftlang/swift-docker pins it for 6.x.
SWIFT_SIGNING_KEY=52BB7E3DE28A71BE22EC05FFEF80A866B47A981F
KEYS_URL=https://swift.org/keys/all-keys.asc

fail() {
  echo "setup.sh: $*" >&2
  exit 1
}

dry_run=0
case "$*" in
  --dry-run) dry_run=1 ;;
  "") ;;
  *) fail "usage: setup.sh [--dry-run]" ;;
esac

# Prints a command in a dry run; runs it otherwise.
run() {
  if ((dry_run)); then echo "+ $*"; else "$@"; fi
}

# Exports a variable for the commands that follow; a dry run prints it too.
use() {
  export "$1=$2"
  if ((dry_run)); then echo "+ export $1=$2"; fi
}

root="${AUTOGRADER_ROOT:-/autograder}"
workbook="$root/source/workbook"
os_release="${OS_RELEASE_FILE:-/etc/os-release}"
[ -r "$os_release" ] || fail "cannot read $os_release"
os_id=$(. "$os_release" && echo "${ID:-}")
os_version=$(. "$os_release" && echo "${VERSION_ID:-}")

# The dependencies swift.org lists for each Ubuntu release (swift.org/install/linux).
case "$os_id $os_version" in
  "ubuntu 22.04")
    packages=(binutils git gnupg2 libc6-dev libcurl4-openssl-dev libedit2 libgcc-11-dev
      libpython3-dev libsqlite3-0 libstdc++-11-dev libxml2-dev libz3-dev pkg-config
      python3-lldb-13 tzdata zip unzip zlib1g-dev) ;;
  "ubuntu 24.04")
    packages=(binutils git gnupg2 libc6-dev libcurl4-openssl-dev libedit2 libgcc-13-dev
      libncurses-dev libpython3-dev libsqlite3-0 libstdc++-13-dev libxml2-dev libz3-dev
      pkg-config tzdata zip unzip zlib1g-dev) ;;
  *) fail "unsupported OS release: ID=${os_id:-?} VERSION_ID=${os_version:-?} (from $os_release);" \
    "Swift $SWIFT_VERSION is installed here on Ubuntu 22.04 or 24.04 only" ;;
esac
# What this script itself needs to download over HTTPS.
tools=(curl ca-certificates)

# swift.org's names for the platform and architecture, as in swift-docker's Dockerfiles.
platform="ubuntu$os_version"
case "$(uname -m)" in
  x86_64) arch="" ;;
  aarch64 | arm64) arch="-aarch64" ;;
  *) fail "unsupported architecture: $(uname -m)" ;;
esac
release="swift-$SWIFT_VERSION-RELEASE"
tarball_url="https://download.swift.org/swift-$SWIFT_VERSION-release/${platform//./}$arch/$release"
tarball_url+="/$release-$platform$arch.tar.gz"
signature_url="$tarball_url.sig"
toolchain="/opt/$release"

if ((dry_run)); then
  echo "Dry run: nothing is installed, fetched or changed."
  echo "OS release: $os_id $os_version (from $os_release)"
  echo "apt packages: ${packages[*]} ${tools[*]}"
  echo "Swift $SWIFT_VERSION toolchain: $tarball_url"
  echo "signature: $signature_url"
  echo "keys: $KEYS_URL"
  echo "signing key fingerprint: $SWIFT_SIGNING_KEY"
  echo "toolchain folder: $toolchain (its usr/bin linked into /usr/local/bin)"
  echo "workbook: $workbook"
  echo "commands:"
fi

# Non-interactive, so that tzdata does not ask for a time zone.
use DEBIAN_FRONTEND noninteractive
run apt-get update
run apt-get install -y --no-install-recommends "${packages[@]}" "${tools[@]}"

# The downloads and the keyring live in a temporary folder, removed on exit.
if ((dry_run)); then
  work='$work'
  echo "+ work=\$(mktemp -d)"
else
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
fi
run curl -fsSL --retry 3 -o "$work/swift.tar.gz" "$tarball_url"
run curl -fsSL --retry 3 -o "$work/swift.tar.gz.sig" "$signature_url"
run curl -fsSL --retry 3 -o "$work/all-keys.asc" "$KEYS_URL"

# Verify with swift.org's keys alone, in a keyring of this run's own.
use GNUPGHOME "$work/gnupg"
run mkdir -m 700 "$GNUPGHOME"
run gpg --batch --quiet --import "$work/all-keys.asc"
# The key that signs 6.x releases must be among them, under its pinned fingerprint.
run gpg --batch --list-keys "$SWIFT_SIGNING_KEY" \
  || fail "$KEYS_URL lacks the key $SWIFT_SIGNING_KEY"
# A good signature (gpg fails on a bad one) made by that key and no other.
if ((dry_run)); then
  echo "+ gpg --batch --status-fd 1 --verify $work/swift.tar.gz.sig $work/swift.tar.gz"
  echo "  (its VALIDSIG line must name the primary key $SWIFT_SIGNING_KEY)"
else
  verdict=$(gpg --batch --status-fd 1 --verify "$work/swift.tar.gz.sig" "$work/swift.tar.gz") \
    || fail "the signature of $tarball_url does not verify"
  signer=$(awk '$2 == "VALIDSIG" { print $12 }' <<<"$verdict")
  [ "$signer" = "$SWIFT_SIGNING_KEY" ] \
    || fail "$tarball_url is signed by ${signer:-no known key}, not $SWIFT_SIGNING_KEY"
fi

# Install the toolchain in its own folder and put its commands on the PATH.
run mkdir -p "$toolchain"
run tar -xzf "$work/swift.tar.gz" -C "$toolchain" --strip-components=1
run ln -sf "$toolchain/usr/bin/"* /usr/local/bin/
run swift --version

# Build the workbook and its tests once, so a submission rebuilds only the learner's module.
run cd "$workbook"
run swift build --build-tests

# Prepare the class-grading cache: grade the workbook's own learner files as a one-student class.
class="$work/class"
grades="$work/grades"
run mkdir -p "$class/self"
run cp -R "$workbook/Exercises" "$class/self/Exercises"
# Status 1 is expected (the stubs fail); 2 or more is an error.
if ((dry_run)); then
  echo "+ swift run grade --batch $class --out $grades  (status 0 or 1)"
else
  status=0
  swift run grade --batch "$class" --out "$grades" || status=$?
  ((status <= 1)) || fail "grade --batch on the workbook's own files exited with status $status"
fi
run rm -rf "$class" "$grades"
