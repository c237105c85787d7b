{{/*
Chart name, truncated to 63 characters (a DNS label).
*/}}
{{- define "master-worker.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Fully qualified app name. Truncated to 30 characters so that "<fullname>-worker-<group>" (at most 52, a StatefulSet name)
and its pod names (each also a worker's mw.id) stay DNS labels.
*/}}
{{- define "master-worker.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 30 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 30 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 30 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/*
Chart name and version, for the helm.sh/chart label.
*/}}
{{- define "master-worker.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Labels common to every object. Call with (dict "ctx" $ "component" "master").
*/}}
{{- define "master-worker.labels" -}}
helm.sh/chart: {{ include "master-worker.chart" .ctx }}
{{ include "master-worker.selectorLabels" . }}
app.kubernetes.io/part-of: {{ include "master-worker.name" .ctx }}
app.kubernetes.io/version: {{ .ctx.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .ctx.Release.Service }}
{{- with .ctx.Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end }}

{{/*
Selector labels. Call with (dict "ctx" $ "component" "worker" "group" "am"); group is optional.
*/}}
{{- define "master-worker.selectorLabels" -}}
app.kubernetes.io/name: {{ include "master-worker.name" .ctx }}
app.kubernetes.io/instance: {{ .ctx.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- if .group }}
master-worker/group: {{ .group }}
{{- end }}
{{- end }}

{{/* Object names. */}}
{{- define "master-worker.master.fullname" -}}
{{- printf "%s-master" (include "master-worker.fullname" .) }}
{{- end }}

{{- define "master-worker.master.headlessName" -}}
{{- printf "%s-master-headless" (include "master-worker.fullname" .) }}
{{- end }}

{{/* Worker StatefulSet (and headless Service) of a group: (dict "ctx" $ "group" $group). */}}
{{- define "master-worker.worker.fullname" -}}
{{- printf "%s-worker-%s" (include "master-worker.fullname" .ctx) .group.name }}
{{- end }}

{{- define "master-worker.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "master-worker.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{- define "master-worker.secretName" -}}
{{- default (printf "%s-token" (include "master-worker.fullname" .)) .Values.auth.existingSecret }}
{{- end }}

{{/*
Image reference: (dict "image" .Values.master.image "ctx" $) -> [registry/]repository:tag.
*/}}
{{- define "master-worker.image" -}}
{{- $tag := default .ctx.Chart.AppVersion (toString .image.tag) }}
{{- if .image.registry }}
{{- printf "%s/%s:%s" .image.registry .image.repository $tag }}
{{- else }}
{{- printf "%s:%s" .image.repository $tag }}
{{- end }}
{{- end }}

{{/*
mw.groups as the master reads it, e.g. "am=a-m,nz=n-z", from the same list the worker
StatefulSets come from, so the two cannot disagree.
*/}}
{{- define "master-worker.groups" -}}
{{- $decl := list }}
{{- range .Values.groups }}
{{- $decl = append $decl (printf "%s=%s" .name .range) }}
{{- end }}
{{- join "," $decl }}
{{- end }}

{{/*
Master URL(s) the workers register at: the master's headless Service, whose name resolves to
every master pod, ready or not (the worker registers at each address).
*/}}
{{- define "master-worker.masterUrl" -}}
{{- printf "http://%s:%d" (include "master-worker.master.headlessName" .) (int .Values.master.containerPort) }}
{{- end }}

{{/*
The registration token: auth.token when given; otherwise the one already stored in the release's
Secret (so it survives upgrades); otherwise a new random one (first install). Computed once per
render (kept in .Values.auth._generated) so the Secret and the pods' checksum agree.
*/}}
{{- define "master-worker.token" -}}
{{- if .Values.auth.token }}
{{- .Values.auth.token }}
{{- else }}
{{- if not (hasKey .Values.auth "_generated") }}
{{- $existing := lookup "v1" "Secret" .Release.Namespace (include "master-worker.secretName" .) }}
{{- if and $existing $existing.data (hasKey $existing.data "token") }}
{{- $_ := set .Values.auth "_generated" (index $existing.data "token" | b64dec) }}
{{- else }}
{{- $_ := set .Values.auth "_generated" (randAlphaNum 40) }}
{{- end }}
{{- end }}
{{- .Values.auth._generated }}
{{- end }}
{{- end }}

{{/*
Pod annotation that rolls the pods when the token changes (not for an existing Secret).
*/}}
{{- define "master-worker.tokenChecksum" -}}
{{- if and .Values.auth.enabled (not .Values.auth.existingSecret) -}}
checksum/token: {{ include "master-worker.token" . | sha256sum }}
{{- end }}
{{- end }}

{{/*
Checks the values cannot express in values.schema.json; fails with a readable message.
*/}}
{{- define "master-worker.validate" -}}
{{- $names := list }}
{{- range $i, $g := .Values.groups }}
{{- if has $g.name $names }}
{{- fail (printf "groups[%d]: group name '%s' is declared twice; every group needs its own name" $i $g.name) }}
{{- end }}
{{- $names = append $names $g.name }}
{{- end }}
{{- $owner := dict }}
{{- range $g := .Values.groups }}
{{- range $span := splitList "+" $g.range }}
{{- $ends := splitList "-" $span }}
{{- $from := first $ends }}
{{- $to := last $ends }}
{{- if gt $from $to }}
{{- fail (printf "group '%s': range '%s' ends before it starts" $g.name $span) }}
{{- end }}
{{- range $letter := splitList "" "abcdefghijklmnopqrstuvwxyz" }}
{{- if and (ge $letter $from) (le $letter $to) }}
{{- if and (hasKey $owner $letter) (ne (get $owner $letter) $g.name) }}
{{- fail (printf "groups '%s' and '%s' share the letter '%s'; two groups may not share a letter" (get $owner $letter) $g.name $letter) }}
{{- end }}
{{- $_ := set $owner $letter $g.name }}
{{- end }}
{{- end }}
{{- end }}
{{- end }}
{{- if and .Values.auth.enabled .Values.auth.existingSecret .Values.auth.token }}
{{- fail "auth.token and auth.existingSecret are both set: give the token in one place only" }}
{{- end }}
{{- range $g := .Values.groups }}
{{- $sources := list }}
{{- if $g.data }}{{ $sources = append $sources "data" }}{{ end }}
{{- if $g.existingConfigMap }}{{ $sources = append $sources "existingConfigMap" }}{{ end }}
{{- if or $g.download $g.persistence }}{{ $sources = append $sources "download/persistence" }}{{ end }}
{{- if gt (len $sources) 1 }}
{{- fail (printf "group '%s' has more than one data source (%s): give it one of data, existingConfigMap, or download and/or persistence" $g.name (join ", " $sources)) }}
{{- end }}
{{- if and (eq (len $sources) 0) (not (has $g.name $.Values.worker.imageDataGroups)) }}
{{- fail (printf "group '%s' has no data: the worker image ships data/data-<group>.json only for %s (worker.imageDataGroups); give the group data, existingConfigMap, download or persistence" $g.name (join ", " $.Values.worker.imageDataGroups)) }}
{{- end }}
{{- end }}
{{- $stop := add (int .Values.preStopSleepSeconds) 6 }}
{{- if lt (int .Values.terminationGracePeriodSeconds) $stop }}
{{- fail (printf "terminationGracePeriodSeconds %d is too short: a pod needs preStopSleepSeconds (%d) + quarkus.shutdown.delay (1s) + quarkus.shutdown.timeout (5s) = %d seconds to stop cleanly" (int .Values.terminationGracePeriodSeconds) (int .Values.preStopSleepSeconds) $stop) }}
{{- end }}
{{- end }}

{{/*
Whether any group brings its own data (then the seed-record tests are skipped unless
tests.expect gives the answers): "true" or "".
*/}}
{{- define "master-worker.ownData" -}}
{{- $own := false }}
{{- range .Values.groups }}
{{- if or .data .existingConfigMap .download .persistence }}{{ $own = true }}{{ end }}
{{- end }}
{{- if $own }}true{{ end }}
{{- end }}

{{/*
Where a group's worker reads its data file (mw.data-file): (dict "ctx" $ "group" $group).
Empty when it reads data/data-<group>.json from its image.
*/}}
{{- define "master-worker.dataFile" -}}
{{- $g := .group }}
{{- if or $g.data $g.existingConfigMap }}
{{- printf "/etc/master-worker/data/data-%s.json" $g.name }}
{{- else if or $g.download $g.persistence }}
{{- printf "/var/lib/master-worker/data-%s.json" $g.name }}
{{- end }}
{{- end }}

{{/*
Container securityContext shared by every container (restricted Pod Security Standard).
*/}}
{{- define "master-worker.containerSecurityContext" -}}
{{- toYaml .Values.securityContext }}
{{- end }}

{{/* Probes of a container: (dict "ctx" $ "port" "http"). */}}
{{- define "master-worker.probes" -}}
{{- $p := .ctx.Values.probes -}}
startupProbe:
  httpGet:
    path: /q/health/started
    port: {{ .port }}
  periodSeconds: {{ $p.startup.periodSeconds }}
  timeoutSeconds: {{ $p.startup.timeoutSeconds }}
  failureThreshold: {{ $p.startup.failureThreshold }}
readinessProbe:
  httpGet:
    path: /q/health/ready
    port: {{ .port }}
  periodSeconds: {{ $p.readiness.periodSeconds }}
  timeoutSeconds: {{ $p.readiness.timeoutSeconds }}
  failureThreshold: {{ $p.readiness.failureThreshold }}
livenessProbe:
  httpGet:
    path: /q/health/live
    port: {{ .port }}
  periodSeconds: {{ $p.liveness.periodSeconds }}
  timeoutSeconds: {{ $p.liveness.timeoutSeconds }}
  failureThreshold: {{ $p.liveness.failureThreshold }}
{{- end }}

{{/* preStop: wait so endpoints and masters stop sending requests before SIGTERM arrives. */}}
{{- define "master-worker.lifecycle" -}}
{{- if gt (int .Values.preStopSleepSeconds) 0 -}}
lifecycle:
  preStop:
    sleep:
      seconds: {{ int .Values.preStopSleepSeconds }}
{{- end }}
{{- end }}

{{/* MW_TOKEN from the Secret, when auth is enabled. */}}
{{- define "master-worker.tokenEnv" -}}
{{- if .Values.auth.enabled -}}
- name: MW_TOKEN
  valueFrom:
    secretKeyRef:
      name: {{ include "master-worker.secretName" . }}
      key: {{ .Values.auth.existingSecretKey }}
{{- end }}
{{- end }}

{{/* Pod-level settings shared by master and worker pods. */}}
{{- define "master-worker.podCommon" -}}
serviceAccountName: {{ include "master-worker.serviceAccountName" . }}
automountServiceAccountToken: false
terminationGracePeriodSeconds: {{ .Values.terminationGracePeriodSeconds }}
{{- with .Values.podSecurityContext }}
securityContext:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .Values.imagePullSecrets }}
imagePullSecrets:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end }}

