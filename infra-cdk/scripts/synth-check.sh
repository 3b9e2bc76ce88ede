#!/usr/bin/env bash
# Offline `cdk synth` of the Meridian app with the repo's pinned CDK CLI, then checks of the cloud
# assembly. Needs no AWS account, credentials or network: it is what `./mvnw verify` runs (phase
# integration-test of infra-cdk; skip with -Dmeridian.skipSynth=true).
#
# Checks: the manifest lists the global-tables stack in the primary region and one regional stack
# per configured region; each regional template has the four functions (Java 21, SnapStart); the
# global template has the three global tables with a replica in every region; cdk-nag reported no
# unsuppressed finding (no error or warning in the assembly, no Non-Compliant row in its reports).
#
# Usage: infra-cdk/scripts/synth-check.sh [extra cdk args, e.g. -c probeShards=2]
set -euo pipefail

infra="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
root="$(cd "$infra/.." && pwd)"
cdk="$root/node_modules/.bin/cdk"
out="$infra/target/cdk.out"

fail() {
  echo "synth-check: FAILED: $*" >&2
  exit 1
}

[[ -x "$cdk" ]] || fail "$cdk is missing; run 'npm ci' at the repository root"
command -v node >/dev/null || fail "node is not on PATH (the CDK CLI and jsii need Node.js >= 20)"

# The app runs `java` from PATH: prefer the JDK that runs the build (Maven passes JAVA_HOME).
if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]]; then
  export PATH="$JAVA_HOME/bin:$PATH"
fi
java_major="$(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')"
[[ "${java_major:-0}" -ge 21 ]] 2>/dev/null \
  || fail "java on PATH is ${java_major:-unknown}; the app needs JDK 21+ (set JAVA_HOME)"

[[ -f "$infra/target/classpath.txt" && -d "$infra/target/classes" ]] \
  || fail "infra-cdk is not compiled; run ./mvnw -pl infra-cdk package -DskipTests first"
artifact="$infra/../functions/target/meridian-functions-lambda.zip"
if [[ " $* " != *"functionsArtifact="* && ! -f "$artifact" ]]; then
  fail "the Lambda package $(realpath -m "$artifact") does not exist;" \
    "build it with ./mvnw -pl functions -am package -DskipTests"
fi

# Fully offline: no credentials from anywhere, no instance metadata, no telemetry or version check.
unset AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN AWS_SECURITY_TOKEN AWS_PROFILE \
  AWS_DEFAULT_PROFILE AWS_ROLE_ARN AWS_WEB_IDENTITY_TOKEN_FILE AWS_CONTAINER_CREDENTIALS_FULL_URI \
  AWS_CONTAINER_CREDENTIALS_RELATIVE_URI AWS_CONTAINER_AUTHORIZATION_TOKEN CDK_DEFAULT_ACCOUNT
export AWS_SHARED_CREDENTIALS_FILE=/dev/null AWS_CONFIG_FILE=/dev/null
export AWS_EC2_METADATA_DISABLED=true CDK_DISABLE_CLI_TELEMETRY=true CDK_DISABLE_VERSION_CHECK=true
export JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION=20

rm -rf "$out"
cd "$infra"
start=$(date +%s)
# --no-lookups: a context lookup would need AWS; --strict: warnings fail like errors.
if ! "$cdk" synth --quiet --no-notices --no-lookups --strict --output "$out" "$@" \
  >"$infra/target/synth-check.log" 2>&1; then
  cat "$infra/target/synth-check.log" >&2
  fail "cdk synth failed (log above, also in target/synth-check.log)"
fi
elapsed=$(($(date +%s) - start))

node - "$out" "$infra/cdk.json" "$elapsed" "$@" <<'NODE'
const fs = require('fs');
const path = require('path');
const [out, cdkJsonPath, elapsed, ...cdkArgs] = process.argv.slice(2);
const problems = [];
const manifest = JSON.parse(fs.readFileSync(path.join(out, 'manifest.json'), 'utf8'));

// The context as the app saw it: cdk.json, then any -c key=value given to this script.
const context = JSON.parse(fs.readFileSync(cdkJsonPath, 'utf8')).context;
for (let i = 0; i < cdkArgs.length; i++) {
  const a = cdkArgs[i] === '-c' || cdkArgs[i] === '--context' ? cdkArgs[++i] : null;
  if (a && a.includes('=')) context[a.slice(0, a.indexOf('='))] = a.slice(a.indexOf('=') + 1);
}
const regions = Array.isArray(context.regions) ? context.regions : String(context.regions).split(',').map(s => s.trim());
const primary = context.primaryRegion || regions[0];

