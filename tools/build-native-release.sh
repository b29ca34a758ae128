#!/usr/bin/env bash
# The release binaries of @prismind/native-core, each put into its platform package
# (packages/native-core/npm/<triple>) by `napi artifacts`. With no argument, the two this Linux x64
# machine can make; the release workflow (.github/workflows/release.yml) passes one target per runner.
#   pnpm --filter @prismind/native-core run build:release [rust target triple ...]
# Linux glibc targets link against glibc 2.17 (cargo-zigbuild's `<triple>.2.17`), so the binary
# loads on every distribution since CentOS 7; Linux targets cross-compile with zig, installed from
# PyPI (ziglang) when it is not on PATH, and cargo-zigbuild from crates.io. macOS and Windows
# targets build with their own host's toolchain.
set -euo pipefail
cd "$(dirname "$0")/../packages/native-core"

ZIGLANG_VERSION=0.17.1
CARGO_ZIGBUILD_VERSION=0.24.1
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(x86_64-unknown-linux-gnu x86_64-unknown-linux-musl)

ensure_zig() {
  command -v zig >/dev/null && return
  local dir="${XDG_CACHE_HOME:-$HOME/.cache}/prismind/ziglang-$ZIGLANG_VERSION"
  [ -x "$dir/ziglang/zig" ] || python3 -m pip install --quiet --target "$dir" "ziglang==$ZIGLANG_VERSION"
  mkdir -p "$dir/bin"
  ln -sf "$dir/ziglang/zig" "$dir/bin/zig"
  export PATH="$dir/bin:$PATH"
}

ensure_zigbuild() {
  command -v cargo-zigbuild >/dev/null ||
    cargo install --locked "cargo-zigbuild@$CARGO_ZIGBUILD_VERSION"
}

rm -rf artifacts
for target in "${targets[@]}"; do
  command -v rustup >/dev/null && rustup target add "$target"
  spec=$target
  cross=()
  case "$target" in
    *-linux-gnu*) spec="$target.2.17"; cross=(--cross-compile) ;;
    *-linux-musl*) cross=(--cross-compile) ;;
  esac
  if [ ${#cross[@]} -gt 0 ]; then ensure_zig; ensure_zigbuild; fi
  napi build --platform --release --target "$spec" "${cross[@]}" \
    --manifest-path ../../crates/prismind-napi/Cargo.toml --output-dir artifacts --no-js \
    --dts index.d.cts
done
# `napi artifacts` wants a binary for every target of package.json (what the release's publish job
# checks); here it gets a config naming only the targets just built.
built=$(printf '"%s",' "${targets[@]%%.*}")
printf '{"binaryName":"prismind","targets":[%s]}\n' "${built%,}" >artifacts/napi-built.json
napi artifacts --config-path artifacts/napi-built.json --output-dir artifacts --npm-dir npm
# It also copies each binary to the package root, napi's default place for a local build; this
# package's loader (binding/index.cjs) never looks there, so they go.
rm -f prismind.*.node

for binary in npm/linux-*-gnu/*.node; do
  [ -e "$binary" ] || continue
  # readelf reads the symbol versions of any architecture's ELF file (objdump may not).
  glibc=$(readelf -W --version-info "$binary" | grep -o 'GLIBC_[0-9.]*' | sort -uV | tail -1)
  echo "$binary needs $glibc"
done
