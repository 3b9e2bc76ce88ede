# shellcheck shell=bash
# Sourced by bin/ scripts that need the repo's Node tools (dynalite, the CDK CLI), pinned in
# package.json / package-lock.json at the repo root. Expects MERIDIAN_ROOT to be set.

MERIDIAN_MIN_NODE=20

# Succeeds when node >= 20 and npm are on PATH; otherwise prints why on stderr.
meridian_node_ok() {
  local version major
  if ! command -v node >/dev/null 2>&1; then
    printf 'meridian: node is not on PATH: install Node %s+ (e.g. apt-get install nodejs npm), then run "npm ci" in %s\n' \
      "$MERIDIAN_MIN_NODE" "$MERIDIAN_ROOT" >&2
    return 1
  fi
  version=$(node --version 2>/dev/null) || version=""
  major=${version#v}
  major=${major%%.*}
  case "$major" in
    '' | *[!0-9]*) major=0 ;;
  esac
  if [ "$major" -lt "$MERIDIAN_MIN_NODE" ]; then
    printf 'meridian: Node %s+ is needed, found %s (%s): install Node %s+\n' \
      "$MERIDIAN_MIN_NODE" "${version:-unknown}" "$(command -v node)" "$MERIDIAN_MIN_NODE" >&2
    return 1
  fi
  if ! command -v npm >/dev/null 2>&1; then
    printf 'meridian: npm is not on PATH: install npm (it ships with Node %s+), then run "npm ci" in %s\n' \
      "$MERIDIAN_MIN_NODE" "$MERIDIAN_ROOT" >&2
    return 1
  fi
}

# True when node_modules is missing or older than package-lock.json / package.json.
meridian_node_modules_stale() {
  local marker="$MERIDIAN_ROOT/node_modules/.package-lock.json"
  [ -f "$marker" ] || return 0
  [ "$MERIDIAN_ROOT/package-lock.json" -nt "$marker" ] && return 0
  [ "$MERIDIAN_ROOT/package.json" -nt "$marker" ] && return 0
  return 1
}

# Installs the pinned Node tools when needed. Exits on failure.
meridian_ensure_node_modules() {
  meridian_node_ok || exit 1
  if meridian_node_modules_stale; then
    printf 'meridian: installing pinned Node tools (npm ci)…\n' >&2
    (cd "$MERIDIAN_ROOT" && npm ci --no-audit --no-fund --loglevel=error </dev/null) >&2 \
      || meridian_die "npm ci failed in $MERIDIAN_ROOT"
  fi
}
