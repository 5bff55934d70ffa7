#!/usr/bin/env bash
# Gradescope runs this once, when it builds the autograder's image: it installs Swift and builds
# the workbook (source/workbook), so each submission rebuilds only the learner's module.
set -euo pipefail
version="${SWIFT_VERSION:-6.0.3}"
apt-get update
apt-get install -y --no-install-recommends binutils git gnupg2 libc6-dev libcurl4-openssl-dev \
  libedit2 libgcc-13-dev libncurses-dev libpython3-dev libsqlite3-0 libstdc++-13-dev \
  libxml2-dev libz3-dev pkg-config tzdata unzip zlib1g-dev curl ca-certificates
. /etc/os-release
platform="ubuntu${VERSION_ID}"
url="https://download.swift.org/swift-${version}-release/${platform//./}/swift-${version}-RELEASE/swift-${version}-RELEASE-${platform}.tar.gz"
curl -fsSL "$url" | tar -xz -C /opt
ln -sf "/opt/swift-${version}-RELEASE-${platform}/usr/bin/"* /usr/local/bin/
cd /autograder/source/workbook
swift build --build-tests
