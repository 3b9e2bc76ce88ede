# shellcheck shell=bash
# Sourced by every bin/ script (and .ci/run through bin/test): picks a JDK >= 21, puts it first
# on PATH, and sets the environment that keeps local runs and tests away from real AWS.
#
# Choice: $JAVA_HOME when its `java -version` is >= 21, else the newest JDK >= 21 under
# /usr/lib/jvm (MERIDIAN_JVM_DIR overrides that folder), else a clear error and exit 1.

MERIDIAN_MIN_JAVA=21

meridian_die() {
  printf 'meridian: %s\n' "$*" >&2
  exit 1
}

# Prints the major version of the java launcher given as $1 ("1.8.0_402" -> 8, "25.0.3" -> 25),
# or nothing when it does not run.
meridian_java_major() {
  local out version
  out=$("$1" -version 2>&1) || return 0
  version=$(printf '%s\n' "$out" | sed -n 's/.* version "\([^"]*\)".*/\1/p' | head -n 1)
  [ -n "$version" ] || return 0
  case "$version" in
    1.*) version=${version#1.} ;;
  esac
  version=${version%%[!0-9]*}
  [ -n "$version" ] && printf '%s\n' "$version"
}

meridian_select_jdk() {
  local major best_home="" best_major=0 dir real seen=" "
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ] && [ -x "$JAVA_HOME/bin/javac" ]; then
    major=$(meridian_java_major "$JAVA_HOME/bin/java")
    if [ -n "$major" ] && [ "$major" -ge "$MERIDIAN_MIN_JAVA" ]; then
      best_home=$JAVA_HOME
      best_major=$major
    fi
  fi
  if [ -z "$best_home" ]; then
    for dir in "${MERIDIAN_JVM_DIR:-/usr/lib/jvm}"/*; do
      # A JDK, not a JRE: Maven needs javac. Symlinked aliases are checked once.
      if [ ! -x "$dir/bin/java" ] || [ ! -x "$dir/bin/javac" ]; then
        continue
      fi
      real=$(cd -P "$dir" && pwd) || continue
      case "$seen" in *" $real "*) continue ;; esac
      seen="$seen$real "
      major=$(meridian_java_major "$dir/bin/java")
      [ -n "$major" ] || continue
      if [ "$major" -ge "$MERIDIAN_MIN_JAVA" ] && [ "$major" -gt "$best_major" ]; then
        best_home=$real
        best_major=$major
      fi
    done
  fi
  if [ -z "$best_home" ]; then
    meridian_die "Meridian needs JDK ${MERIDIAN_MIN_JAVA}+: JAVA_HOME (${JAVA_HOME:-unset}) is not a JDK ${MERIDIAN_MIN_JAVA}+ and there is none under ${MERIDIAN_JVM_DIR:-/usr/lib/jvm}. Install one (e.g. apt-get install openjdk-21-jdk) or point JAVA_HOME at it."
  fi
  export JAVA_HOME=$best_home
  export MERIDIAN_JAVA_MAJOR=$best_major
  case ":$PATH:" in
    ":$JAVA_HOME/bin:"*) ;;
    *) export PATH="$JAVA_HOME/bin:$PATH" ;;
  esac
}

meridian_select_jdk

# Never reach the EC2 instance metadata address from a developer machine or CI.
export AWS_EC2_METADATA_DISABLED=true
export AWS_REGION="${AWS_REGION:-us-east-1}"
# Dummy credentials only when none are configured at all, so that an operator's real profile
# (AWS_PROFILE or ~/.aws) still wins when the CLI talks to AWS.
if [ -z "${AWS_ACCESS_KEY_ID:-}" ] && [ -z "${AWS_PROFILE:-}" ] \
  && [ ! -e "${AWS_SHARED_CREDENTIALS_FILE:-$HOME/.aws/credentials}" ] \
  && [ ! -e "${AWS_CONFIG_FILE:-$HOME/.aws/config}" ]; then
  export AWS_ACCESS_KEY_ID=meridian-local
  export AWS_SECRET_ACCESS_KEY=meridian-local
fi
export CDK_DISABLE_CLI_TELEMETRY=true
export CDK_DISABLE_VERSION_CHECK=true
export JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION="${JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION:-20}"

# Maven 3.9's Guice uses sun.misc.Unsafe; JDK 24+ warns about it on every build. The flag exists
# from JDK 23 on only, so it cannot live in .mvn/jvm.config (JDK 21 would refuse to start).
if [ "$MERIDIAN_JAVA_MAJOR" -ge 23 ]; then
  case " ${MAVEN_OPTS:-} " in
    *" --sun-misc-unsafe-memory-access="*) ;;
    *) export MAVEN_OPTS="${MAVEN_OPTS:+$MAVEN_OPTS }--sun-misc-unsafe-memory-access=allow" ;;
  esac
fi
