#!/usr/bin/env bash
# From nothing to curl answers on kind: creates a kind cluster (unless it exists), packages both
# services, builds their JVM images, loads them into the cluster, installs the Helm chart and
# waits for it, runs `helm test`, then port-forwards the master and prints curl commands.
#
# Usage: scripts/kind-up.sh [options]
#   --cluster NAME       kind cluster name (default: master-worker)
#   --release NAME       Helm release name (default: master-worker)
#   --namespace NS       namespace (default: default)
#   -f, --values FILE    extra values file for the chart (repeatable), e.g. helm/master-worker/ci/02-three-groups-values.yaml
#   --skip-build         use the images already built (mw/master:TAG, mw/worker:TAG)
#   --no-port-forward    stop after `helm test` (CI); print the port-forward command instead
#   --port PORT          local port of the port-forward (default: 8080)
#
# Needs: docker (a running engine), kind, a JDK 17; helm and kubectl are installed into .tools/bin
# by scripts/install-helm.sh when missing. Remove everything with: kind delete cluster --name NAME
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT="$PWD"

cluster=master-worker
release=master-worker
namespace=default
values=()
build=1
port_forward=1
port=8080

fail() {
  echo "kind-up: $*" >&2
  exit 1
}
step() {
  echo
  echo "==> $*"
}

while (($#)); do
  case "$1" in
    --cluster) cluster="${2:?--cluster needs a name}"; shift 2 ;;
    --release) release="${2:?--release needs a name}"; shift 2 ;;
    --namespace) namespace="${2:?--namespace needs a name}"; shift 2 ;;
    -f | --values) values+=(-f "${2:?--values needs a file}"); shift 2 ;;
    --skip-build) build=0; shift ;;
    --no-port-forward) port_forward=0; shift ;;
    --port) port="${2:?--port needs a number}"; shift 2 ;;
    -h | --help) sed -n '2,18s/^# \{0,1\}//p' "$0"; exit 0 ;;
    *) fail "unknown option: $1 (see --help)" ;;
  esac
done

command -v docker >/dev/null 2>&1 || fail "docker not found: install Docker (kind runs its nodes as containers)"
docker info >/dev/null 2>&1 || fail "the Docker engine does not answer: start it (docker info)"
command -v kind >/dev/null 2>&1 \
  || fail "kind not found: install it, e.g. 'go install sigs.k8s.io/kind@v0.29.0' (see the kind quick start)"
if ! command -v helm >/dev/null 2>&1 || ! command -v kubectl >/dev/null 2>&1; then
  scripts/install-helm.sh
  export PATH="$ROOT/.tools/bin:$PATH"
fi

tag="$(sed -n 's/^appVersion: *"\{0,1\}\([^"]*\)"\{0,1\}$/\1/p' helm/master-worker/Chart.yaml)"
master_image="mw/master:$tag"
worker_image="mw/worker:$tag"
test_image="$(awk '/^tests:/{t=1} t&&/registry:/{r=$2} t&&/repository:/{p=$2} t&&/tag:/{gsub(/"/,"",$2); print r"/"p":"$2; exit}' helm/master-worker/values.yaml)"

step "kind cluster '$cluster'"
if kind get clusters 2>/dev/null | grep -qx "$cluster"; then
  echo "exists"
else
  kind create cluster --name "$cluster" --wait 120s
fi
kubectl config use-context "kind-$cluster" >/dev/null

if ((build)); then
  step "package master and worker (./mvnw package)"
  ./mvnw -B -ntp package -DskipTests -pl master,worker -am
  step "docker build $master_image and $worker_image (context: the repository root)"
  docker build -f master/src/main/docker/Dockerfile.jvm -t "$master_image" .
  docker build -f worker/src/main/docker/Dockerfile.jvm -t "$worker_image" .
fi

step "kind load the images"
kind load docker-image --name "$cluster" "$master_image" "$worker_image"
if docker image inspect "$test_image" >/dev/null 2>&1 || docker pull -q "$test_image" >/dev/null 2>&1; then
  kind load docker-image --name "$cluster" "$test_image"
else
  echo "could not pull $test_image here; the cluster pulls it for helm test"
fi

step "helm upgrade --install $release (waits until every pod is ready)"
helm upgrade --install "$release" helm/master-worker --namespace "$namespace" --create-namespace \
  "${values[@]}" --wait --timeout 5m

step "helm test $release"
helm test "$release" --namespace "$namespace" --logs --timeout 3m

service="$(kubectl --namespace "$namespace" get service \
  -l "app.kubernetes.io/instance=$release,app.kubernetes.io/component=master" \
  -o jsonpath='{range .items[?(@.spec.clusterIP!="None")]}{.metadata.name}{end}')"
[[ -n "$service" ]] || fail "no master Service found for release $release"
service_port="$(kubectl --namespace "$namespace" get service "$service" -o jsonpath='{.spec.ports[0].port}')"

cat <<MSG

master-worker is up on kind cluster '$cluster'. Query it through the port-forward:
  curl -s 'http://localhost:$port/api/records?name=alice'
  curl -s 'http://localhost:$port/api/records?location=Kansas%20City'
  curl -s 'http://localhost:$port/api/records?location=Kansas%20City&year=2002'
  curl -s http://localhost:$port/api/groups
  curl -s http://localhost:$port/api/workers
Pods: kubectl --namespace $namespace get pods -l app.kubernetes.io/instance=$release
Remove: kind delete cluster --name $cluster
MSG

if ((port_forward)); then
  step "kubectl port-forward service/$service $port:$service_port (Ctrl-C to stop)"
  exec kubectl --namespace "$namespace" port-forward "service/$service" "$port:$service_port"
else
  echo "Port-forward: kubectl --namespace $namespace port-forward service/$service $port:$service_port"
fi
