#!/usr/bin/env bash
# From nothing to curl answers on kind: creates a kind cluster (unless it exists), packages both
# services, builds their JVM images under a tag of their own, loads them into the cluster, installs
# the Helm chart with those images and waits for it, runs `helm test`, then keeps a port-forward to
# the master open in the foreground (Ctrl-C ends it) and prints curl commands.
#
# Usage: scripts/kind-up.sh [options]
#   --cluster NAME       kind cluster name (default: master-worker)
#   --release NAME       Helm release name (default: master-worker)
#   --namespace NS       namespace (default: default)
#   -f, --values FILE    extra values file for the chart (repeatable), e.g. helm/master-worker/ci/02-three-groups-values.yaml
#   --skip-build         deploy images built before: --tag, else the tag of the last build
#                        (target/kind-up/last-tag), else the newest local mw/master tag
#   --tag TAG            image tag to build (or, with --skip-build, to deploy); default
#                        <appVersion>-<git short sha>, plus -dirty-<UTC timestamp> for uncommitted changes
#   --no-port-forward    stop after `helm test` (CI); print the port-forward command instead
#   --port PORT          local port of the port-forward (default: 8080)
#   --print-plan         print what would run (tag, images, helm command) and exit
#
# Needs, on the PATH: docker (a running engine with about 4 GiB of memory), kind v0.23.0 or newer
# (its default node image is Kubernetes 1.30+, the chart's minimum), helm 3.14+ and kubectl, and a
# JDK 17 for the build. It uses your own tools only (never .tools/bin: scripts/install-helm.sh
# is CI's Linux/amd64 helper). `kind create cluster` switches kubectl's current context to
# kind-NAME. Runs under macOS's bash 3.2. Remove everything with: kind delete cluster --name NAME
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

cluster=master-worker
release=master-worker
namespace=default
values=()
build=1
port_forward=1
port=8080
tag=""
plan=0
TAG_FILE=target/kind-up/last-tag

fail() {
  echo "kind-up: $*" >&2
  exit 1
}
step() {
  echo
  echo "==> $*"
}
# need TOOL HOW: exits with install hints when TOOL is not on the PATH.
need() {
  command -v "$1" >/dev/null 2>&1 && return 0
  echo "kind-up: $1 not found on the PATH. Install it:" >&2
  local line
  while IFS= read -r line; do echo "  $line" >&2; done <<<"$2"
  exit 1
}

while (($#)); do
  case "$1" in
    --cluster) cluster="${2:?--cluster needs a name}"; shift 2 ;;
    --release) release="${2:?--release needs a name}"; shift 2 ;;
    --namespace) namespace="${2:?--namespace needs a name}"; shift 2 ;;
    -f | --values) values+=(-f "${2:?--values needs a file}"); shift 2 ;;
    --skip-build) build=0; shift ;;
    --tag) tag="${2:?--tag needs a tag}"; shift 2 ;;
    --no-port-forward) port_forward=0; shift ;;
    --port) port="${2:?--port needs a number}"; shift 2 ;;
    --print-plan) plan=1; shift ;;
    -h | --help) sed -n '2,27s/^# \{0,1\}//p' "$0"; exit 0 ;;
    *) fail "unknown option: $1 (see --help)" ;;
  esac
done

app_version="$(sed -n 's/^appVersion: *"\{0,1\}\([^"]*\)"\{0,1\}$/\1/p' helm/master-worker/Chart.yaml)"
[[ -n "$app_version" ]] || fail "no appVersion in helm/master-worker/Chart.yaml"

# The image tag: every build its own, so `helm upgrade` rolls the pods onto the new code (the same
# tag with imagePullPolicy IfNotPresent would keep the old image on the node).
if [[ -z "$tag" ]]; then
  if ((build)); then
    if sha="$(git rev-parse --short HEAD 2>/dev/null)"; then
      tag="$app_version-$sha"
      if [[ -n "$(git status --porcelain 2>/dev/null)" ]]; then
        tag="$tag-dirty-$(date -u +%Y%m%d%H%M%S)"
      fi
    else
      tag="$app_version-$(date -u +%Y%m%d%H%M%S)"
    fi
  elif [[ -s "$TAG_FILE" ]]; then
    tag="$(cat "$TAG_FILE")"
  elif command -v docker >/dev/null 2>&1; then
    tag="$(docker image ls mw/master --format '{{.Tag}}' 2>/dev/null | grep -v '^<none>$' | head -1 || true)"
  fi
  [[ -n "$tag" ]] || fail "--skip-build: no image built before (no $TAG_FILE, no local mw/master image); run without --skip-build or give --tag"
fi
master_image="mw/master:$tag"
worker_image="mw/worker:$tag"
test_image="$(awk '/^tests:/{t=1} t&&/registry:/{r=$2} t&&/repository:/{p=$2} t&&/ tag:/{gsub(/"/,"",$2); print r"/"p":"$2; exit}' helm/master-worker/values.yaml)"

# The chart defaults to the published GHCR images; these point it at the images built here.
image_args=(
  --set-string master.image.registry= --set-string master.image.repository=mw/master
  --set-string "master.image.tag=$tag"
  --set-string worker.image.registry= --set-string worker.image.repository=mw/worker
  --set-string "worker.image.tag=$tag"
)
# ${values[@]+"${values[@]}"}: an empty array is "unbound" under set -u in bash < 4.4 (macOS).
helm_args=(upgrade --install "$release" helm/master-worker --namespace "$namespace" --create-namespace
  "${image_args[@]}" ${values[@]+"${values[@]}"} --wait --timeout 5m)