const stacks = Object.entries(manifest.artifacts).filter(([, a]) => a.type === 'aws:cloudformation:stack');
const regionOf = a => (a.environment || '').split('/').pop();
const template = ([id, a]) => JSON.parse(fs.readFileSync(path.join(out, a.properties.templateFile), 'utf8'));
const resources = (t, type) => Object.values(t.Resources || {}).filter(r => r.Type === type);

const global = stacks.find(([id]) => id === 'Meridian-Global');
if (!global) problems.push('no Meridian-Global stack in the manifest');
else {
  if (regionOf(global[1]) !== primary) problems.push(`Meridian-Global is in ${regionOf(global[1])}, not the primary ${primary}`);
  const tables = resources(template(global), 'AWS::DynamoDB::GlobalTable');
  if (tables.length !== 3) problems.push(`expected 3 global tables, found ${tables.length}`);
  for (const t of tables) {
    const replicaRegions = t.Properties.Replicas.map(r => r.Region).sort();
    if (JSON.stringify(replicaRegions) !== JSON.stringify([...regions].sort()))
      problems.push(`${t.Properties.TableName} replicas ${replicaRegions} != regions ${regions}`);
  }
}

const handlers = ['probe.ProbeHandler', 'aggregator.AggregatorHandler', 'scheduler.SchedulerHandler', 'api.ApiHandler']
  .map(h => `dev.meridian.functions.${h}`);
let functions = 0;
for (const region of regions) {
  const stack = stacks.find(([id]) => id === `Meridian-${region}`);
  if (!stack) { problems.push(`no regional stack Meridian-${region}`); continue; }
  if (regionOf(stack[1]) !== region) problems.push(`Meridian-${region} targets ${regionOf(stack[1])}`);
  const fns = resources(template(stack), 'AWS::Lambda::Function').filter(f => f.Properties.Runtime === 'java21');
  functions += fns.length;
  for (const h of handlers) {
    const f = fns.find(f => f.Properties.Handler === h);
    if (!f) problems.push(`Meridian-${region} has no function with handler ${h}`);
    else if ((f.Properties.SnapStart || {}).ApplyOn !== 'PublishedVersions') problems.push(`${h} in ${region} has no SnapStart`);
  }
}
const unexpected = stacks.map(([id]) => id).filter(id => id !== 'Meridian-Global' && !regions.map(r => `Meridian-${r}`).includes(id));
if (unexpected.length) problems.push(`unexpected stacks: ${unexpected}`);

// cdk-nag: findings surface as error/warning metadata; its CSV reports list every rule checked.
for (const [id, a] of stacks) {
  for (const [p, entries] of Object.entries(a.metadata || {})) {
    for (const e of entries) {
      if (e.type === 'aws:cdk:error' || e.type === 'aws:cdk:warning') problems.push(`${id}${p}: ${e.type}: ${String(e.data).split('\n')[0]}`);
    }
  }
}
let suppressed = 0, compliant = 0;
const suppressedRules = new Map();
const reports = fs.readdirSync(out).filter(f => /^AwsSolutions-.*-NagReport\.csv$/.test(f));
if (reports.length !== stacks.length) problems.push(`expected a cdk-nag report per stack, found ${reports.length}`);
for (const f of reports) {
  for (const line of fs.readFileSync(path.join(out, f), 'utf8').split('\n').slice(1)) {
    const cols = line.match(/"([^"]*)"/g);
    if (!cols) continue;
    const [rule, resource, compliance] = cols.map(c => c.slice(1, -1));
    if (compliance === 'Non-Compliant') problems.push(`cdk-nag ${rule} on ${resource} is not suppressed`);
    else if (compliance === 'Suppressed') { suppressed++; suppressedRules.set(rule, (suppressedRules.get(rule) || 0) + 1); }
    else compliant++;
  }
}

if (problems.length) {
  console.error('synth-check: FAILED:\n  - ' + problems.join('\n  - '));
  process.exit(1);
}
const rules = [...suppressedRules].map(([r, n]) => `${r} x${n}`).join(', ');
console.log(`synth-check: OK in ${elapsed}s: ${stacks.length} stacks (Meridian-Global in ${primary}; ` +
  `regional in ${regions.join(', ')}), ${functions} Java functions, 3 global tables; ` +
  `cdk-nag AwsSolutions: 0 unsuppressed, ${compliant} compliant, ${suppressed} suppressed (${rules}); ` +
  `assembly in ${path.relative(process.cwd(), out)}`);
NODE
