#!/usr/bin/env bash
# Runs the plain agent under -javaagent:klyo.jar, first in observe mode, then in enforce mode,
# and prints the audit log. Offline; needs only `mvn -B -DskipTests install` first.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
agent="$root/javaagent/target/klyo.jar"
classes="$here/target/classes"
java="${JAVA:-java}"
[ -f "$agent" ] && [ -d "$classes" ] || { echo "build first: (cd $root && mvn -B -DskipTests install)" >&2; exit 1; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export KLYO_DEMO_HOME="$work/home"
mkdir -p "$KLYO_DEMO_HOME/.ssh"
echo "-----BEGIN OPENSSH PRIVATE KEY----- (demo)" > "$KLYO_DEMO_HOME/.ssh/id_ed25519"

for mode in observe enforce; do
  rm -f "$KLYO_DEMO_HOME/pwned.txt"
  echo
  echo "=================== mode=$mode ==================="
  "$java" -javaagent:"$agent"=policy="$here/policy.yaml",mode=$mode,audit="$work/audit-$mode.jsonl",agent.id=plain-agent \
    -cp "$classes" dev.klyo.examples.plainagent.PlainAgent "$KLYO_DEMO_HOME" 2>&1 | grep -v "Sharing is only supported"
  echo
  echo "--- audit log ($mode): decisions that denied or would have denied ---"
  if "$java" -jar "$agent" --help 2>/dev/null | grep -qw log; then
    "$java" -jar "$agent" log --effect=deny "$work/audit-$mode.jsonl"
  else
    grep '"effect":"deny"' "$work/audit-$mode.jsonl" || echo "(none)"
  fi
done
