#!/usr/bin/env bash
# One entry point for a fresh clone: installs what the workspace needs (pnpm through corepack,
# the npm packages, the Rust toolchain's crates), builds everything, then runs a job.
#   bash tools/dev.sh train   # set up, then a short training run with the default settings
#   bash tools/dev.sh test    # set up, then every test (Rust and TypeScript)
#   bash tools/dev.sh bench   # set up, then the benchmark JSON
set -euo pipefail
cd "$(dirname "$0")/.."

# Corepack's bundled signing keys lag behind the npm registry's; the version is pinned by
# packageManager and the tarball comes from the configured npm registry.
export COREPACK_ENABLE_DOWNLOAD_PROMPT=0
export COREPACK_INTEGRITY_KEYS=0
# turbo calls `pnpm` by name, so put a corepack-backed shim on PATH (no global install needed).
shim_dir="$(mktemp -d)"
trap 'rm -rf "$shim_dir"' EXIT
printf '#!/usr/bin/env bash\nexec corepack pnpm "$@"\n' > "$shim_dir/pnpm"
chmod +x "$shim_dir/pnpm"
export PATH="$shim_dir:$PATH"

setup() {
  command -v cargo >/dev/null || { echo "cargo not found: install Rust (rustup) first" >&2; exit 1; }
  pnpm install --frozen-lockfile --reporter=append-only
  pnpm run build
}

# actionlint checks .github/workflows; it comes from the Go module proxy (a minute the first time,
# cached after). Without Go, or when it cannot be installed, it is skipped, saying so: the workflows
# run only on a hosted CI anyway. A workflow it finds wrong fails the job.
ACTIONLINT_VERSION=v1.7.12
lint_workflows() {
  if ! command -v go >/dev/null; then
    echo "actionlint skipped: no Go toolchain to install it with" >&2
    return
  fi
  local bin
  bin="$(go env GOPATH)/bin/actionlint"
  if [ ! -x "$bin" ] || [ "$("$bin" -version | head -1)" != "$ACTIONLINT_VERSION" ]; then
    go install "github.com/rhysd/actionlint/cmd/actionlint@$ACTIONLINT_VERSION" || {
      echo "actionlint skipped: go install failed (is the Go module proxy reachable?)" >&2
      return
    }
  fi
  "$bin"
  echo "actionlint $ACTIONLINT_VERSION: the workflows in .github/workflows are clean"
}

# The dashboard's end-to-end tests drive Debian's Chromium through playwright-core, which downloads
# no browser of its own (packages/dashboard/README.md).
install_chromium() {
  command -v chromium >/dev/null && return
  local sudo=''
  [ "$(id -u)" -eq 0 ] || sudo='sudo'
  $sudo apt-get update && $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y chromium
}

job=${1:-test}
shift || true
case "$job" in
  setup) setup ;;
  train)
    setup
    # A short run with the embedded defaults (prismind-cli train --help lists them).
    run_dir="runs/quickstart-$(date +%Y%m%d-%H%M%S)"
    node packages/cli/dist/bin.js train --run-dir "$run_dir" "$@"
    echo "run directory: $run_dir"
    ls -R "$run_dir"
    ;;
  test)
    setup
    install_chromium
    node tools/gen-patterns.mjs --check
    pnpm run lint
    pnpm run check:packages
    pnpm run typecheck
    cargo test --workspace --release
    pnpm run test
    # Every package's benchmark still runs to its JSON (the checkpoint one on a 1M-element state);
    # the figures are not judged here: they are `pnpm bench`'s, on a quiet machine.
    ELEMENTS=1000000 node tools/bench.mjs > /dev/null
    lint_workflows
    node tools/consumer-smoke.mjs
    ;;
  bench) setup; pnpm run bench ;;
  *) echo "usage: bash tools/dev.sh train|test|bench|setup" >&2; exit 2 ;;
esac