{{/*
Pod annotations: (dict "ctx" $ "extra" .Values.x.podAnnotations "data" $group.data); checksums
roll the pods when the token or a group's records change.
*/}}
{{- define "master-worker.podAnnotations" -}}
{{- $lines := list (include "master-worker.tokenChecksum" .ctx) }}
{{- if .data }}
{{- $lines = append $lines (printf "checksum/data: %s" (toJson .data | sha256sum)) }}
{{- end }}
{{- with .download }}
{{- $lines = append $lines (printf "checksum/data: %s" .sha256) }}
{{- end }}
{{- with .extra }}
{{- $lines = append $lines (toYaml .) }}
{{- end }}
{{- $lines | compact | join "\n" }}
{{- end }}

{{/* Labels that pick this release's pods of one component, for NetworkPolicy peers. */}}
{{- define "master-worker.peerLabels" -}}
app.kubernetes.io/name: {{ include "master-worker.name" .ctx }}
app.kubernetes.io/instance: {{ .ctx.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end }}

{{/* Egress rule for cluster DNS (any namespace, port 53). */}}
{{- define "master-worker.dnsEgress" -}}
- to:
    - namespaceSelector: {}
  ports:
    - port: 53
      protocol: UDP
    - port: 53
      protocol: TCP
{{- end }}