if ((plan)); then
  echo "cluster:   $cluster (kubectl context kind-$cluster)"
  echo "build:     $( ((build)) && echo yes || echo "no (--skip-build)")"
  echo "images:    $master_image $worker_image"
  echo "helm:      helm ${helm_args[*]}"
  echo "forward:   $( ((port_forward)) && echo "localhost:$port" || echo no)"
  exit 0
fi

need docker "Docker Desktop (macOS, Windows): https://docs.docker.com/get-docker/ (give it about 4 GiB of memory)
Linux: https://docs.docker.com/engine/install/"
docker info >/dev/null 2>&1 || fail "the Docker engine does not answer: start it (docker info)"
need kind "https://kind.sigs.k8s.io/docs/user/quick-start/#installation (v0.23.0 or newer)
macOS: brew install kind    Windows: choco install kind    Go: go install sigs.k8s.io/kind@latest"
need helm "https://helm.sh/docs/intro/install/
macOS: brew install helm    Windows: choco install kubernetes-helm"
need kubectl "https://kubernetes.io/docs/tasks/tools/
macOS: brew install kubectl    Windows: choco install kubernetes-cli"
if ((build)); then
  command -v java >/dev/null 2>&1 || fail "java not found: the build needs a JDK 17 (e.g. https://adoptium.net/)"
fi
memory="$(docker info --format '{{.MemTotal}}' 2>/dev/null || echo 0)"
if [[ "$memory" =~ ^[0-9]+$ ]] && ((memory > 0 && memory < 3758096384)); then
  echo "kind-up: warning: Docker has $((memory / 1048576)) MiB of memory; the default install wants about 4 GiB" >&2
fi

step "kind cluster '$cluster'"
if kind get clusters 2>/dev/null | grep -qx "$cluster"; then
  echo "exists"
else
  kind create cluster --name "$cluster" --wait 120s
fi
kubectl config use-context "kind-$cluster" >/dev/null
echo "kubectl's current context is now kind-$cluster"
server_minor="$(kubectl version -o json 2>/dev/null | sed -n 's/.*"minor": *"\([0-9]*\).*/\1/p' | tail -1 || true)"
if [[ -n "$server_minor" ]] && ((server_minor < 30)); then
  fail "the cluster runs Kubernetes 1.$server_minor; the chart needs 1.30+: upgrade kind (v0.23.0+) and recreate the cluster (kind delete cluster --name $cluster)"
fi

if ((build)); then
  step "package master and worker (./mvnw package)"
  ./mvnw -B -ntp package -DskipTests -pl master,worker -am
  step "docker build $master_image and $worker_image (context: the repository root)"
  docker build -f master/src/main/docker/Dockerfile.jvm -t "$master_image" .
  docker build -f worker/src/main/docker/Dockerfile.jvm -t "$worker_image" .
  mkdir -p "$(dirname "$TAG_FILE")"
  echo "$tag" >"$TAG_FILE"
else
  docker image inspect "$master_image" "$worker_image" >/dev/null 2>&1 \
    || fail "--skip-build: $master_image or $worker_image is not a local image; run without --skip-build"
fi

step "kind load $master_image $worker_image"
kind load docker-image --name "$cluster" "$master_image" "$worker_image"
# Best effort: `kind load docker-image` fails with Docker's containerd image store
# (kubernetes-sigs/kind#3795); the test pods then pull the image themselves.
if { docker image inspect "$test_image" >/dev/null 2>&1 || docker pull -q "$test_image" >/dev/null 2>&1; } \
  && kind load docker-image --name "$cluster" "$test_image" >/dev/null 2>&1; then
  echo "loaded $test_image"
else
  echo "note: could not preload $test_image into the cluster; the helm test pods pull it (needs network)"
fi

step "helm upgrade --install $release with $tag (waits until every pod is ready)"
helm "${helm_args[@]}"

step "helm test $release"
helm test "$release" --namespace "$namespace" --logs --timeout 3m

service="$(kubectl --namespace "$namespace" get service \
  -l "app.kubernetes.io/instance=$release,app.kubernetes.io/component=master" \
  -o jsonpath='{range .items[?(@.spec.clusterIP!="None")]}{.metadata.name}{end}')"
[[ -n "$service" ]] || fail "no master Service found for release $release"
service_port="$(kubectl --namespace "$namespace" get service "$service" -o jsonpath='{.spec.ports[0].port}')"

cat <<MSG

master-worker ($tag) is up on kind cluster '$cluster' (kubectl context kind-$cluster).
Queries, in another terminal, through the port-forward this script keeps on localhost:$port:
  curl -s 'http://localhost:$port/api/records?name=alice'
  curl -s 'http://localhost:$port/api/records?location=Kansas%20City'
  curl -s 'http://localhost:$port/api/records?location=Kansas%20City&year=2002'
  curl -s http://localhost:$port/api/groups
  curl -s http://localhost:$port/api/workers
  dashboard: http://localhost:$port/
Pods: kubectl --namespace $namespace get pods -l app.kubernetes.io/instance=$release
Again with new code: scripts/kind-up.sh (a new tag; the pods roll). Remove: kind delete cluster --name $cluster
MSG

if ((port_forward)); then
  step "kubectl port-forward service/$service $port:$service_port (Ctrl-C to stop)"
  exec kubectl --namespace "$namespace" port-forward "service/$service" "$port:$service_port"
else
  echo "Port-forward: kubectl --namespace $namespace port-forward service/$service $port:$service_port"
fi
