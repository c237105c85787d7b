#!/bin/sh
# The entrypoint of both JVM images: starts the Quarkus fast-jar in /deployments with the
# image's JVM options, then the user's. It needs only sh and java on the PATH, so it runs on
# Red Hat's UBI OpenJDK runtime (the public default base) and on a Debian-built base alike.
#
#   JAVA_MAX_RAM_PERCENTAGE  heap as a share of the container's memory limit (image default)
#   JAVA_OPTS                replaces the image's default options below
#   JAVA_OPTS_APPEND         added after them, e.g. -Xlog:gc or -Dquarkus.log.level=DEBUG
#
# -XX:+ExitOnOutOfMemoryError: a JVM out of heap exits, so Kubernetes restarts the pod instead
# of leaving a process that answers with errors.
set -eu

: "${JAVA_MAX_RAM_PERCENTAGE:=50}"
: "${JAVA_OPTS=-XX:MaxRAMPercentage=${JAVA_MAX_RAM_PERCENTAGE} -XX:+ExitOnOutOfMemoryError}"

# shellcheck disable=SC2086 # the option strings are word-split on purpose
exec java $JAVA_OPTS \
  -Dquarkus.http.host=0.0.0.0 -Djava.util.logging.manager=org.jboss.logmanager.LogManager \
  ${JAVA_OPTS_APPEND:-} -jar /deployments/quarkus-run.jar "$@"
