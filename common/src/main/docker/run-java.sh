#!/bin/sh
# The entrypoint of both JVM images: starts the Quarkus fast-jar in /deployments with the
# image's JVM options, then the user's. It needs only sh and java on the PATH, so it runs on
# the public default base (Eclipse Temurin 25), on Red Hat's UBI OpenJDK runtimes and on a
# Debian-built base alike.
#
#   JAVA_MAX_RAM_PERCENTAGE  heap as a share of the container's memory limit (image default)
#   JAVA_OPTS                replaces the image's default options below
#   JAVA_OPTS_APPEND         added after them, e.g. -Xlog:gc or -Dquarkus.log.level=DEBUG
#
# -XX:+ExitOnOutOfMemoryError: a JVM out of heap exits, so Kubernetes restarts the pod instead
# of leaving a process that answers with errors.
#
# run-java.sh --train-cache (the Dockerfiles' RUN step) starts the service once, up to started,
# with the base's own java, and keeps what it loaded as a start-up cache: the AOT cache
# (app.aot, JEP 483) where java has one (JDK 24 and later), else a dynamic class-data archive
# (app-cds.jsa; a base without a default CDS archive gets none, and says so). Every later
# start maps its classes from there instead of reading the jars: the master's image reports
# started in 2.1-2.4 s instead of 2.6-2.8 s (bench/README.md, "Start-up in the images").
set -eu

: "${JAVA_MAX_RAM_PERCENTAGE:=50}"
: "${JAVA_OPTS=-XX:MaxRAMPercentage=${JAVA_MAX_RAM_PERCENTAGE} -XX:+ExitOnOutOfMemoryError}"

AOT_CACHE=/deployments/app.aot
CDS_ARCHIVE=/deployments/app-cds.jsa

# The service's one command line, served or trained: a cache is only valid for the options it
# was made with. $1: "exec" to serve (java replaces this shell and gets the signals), empty to
# train; then the service's arguments.
run_service() {
  launch="$1"
  shift
  # shellcheck disable=SC2086 # the option strings are word-split on purpose
  $launch java $JAVA_OPTS $cache_opts \
    -Dquarkus.http.host=0.0.0.0 -Djava.util.logging.manager=org.jboss.logmanager.LogManager \
    ${JAVA_OPTS_APPEND:-} -jar /deployments/quarkus-run.jar "$@"
}

if [ "${1:-}" = "--train-cache" ]; then
  shift
  if java -XX:AOTMode=off -version >/dev/null 2>&1; then
    cache_opts="-XX:AOTCacheOutput=$AOT_CACHE"
    cache="$AOT_CACHE"
  else
    cache_opts="-XX:ArchiveClassesAtExit=$CDS_ARCHIVE"
    cache="$CDS_ARCHIVE"
  fi
  # quarkus.appcds.generate: Quarkus exits once started, which ends the training run
  cache_opts="$cache_opts -Dquarkus.appcds.generate=true"
  run_service "" "$@"
  if [ -s "$cache" ]; then
    echo "run-java.sh: start-up cache $cache ($(wc -c <"$cache") bytes)"
  else # an optimisation only: the image still works, it starts as it would without
    echo "run-java.sh: WARNING: this base's java made no start-up cache ($cache)" >&2
  fi
  exit 0
fi

cache_opts=""
if [ -s "$AOT_CACHE" ]; then
  cache_opts="-XX:AOTCache=$AOT_CACHE"
elif [ -s "$CDS_ARCHIVE" ]; then
  cache_opts="-XX:SharedArchiveFile=$CDS_ARCHIVE"
fi
run_service exec "$@"
