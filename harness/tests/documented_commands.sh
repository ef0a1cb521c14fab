#!/usr/bin/env bash
# Every command line the documentation quotes still parses: each `racelab SUBCOMMAND ...`
# (also as scripts/racelab or build/racelab) found in a code span or an indented code line
# of README.md, cases/FORMAT.md and the case READMEs is given to the harness with --help
# appended, which parses every option before it and exits 0 only if all are valid.
# scripts/racelab's own subcommands (test, readme, bench, help) must exist.
# usage: documented_commands.sh RACELAB SOURCE_DIR
set -euo pipefail
racelab=$1 src=$2
cd "$src"
docs=(README.md cases/FORMAT.md cases/*/README.md)
[[ -f docs/matrix.md ]] && docs+=(docs/matrix.md)

# Code spans and indented code lines, one per line; a trailing "# comment" dropped.
snippets() {
  grep -ohE '`[^`]+`' "${docs[@]}" | tr -d '`'
  grep -hE '^    +(scripts/|build/)?racelab ' "${docs[@]}" | sed 's/^ *//'
}

checked=0 bad=0
err=$(mktemp)
trap 'rm -f "$err"' EXIT
while IFS= read -r line; do
  line=${line%%  #*}
  [[ $line =~ ^(scripts/|build/)?racelab\ ([a-z]+)(\ (.*))?$ ]] || continue
  prefix=${BASH_REMATCH[1]} sub=${BASH_REMATCH[2]} args=${BASH_REMATCH[4]:-}
  [[ $args == *'<'*'>'* || $args == *'...'* || $args == *'…'* ]] && continue # a template
  case $sub in
    test | readme | bench | help)
      [[ $prefix == scripts/ ]] || { echo "not a harness command: racelab $sub" >&2; bad=$((bad + 1)); }
      [[ $sub == readme && -n $args && $args != --force ]] && { echo "bad: $line" >&2; bad=$((bad + 1)); }
      [[ $sub == bench && -n $args && ! $args =~ ^(--quick|--load)(\ (--quick|--load))?$ ]] &&
        { echo "bad: $line" >&2; bad=$((bad + 1)); }
      checked=$((checked + 1))
      continue ;;
  esac
  # xargs splits like a shell (quotes included) without running a shell.
  if ! printf '%s --help\n' "$args" | xargs "$racelab" "$sub" >/dev/null 2>"$err"; then
    echo "does not parse: $line" >&2
    cat "$err" >&2
    bad=$((bad + 1))
  fi
  checked=$((checked + 1))
done < <(snippets | sort -u)
echo "documented_commands: $checked command lines checked, $bad bad"
((checked > 0)) || { echo "documented_commands: found no command line at all" >&2; exit 1; }
((bad == 0))
