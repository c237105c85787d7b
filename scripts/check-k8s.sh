#!/usr/bin/env bash
# Checks the Kubernetes delivery without a cluster, Docker or GraalVM:
#   1. helm lint --strict with the default values and every helm/master-worker/ci/*.yaml
#   2. helm template of each into target/k8s-render/<name>.yaml (read by deploy-tests, which
#      parses every document strictly with fabric8's model and checks the wiring)
#   3. schema and template checks: each helm/invalid-values/*.yaml must fail to render, with
#      the message its "# expect:" line names
#   4. k8s/ drift: k8s/ must equal a fresh scripts/render-k8s.sh
#   5. actionlint on .github/workflows/*.yml; bash -n on scripts/*.sh
# Needs helm and actionlint (scripts/install-helm.sh puts them into .tools/bin).
# Prints "N passed, M failed" and exits non-zero when anything failed.
set -uo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.." || exit 2
export PATH="$PWD/.tools/bin:$PATH"
CHART=helm/master-worker
RELEASE=master-worker
OUT=target/k8s-render

for tool in helm actionlint; do
  command -v "$tool" >/dev/null 2>&1 || { echo "check-k8s: $tool not found: run scripts/install-helm.sh" >&2; exit 2; }
done

passed=0
failed=0
ok() { passed=$((passed + 1)); echo "  ok    $*"; }
ko() { failed=$((failed + 1)); echo "  FAIL  $*"; }
log="$(mktemp)"
trap 'rm -f "$log"; rm -rf "${drift_dir:-}"' EXIT

echo "check-k8s: $(helm version --short) on $CHART"

echo "== helm lint --strict"
for values in "" "$CHART"/ci/*.yaml; do
  name="${values:-defaults}"
  if helm lint --strict "$CHART" ${values:+-f "$values"} >"$log" 2>&1; then
    ok "lint $name"
  else
    ko "lint $name"; sed 's/^/        /' "$log"
  fi
done

echo "== helm template -> $OUT/"
rm -rf "$OUT"
mkdir -p "$OUT"
: >"$OUT/counts.txt"
for values in "" "$CHART"/ci/*.yaml; do
  if [[ -z "$values" ]]; then name=default; else name="$(basename "$values" .yaml)"; fi
  if helm template "$RELEASE" "$CHART" --namespace default ${values:+-f "$values"} >"$OUT/$name.yaml" 2>"$log"; then
    kinds="$(grep '^kind:' "$OUT/$name.yaml" | awk '{print $2}' | sort | uniq -c | awk '{printf "%s%s %s", sep, $1, $2; sep=", "}')"
    total="$(grep -c '^kind:' "$OUT/$name.yaml")"
    echo "$name: $total objects ($kinds)" >>"$OUT/counts.txt"
    ok "template $name: $total objects ($kinds)"
  else
    ko "template $name"; sed 's/^/        /' "$log"
  fi
done

echo "== values that must be rejected (helm/invalid-values/)"
for values in helm/invalid-values/*.yaml; do
  expect="$(sed -n '1s/^# expect: //p' "$values")"
  if [[ -z "$expect" ]]; then
    ko "$values has no '# expect: <message>' first line"; continue
  fi
  if helm template "$RELEASE" "$CHART" -f "$values" >/dev/null 2>"$log"; then
    ko "$values rendered, but must fail with: $expect"
  elif grep -qF -- "$expect" "$log"; then
    ok "rejects $(basename "$values"): $(grep -F -- "$expect" "$log" | head -1 | sed 's/^[- ]*//' | cut -c1-110)"
  else
    ko "$values failed, but without '$expect':"; sed 's/^/        /' "$log"
  fi
done

echo "== k8s/ drift"
drift_dir="$(mktemp -d)"
if scripts/render-k8s.sh "$drift_dir" >"$log" 2>&1; then
  if diff -ru --exclude=README.md k8s "$drift_dir" >"$log" 2>&1; then
    ok "k8s/ matches the chart ($(cat k8s/*.yaml | grep -c '^kind:') objects)"
  else
    ko "k8s/ differs from the chart: run scripts/render-k8s.sh"; head -40 "$log" | sed 's/^/        /'
  fi
else
  ko "scripts/render-k8s.sh failed"; sed 's/^/        /' "$log"
fi

echo "== workflows and scripts"
for wf in .github/workflows/*.yml; do
  if actionlint "$wf" >"$log" 2>&1; then
    ok "actionlint $wf"
  else
    ko "actionlint $wf"; sed 's/^/        /' "$log"
  fi
done
for script in scripts/*.sh; do
  if bash -n "$script" 2>"$log"; then ok "bash -n $script"; else ko "bash -n $script"; sed 's/^/        /' "$log"; fi
done
if command -v shellcheck >/dev/null 2>&1; then
  k8s_scripts=(scripts/install-helm.sh scripts/check-k8s.sh scripts/render-k8s.sh scripts/ci-k8s.sh
    scripts/kind-up.sh scripts/kind-e2e-queries.sh scripts/docker-smoke.sh)
  if shellcheck "${k8s_scripts[@]}" >"$log" 2>&1; then ok "shellcheck ${#k8s_scripts[@]} scripts"; else ko "shellcheck"; sed 's/^/        /' "$log"; fi
else
  echo "  (shellcheck not installed: skipped)"
fi

echo "check-k8s: rendered object counts"
sed 's/^/  /' "$OUT/counts.txt"
echo "check-k8s: $passed passed, $failed failed"
((failed == 0))
