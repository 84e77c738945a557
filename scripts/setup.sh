#!/usr/bin/env bash
# Installs what ctn needs on Debian and is missing: the C libraries it links, and (with --test)
# the OpenAPI validator and the schemathesis fuzzer the tests run, the browser the console
# tests drive (Debian's chromium and chromium-driver, Selenium from PyPI), and the PostgreSQL server
# the PostgreSQL tests start on loopback (Debian's postgresql). Swift 6.x must already be on the PATH.
set -euo pipefail

need=()
for pkg in libcurl4-openssl-dev libsqlite3-dev libssl-dev libjansson-dev; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg")
done
if [ "${1:-}" = "--test" ]; then
  command -v python3 >/dev/null 2>&1 || need+=(python3)
  command -v curl >/dev/null 2>&1 || need+=(curl)
  for pkg in chromium chromium-driver; do dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg"); done
  ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
fi
if [ ${#need[@]} -gt 0 ]; then
  echo "setup: installing ${need[*]}"
  sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get install -y "${need[@]}" >/dev/null 2>&1 || { $sudo apt-get update >/dev/null && $sudo apt-get install -y "${need[@]}"; }
fi

# The tests' Python tools, from PyPI: the OpenAPI validator, the schemathesis fuzzer, Selenium, and openpyxl (which opens the CBAM workbooks).
if [ "${1:-}" = "--test" ]; then
  for tool in openapi_spec_validator:openapi-spec-validator schemathesis:schemathesis selenium:selenium openpyxl:openpyxl; do
    module=${tool%%:*}
    package=${tool##*:}
    python3 -c "import $module" >/dev/null 2>&1 && continue
    echo "setup: installing $package"
    python3 -m pip --version >/dev/null 2>&1 || { sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"; $sudo apt-get install -y python3-pip >/dev/null; }
    python3 -m pip install --quiet --user "$package" 2>/dev/null \
      || python3 -m pip install --quiet --user --break-system-packages "$package"
  done
fi

command -v swift >/dev/null 2>&1 || { echo "setup: swift is not on the PATH (Swift 6.1 or later is needed)" >&2; exit 1; }
