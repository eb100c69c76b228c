#!/usr/bin/env bash
# Fetches libchdb.so (chDB = ClickHouse 26.7 as a library) for the embedded ClickHouse host, outside the repository.
# Idempotent: does nothing when the library is already in place. Prints the library's path on its last line.
# The host finds the library through CHDB_LIB_PATH, default ${XDG_CACHE_HOME:-$HOME/.cache}/explorer/chdb/package/libchdb.so.
set -euo pipefail

package="@chdb/lib-linux-x64-gnu"
version="26.7.3-stable.1"
tarball_name="chdb-lib-linux-x64-gnu-${version}.tgz"
# npm's "shasum" of the tarball (npm view @chdb/lib-linux-x64-gnu@26.7.3-stable.1 dist.shasum).
expected_sha1="d2905fafd0e0ac0e231cccadd1f0f6d010977297"
expected_so_size=566330096

cache_dir="${XDG_CACHE_HOME:-$HOME/.cache}/explorer/chdb"
library="${cache_dir}/package/libchdb.so"
mkdir -p "${cache_dir}"

library_ok() {
    [[ -f "${library}" ]] && [[ "$(stat -c %s "${library}")" == "${expected_so_size}" ]]
}

if library_ok; then
    echo "${library}"
    exit 0
fi

tarball="${cache_dir}/${tarball_name}"
if [[ ! -f "${tarball}" ]] || [[ "$(sha1sum "${tarball}" | cut -d' ' -f1)" != "${expected_sha1}" ]]; then
    rm -f "${tarball}"
    echo "Fetching ${package}@${version} (about 180 MB) with npm pack into ${cache_dir}" >&2
    (cd "${cache_dir}" && npm pack --silent "${package}@${version}" >/dev/null)
fi

actual_sha1="$(sha1sum "${tarball}" | cut -d' ' -f1)"
if [[ "${actual_sha1}" != "${expected_sha1}" ]]; then
    echo "error: ${tarball} has sha1 ${actual_sha1}, expected ${expected_sha1}" >&2
    exit 1
fi

tar -xzf "${tarball}" -C "${cache_dir}" package/libchdb.so
if ! library_ok; then
    echo "error: ${library} is missing or has an unexpected size after extraction" >&2
    exit 1
fi

echo "${library}"
