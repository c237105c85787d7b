#!/usr/bin/env bash
# Queries an installed release through `kubectl port-forward`, deletes one worker pod of the
# group with the most replicas and checks that queries are still answered in full while it is
# replaced, then runs `helm test` again. Used by .github/workflows/kind-e2e.yml after
# scripts/kind-up.sh; works against any cluster kubectl points at.
#
# Usage: scripts/kind-e2e-queries.sh [RELEASE] [NAMESPACE]   (default: master-worker default)
set -euo pipefail

release="${1:-master-worker}"
namespace="${2:-default}"
port="${MW_E2E_PORT:-18080}"
k() { kubectl --namespace "$namespace" "$@"; }
fail() {
  echo "kind-e2e-queries: FAIL: $*" >&2
  exit 1
}

service="$(k get service -l "app.kubernetes.io/instance=$release,app.kubernetes.io/component=master" \
  -o jsonpath='{range .items[?(@.spec.clusterIP!="None")]}{.metadata.name}{end}')"
[[ -n "$service" ]] || fail "no master Service of release $release"
service_port="$(k get service "$service" -o jsonpath='{.spec.ports[0].port}')"

k port-forward "service/$service" "$port:$service_port" >/tmp/port-forward.log 2>&1 &
pf=$!
trap 'kill "$pf" 2>/dev/null || true' EXIT
base="http://127.0.0.1:$port"
for _ in $(seq 1 30); do
  curl -fsS "$base/q/health/ready" >/dev/null 2>&1 && break
  sleep 1
done
curl -fsS "$base/q/health/ready" >/dev/null || fail "the master does not answer through the port-forward"

count() { grep -oF -- "$2" <<<"$1" | wc -l | tr -d ' '; }

# expect_query PATH TEXT COUNT: GET PATH answers 200 with TEXT exactly COUNT times and not partial.
expect_query() {
  local body
  body="$(curl -fsS --max-time 10 "$base$1")" || fail "GET $1 did not answer 200"
  [[ "$(count "$body" "$2")" == "$3" ]] || fail "GET $1: want $3 x $2, got: $body"
  [[ "$(count "$body" '"partial":false')" == 1 ]] || fail "GET $1 answered partially: $body"
}

echo "== queries through port-forward ($service)"
expect_query '/api/records?name=alice' '"name":"alice"' 1
expect_query '/api/records?location=Kansas%20City' '"location":"Kansas City"' 6
curl -fsS "$base/api/groups"; echo
curl -fsS "$base/api/workers"; echo

statefulset="$(k get statefulset -l "app.kubernetes.io/instance=$release,app.kubernetes.io/component=worker" \
  -o jsonpath='{range .items[*]}{.spec.replicas}{" "}{.metadata.name}{"\n"}{end}' | sort -rn | head -1 | awk '{print $2}')"
replicas="$(k get statefulset "$statefulset" -o jsonpath='{.spec.replicas}')"
((replicas > 1)) || fail "no worker group with two or more replicas to delete a pod from"
victim="$statefulset-0"

echo "== delete pod $victim (group of $replicas replicas); scatter queries must stay complete"
k delete pod "$victim" --wait=false
deadline=$((SECONDS + 30))
answered=0
while ((SECONDS < deadline)); do
  expect_query '/api/records?location=Kansas%20City' '"location":"Kansas City"' 6
  answered=$((answered + 1))
  sleep 0.5
done
echo "$answered complete answers while $victim was replaced"

k rollout status "statefulset/$statefulset" --timeout=3m
expect_query '/api/records?name=alice' '"name":"alice"' 1
expect_query '/api/records?location=Kansas%20City' '"location":"Kansas City"' 6

echo "== helm test after the pod was replaced"
helm test "$release" --namespace "$namespace" --logs --timeout 3m
echo "kind-e2e-queries: all queries answered"
