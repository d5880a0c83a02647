# Sourced by the scripts/ensure-*.sh installers.
# apt_install [--no-recommends] WHAT PACKAGE...: installs the packages with apt-get (through sudo
# when not root), waiting for another apt-get's lock; WHAT names them in errors.
apt_install() {
    local options=()
    if [ "$1" = --no-recommends ]; then options+=(--no-install-recommends); shift; fi
    local what="$1"
    shift
    echo "==> installing $what: $* (apt-get)"
    command -v apt-get >/dev/null 2>&1 ||
        { echo "error: $what ($*) missing, and apt-get is missing to install it" >&2; exit 1; }
    local sudo=""
    if [ "$(id -u)" -ne 0 ]; then
        command -v sudo >/dev/null 2>&1 || { echo "error: installing $what needs root, and sudo is missing" >&2; exit 1; }
        sudo="sudo"
    fi
    export DEBIAN_FRONTEND=noninteractive
    $sudo apt-get update -qq
    $sudo apt-get install -y -qq "${options[@]}" -o DPkg::Lock::Timeout=600 "$@" >/dev/null
}