{{/*
A `helm test` Pod: (dict "ctx" $ "name" "name-query" "path" "/api/records?name=alice&allowPartial=false"
"checks" (list "1:<fixed string>" ...)). It GETs the master Service and counts each fixed
string in the answer ("<count>:<string>"); any other count fails the test.
*/}}
{{- define "master-worker.testPod" -}}
{{- $ctx := .ctx }}
apiVersion: v1
kind: Pod
metadata:
  name: {{ include "master-worker.fullname" $ctx }}-test-{{ .name }}
  labels:
    {{- include "master-worker.labels" (dict "ctx" $ctx "component" "test") | nindent 4 }}
  annotations:
    helm.sh/hook: test
    helm.sh/hook-delete-policy: before-hook-creation
spec:
  restartPolicy: Never
  automountServiceAccountToken: false
  {{- with $ctx.Values.podSecurityContext }}
  securityContext:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  containers:
    - name: curl
      image: {{ include "master-worker.image" (dict "image" $ctx.Values.tests.image "ctx" $ctx) | quote }}
      imagePullPolicy: {{ $ctx.Values.tests.image.pullPolicy }}
      command:
        - /bin/sh
        - -c
        - |
          set -eu
          url="$1"; shift
          body="$(curl -fsS --retry 10 --retry-delay 2 --retry-all-errors --max-time 10 "$url")"
          echo "GET $url"
          echo "$body"
          for check in "$@"; do
            want="${check%%:*}"; text="${check#*:}"
            got="$(printf '%s' "$body" | grep -oF -- "$text" | wc -l | tr -d ' ')"
            if [ "$got" -ne "$want" ]; then
              echo "FAIL: found $got times, want $want: $text"; exit 1
            fi
            echo "ok: $got x $text"
          done
        - {{ .name }}
        - {{ printf "http://%s:%d%s" (include "master-worker.master.fullname" $ctx) (int $ctx.Values.master.service.port) .path | quote }}
        {{- range .checks }}
        - {{ . | quote }}
        {{- end }}
      resources:
        requests:
          cpu: 10m
          memory: 16Mi
        limits:
          memory: 32Mi
      securityContext:
        {{- toYaml $ctx.Values.securityContext | nindent 8 }}
{{- end }}
