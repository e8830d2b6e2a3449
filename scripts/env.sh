# Sourced by the scripts: installs what is missing (scripts/setup) and puts the tools on PATH.
# Usage: . scripts/env.sh [--test]
tools_path=$("$(dirname "${BASH_SOURCE[0]}")/setup" "$@")
export PATH="$tools_path:$HOME/.cargo/bin:$PATH"
# Trunk must not ask the network for its own updates or for tools.
export TRUNK_SKIP_VERSION_CHECK=true
