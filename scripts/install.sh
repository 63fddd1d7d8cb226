#!/bin/sh
# Install ketluan's prebuilt binary for this machine, after checking its SHA-256.
#
#   curl -fsSL https://github.com/your-org/ketluan/releases/latest/download/install.sh | sh
#
# Settings (environment):
#   KETLUAN_VERSION      a release tag (v0.2.0); default: the latest release
#   KETLUAN_INSTALL_DIR  where ketluan goes; default: ~/.local/bin
#   KETLUAN_DOWNLOAD_URL the folder holding the release's files (a mirror, or a
#                        file:// folder); default: the GitHub release of the version
# The release workflow (.github/workflows/release.yml) writes the real repository in
# place of your-org/ketluan in the copy it publishes.
set -eu

repo="your-org/ketluan"
version="${KETLUAN_VERSION:-latest}"
dir="${KETLUAN_INSTALL_DIR:-$HOME/.local/bin}"

fail() {
  echo "ketluan install: $*" >&2
  exit 1
}

case "$(uname -s)" in
  Linux) os=unknown-linux-musl ;;
  Darwin) os=apple-darwin ;;
  *) fail "no prebuilt binary for $(uname -s); on Windows use install.ps1, elsewhere: cargo install --locked --git https://github.com/$repo ketluan" ;;
esac
case "$(uname -m)" in
  x86_64 | amd64) arch=x86_64 ;;
  aarch64 | arm64) arch=aarch64 ;;
  *) fail "no prebuilt binary for $(uname -m); build it: cargo install --locked --git https://github.com/$repo ketluan" ;;
esac
target="$arch-$os"
archive="ketluan-$target.tar.gz"

if [ -n "${KETLUAN_DOWNLOAD_URL:-}" ]; then
  base="$KETLUAN_DOWNLOAD_URL"
elif [ "$version" = latest ]; then
  base="https://github.com/$repo/releases/latest/download"
else
  base="https://github.com/$repo/releases/download/$version"
fi

fetch() {
  if command -v curl >/dev/null 2>&1; then
    curl --proto '=https,file' -fsSL "$1" -o "$2"
  elif command -v wget >/dev/null 2>&1; then
    wget -q "$1" -O "$2"
  else
    fail "neither curl nor wget is installed"
  fi
}

sha256() {
  if command -v sha256sum >/dev/null 2>&1; then
    sha256sum "$1" | cut -d' ' -f1
  elif command -v shasum >/dev/null 2>&1; then
    shasum -a 256 "$1" | cut -d' ' -f1
  else
    fail "neither sha256sum nor shasum is installed to verify the download"
  fi
}

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT INT TERM

echo "Downloading $archive ($version)…"
fetch "$base/$archive" "$tmp/$archive" || fail "cannot download $base/$archive"
fetch "$base/$archive.sha256" "$tmp/$archive.sha256" || fail "cannot download $base/$archive.sha256"

expected="$(cut -d' ' -f1 < "$tmp/$archive.sha256")"
actual="$(sha256 "$tmp/$archive")"
[ -n "$expected" ] && [ "$expected" = "$actual" ] ||
  fail "checksum mismatch for $archive (expected $expected, got $actual): nothing installed"

tar -xzf "$tmp/$archive" -C "$tmp"
[ -f "$tmp/ketluan-$target/ketluan" ] || fail "$archive holds no ketluan-$target/ketluan"
mkdir -p "$dir"
# Copied beside, then renamed: a running ketluan is never half overwritten.
cp "$tmp/ketluan-$target/ketluan" "$dir/.ketluan.new"
chmod 755 "$dir/.ketluan.new"
mv -f "$dir/.ketluan.new" "$dir/ketluan"
echo "Installed $("$dir/ketluan" --version | head -n 1) to $dir/ketluan"
case ":$PATH:" in
  *":$dir:"*) ;;
  *) echo "Add $dir to your PATH, e.g.: echo 'export PATH=\"$dir:\$PATH\"' >> ~/.profile" ;;
esac
