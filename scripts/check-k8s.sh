#!/usr/bin/env bash
# Checks the Kubernetes delivery without a cluster, Docker or GraalVM:
#   1. helm lint --strict with the default values and every helm/master-worker/ci/*.yaml
#   2. helm template of each into target/k8s-render/<name>.yaml (read by deploy-tests, which
#      parses every document strictly with fabric8's model and checks the wiring)
#   3. schema and template checks: each helm/invalid-values/*.yaml must fail to render, with
#      the message its "# expect:" line names
#   4. k8s/ drift: k8s/ must equal a fresh scripts/render-k8s.sh
#   5. actionlint on .github/workflows/*.yml; bash -n on scripts/*.sh
#   6. scripts/kind-up.sh stays runnable on a laptop: no bash-4-only constructs (macOS has bash
#      3.2), every array that starts empty expanded with the ${a[@]+"${a[@]}"} guard, its
#      argument parsing run with and without values files under bash -u (--print-plan), a new
#      image tag per build passed to Helm, and the test image preload best effort
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
# indent: a failure's details, under its line
indent() { sed 's/^/        /'; }
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
unpinned="$(grep -nE '^\s*(- )?uses:' .github/workflows/*.yml | grep -vE 'uses: [A-Za-z0-9_.-]+/[A-Za-z0-9_./-]+@[0-9a-f]{40} # v[0-9]+\.[0-9]+\.[0-9]+$' || true)"
if [[ -z "$unpinned" ]]; then
  ok "every action pinned by full commit SHA with a '# vX.Y.Z' comment ($(grep -chE '^\s*(- )?uses:' .github/workflows/*.yml | paste -sd+ | awk -F+ '{for (i = 1; i <= NF; i++) n += $i} END {print n}') uses)"
else
  ko "actions not pinned by SHA with a version comment:"; indent <<<"$unpinned"
fi
# release.yml pushes the images the chart defaults to: ghcr.io/<owner>/master-worker/{master,worker}.
release_ok=1
for component in master worker; do
  grep -qF "ghcr.io/\$owner/master-worker/$component:\$version" .github/workflows/release.yml || release_ok=0
  [[ "$(awk -v c="$component:" '$1 == c {s = 1} s && $1 == "registry:" {print $2; exit}' "$CHART/values.yaml")" == ghcr.io ]] || release_ok=0
  grep -qE "^    repository: [a-z0-9-]+/master-worker/$component$" "$CHART/values.yaml" || release_ok=0
done
grep -q 'platforms: linux/amd64,linux/arm64' .github/workflows/release.yml || release_ok=0
grep -q 'helm push .*oci://ghcr.io/' .github/workflows/release.yml || release_ok=0
if ((release_ok)); then
  ok "release.yml pushes multi-arch ghcr.io/<owner>/master-worker/{master,worker} (the chart's defaults) and the chart to oci://ghcr.io/<owner>/charts"
else
  ko "release.yml and the chart's default images disagree (ghcr.io/<owner>/master-worker/{master,worker}, multi-arch, helm push oci://)"
