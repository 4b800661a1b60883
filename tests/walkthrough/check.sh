#!/usr/bin/env bash
# Follows the README's walkthrough ("Walkthrough: from a .wit to a typed call") word for word in a
# fresh temporary folder, the way a new user would, and fails when any command fails or prints
# something other than the README's expected output.
#
# The README marks what to take with an HTML comment on the line before a fenced block:
#   <!-- walkthrough: file=PATH -->  the block is the whole content of PATH (relative to the folder
#                                    the commands so far have cd'ed into)
#   <!-- walkthrough: run -->        the block is shell commands, run in order in ONE shell (so a
#                                    `cd` carries over to the next block)
#   <!-- walkthrough: expect -->     the block is exactly what the previous `run` block prints
#                                    (stdout and stderr, as on a terminal)
# WITBOX, which the README asks the reader to set to their checkout, is this checkout.
#
# It installs witbox into ~/.m2 (as the walkthrough's first step says) and builds the example
# project with the `mvn` on the PATH, reusing ~/.m2 for everything else.
# With --spring it follows the README's "Spring Boot" section instead, whose blocks are marked
# `<!-- spring-walkthrough: ... -->` the same way (it starts the application, asks Actuator, stops it).
# Usage: tests/walkthrough/check.sh [--spring] [--keep]   (--keep leaves the temporary folder for a look)
set -euo pipefail

WITBOX="$(cd "$(dirname "$0")/../.." && pwd)"
export WITBOX
readme="$WITBOX/README.md"
keep=false
marker=walkthrough
for arg in "$@"; do
  case "$arg" in
    --keep) keep=true ;;
    --spring) marker=spring-walkthrough ;;
    *) echo "usage: $0 [--spring] [--keep]" >&2; exit 2 ;;
  esac
done

work="$(mktemp -d "${TMPDIR:-/tmp}/witbox-walkthrough.XXXXXX")"
$keep || trap 'rm -rf "$work"' EXIT
mkdir "$work/user" "$work/blocks"

# 1. Cut the marked blocks out of the README into numbered files, with a list of what each is.
awk -v dir="$work/blocks" -v m="$marker" '
  index($0, "<!-- " m ":") && $0 !~ ("^<!-- " m ": [^ ]+ -->$") { print "walkthrough: malformed marker on line " NR ": " $0 > "/dev/stderr"; exit 1 }
  $0 ~ ("^<!-- " m ": .* -->$") {
    marker = $0
    sub("^<!-- " m ": ", "", marker); sub(/ -->$/, "", marker)
    pending = marker; next
  }
  pending != "" && /^```/ && !inside { inside = 1; n++; file = sprintf("%s/%03d", dir, n)
    printf "" > file; print n " " pending > (dir "/index"); pending = ""; next }
  inside && /^```$/ { inside = 0; close(file); next }
  inside { print > file }
  pending != "" && !/^[[:space:]]*$/ { print "walkthrough: marker \"" pending "\" is not followed by a fenced block (line " NR ")" > "/dev/stderr"; exit 1 }
' "$readme"

[[ -s "$work/blocks/index" ]] || { echo "walkthrough: no marked blocks in $readme" >&2; exit 1; }

# The WIT the README prints must be the guest's own WIT, or the plugin would not match it.
wit_block="$(awk '$2 == "file=src/main/wit/world.wit" { printf "%03d", $1 }' "$work/blocks/index")"
[[ -n "$wit_block" ]] || { echo "walkthrough: no block for src/main/wit/world.wit" >&2; exit 1; }
diff -u "$WITBOX/tests/guests/add-greet/world.wit" "$work/blocks/$wit_block" \
  || { echo "walkthrough: the README's world.wit differs from tests/guests/add-greet/world.wit" >&2; exit 1; }

# The pom must ask for the version this checkout installs, or it could pass on an older one in ~/.m2.
version="$(awk '/<artifactId>witbox-parent<\/artifactId>/ { f = 1 }
  f && /<version>/ { gsub(/.*<version>|<\/version>.*/, ""); print; exit }' "$WITBOX/pom.xml")"
pom_block="$(awk '$2 == "file=pom.xml" { printf "%03d", $1 }' "$work/blocks/index")"
[[ -n "$pom_block" ]] || { echo "walkthrough: no block for pom.xml" >&2; exit 1; }
asked="$(grep -A2 '<groupId>dev.witbox</groupId>' "$work/blocks/$pom_block" | grep -o '<version>[^<]*' | sed 's/<version>//' | sort -u | paste -sd ,)"
[[ "$asked" == "$version" ]] \
  || { echo "walkthrough: the README's pom.xml asks for witbox $asked but this checkout is $version" >&2; exit 1; }

# 2. One script that does what the reader does, block by block, in one shell.
driver="$work/driver.sh"
{
  # -e: a command that fails ends the walkthrough there, and its output is shown
  echo 'set -eu'
  #    (fd 3 is the real stderr: the trap may run while a block's redirection is still in effect)
  echo 'exec 3>&2; current=""'
  echo 'trap '"'"'status=$?; if [ $status -ne 0 ] && [ -n "$current" ]; then cat "$current" >&3; echo "walkthrough: a command failed (exit $status)" >&3; fi'"'"' EXIT'
  echo "cd '$work/user'"
  last_run=""
  while read -r n what; do
    block="$work/blocks/$(printf %03d "$n")"
    case "$what" in
      file=*)
        path="${what#file=}"
        echo "mkdir -p \"\$(dirname '$path')\" && cp '$block' '$path' || exit 1"
        ;;
      run)
        last_run="$block.out"
        echo "echo '--- walkthrough: running block $n:' >&2; sed 's/^/    /' '$block' >&2"
        echo "current='$last_run'"
        echo "{"
        cat "$block"
        echo "} > '$last_run' 2>&1"
        echo 'current=""'
        ;;
      expect)
        [[ -n "$last_run" ]] || { echo "walkthrough: expect block $n has no run block before it" >&2; exit 1; }
        # colour codes (Maven 3.8 writes resets even with -B) are invisible on a terminal: not compared
        echo "sed 's/\x1b\[[0-9;]*m//g' '$last_run' | diff -u --label expected --label actual '$block' - || { echo 'walkthrough: block $n: the output differs from the README' >&2; exit 1; }"
        echo "echo '--- walkthrough: output as the README says' >&2"
        last_run=""
        ;;
      *)
        echo "walkthrough: unknown marker '$what' (block $n)" >&2; exit 1 ;;
    esac
  done < "$work/blocks/index"
} > "$driver"

command -v mvn >/dev/null || { echo "walkthrough: needs mvn on the PATH, as the README says" >&2; exit 1; }
start=$SECONDS
bash "$driver"
echo "walkthrough: passed in $((SECONDS - start)) s"