fi
for script in scripts/*.sh; do
  if bash -n "$script" 2>"$log"; then ok "bash -n $script"; else ko "bash -n $script"; sed 's/^/        /' "$log"; fi
done
echo "== scripts/kind-up.sh on a laptop (bash 3.2, set -u)"
laptop_scripts=(scripts/kind-up.sh)
for script in "${laptop_scripts[@]}"; do
  # declare -A/-n, case conversion ${x,,} ${x^^}, mapfile/readarray, |&, &>>, coproc, ${x@Q}: bash 4+
  if grep -nE 'declare -[aA-Za-z]*[An]|local -[A-Za-z]*[An]|\$\{[#!]?[A-Za-z_][A-Za-z0-9_]*(\[[^]]*\])?(,,?|\^\^?)|\bmapfile\b|\breadarray\b|\|&|&>>|\bcoproc\b|\$\{[A-Za-z_][A-Za-z0-9_]*@[QEPAa]\}' "$script" \
    | grep -v '^[0-9]*: *#' >"$log"; then
    ko "$script uses bash-4-only constructs (macOS ships bash 3.2):"; sed 's/^/        /' "$log"
  else
    ok "$script: no bash-4-only constructs"
  fi
  unguarded=""
  # array names are single words; the pattern's ${...[@]} is grep's text, not an expansion
  # shellcheck disable=SC2013,SC1087
  for array in $(sed -n 's/^ *\([A-Za-z_][A-Za-z0-9_]*\)=()$/\1/p' "$script"); do
    if grep -n "\"\${$array\[@\]}\"" "$script" | grep -vF "\${$array[@]+" >>"$log.arrays"; then
      unguarded="$unguarded $array"
    fi
  done
  if [[ -z "$unguarded" ]]; then
    ok "$script: arrays that start empty are expanded with the \${a[@]+\"\${a[@]}\"} guard"
  else
    ko "$script: unguarded expansion of possibly empty array(s)$unguarded (unbound under set -u in bash < 4.4):"
    sed 's/^/        /' "$log.arrays"
  fi
  rm -f "$log.arrays"
done
if plan="$(bash -u scripts/kind-up.sh --print-plan --no-port-forward 2>&1)" \
  && grep -q 'helm upgrade --install master-worker helm/master-worker' <<<"$plan" \
  && ! grep -q ' -f ' <<<"$plan"; then
  ok "kind-up.sh --print-plan without values files under bash -u"
else
  ko "kind-up.sh --print-plan without values files under bash -u:"; indent <<<"$plan"
fi
if plan="$(bash -u scripts/kind-up.sh --print-plan -f "$CHART/ci/04-ha-values.yaml" --skip-build --tag t-1 2>&1)" \
  && grep -qF -- "-f $CHART/ci/04-ha-values.yaml" <<<"$plan" \
  && grep -qF -- "--set-string master.image.tag=t-1" <<<"$plan" \
  && grep -qF -- "--set-string worker.image.tag=t-1" <<<"$plan" \
  && grep -qF -- "--set-string worker.image.repository=mw/worker" <<<"$plan"; then
  ok "kind-up.sh --print-plan with a values file and --tag: the tag goes to master.image.tag and worker.image.tag"
else
  ko "kind-up.sh --print-plan -f ... --skip-build --tag t-1:"; indent <<<"$plan"
fi
if plan="$(bash -u scripts/kind-up.sh --print-plan 2>&1)" \
  && grep -qE "images: +mw/master:$(sed -n 's/^appVersion: *"\{0,1\}\([^"]*\)"\{0,1\}$/\1/p' "$CHART/Chart.yaml")-([0-9a-f]{7,}(-dirty-[0-9]{14})?|[0-9]{14}) " <<<"$plan"; then
  ok "kind-up.sh tags a build <appVersion>-<git sha>[-dirty-<timestamp>]: $(sed -n 's/^images: *//p' <<<"$plan" | cut -d' ' -f1)"
else
  ko "kind-up.sh build tag is not <appVersion>-<sha>[-dirty-<timestamp>]:"; indent <<<"$plan"
fi
# The test image preload must not abort the run (kind load fails on Docker's containerd image
# store, kubernetes-sigs/kind#3795): the only `kind load` of it sits in an if condition.
if grep -n 'kind load docker-image.*test_image' scripts/kind-up.sh | grep -q '&& kind load' \
  && [[ "$(grep -c 'kind load docker-image.*test_image' scripts/kind-up.sh)" == 1 ]]; then
  ok "kind-up.sh preloads the test image best effort"
else
  ko "kind-up.sh: the test image's kind load must be a condition (best effort), not a step that aborts"
fi
if grep -qE '\.tools/bin|install-helm\.sh' <(grep -v '^ *#' scripts/kind-up.sh); then
  ko "kind-up.sh must use the user's own kind, helm and kubectl, not .tools/bin (Linux/amd64 only)"
else
  ok "kind-up.sh uses the user's own kind, helm and kubectl"
fi

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
