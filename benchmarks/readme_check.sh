#!/usr/bin/env bash
# Run the README's commands as a new user would: in fresh virtual environments, with
# budgetlint installed the two ways the README documents (a built wheel, and pip's
# `git+URL@commit` form, here against this checkout's committed HEAD), then every
# `budgetlint …` command of the README's sh blocks (tests/readme_commands.py lists them).
#
#   bash benchmarks/readme_check.sh            # needs the package index for lark, pluggy, click
#
# Exit 0 when every install works, `budgetlint --version` agrees with pyproject.toml and
# every README command exits 0 or 1 (1 = findings); anything else fails the check.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
python="${PYTHON:-python3}"
version="$("$python" -c 'import sys, tomllib; print(tomllib.load(open(sys.argv[1], "rb"))["project"]["version"])' "$root/pyproject.toml")"

echo "== wheel: build and install into a fresh venv"
"$python" -m venv "$work/build-venv"
"$work/build-venv/bin/pip" -q wheel --no-deps -w "$work/dist" "$root"
wheel="$work/dist/budgetlint-$version-py3-none-any.whl"
test -f "$wheel"
"$python" -m venv "$work/wheel-venv"
"$work/wheel-venv/bin/pip" -q install "$wheel"
test "$("$work/wheel-venv/bin/budgetlint" --version)" = "budgetlint $version"

echo "== git+URL@commit: pip install 'budgetlint @ git+file://localhost/…@<HEAD>' into a fresh venv"
commit="$(git -C "$root" rev-parse HEAD)"
"$python" -m venv "$work/git-venv"
"$work/git-venv/bin/pip" -q install "budgetlint @ git+file://localhost$root@$commit"
test "$("$work/git-venv/bin/budgetlint" --version)" = "budgetlint $version"

echo "== the README's budgetlint commands, in a copy of the examples"
mkdir -p "$work/run"
cp -r "$root/examples" "$work/run/examples"
mkdir -p "$work/run/docs" "$work/run/disclosures"
cp "$root"/examples/*.txt "$work/run/docs/"
cp "$root"/examples/*.txt "$work/run/disclosures/"
failed=0
while IFS= read -r arguments; do
    status=0
    (cd "$work/run" && eval "\"$work/wheel-venv/bin/budgetlint\" $arguments" >/dev/null 2>"$work/stderr") || status=$?
    if [ "$status" -gt 1 ]; then
        echo "FAIL (exit $status): budgetlint $arguments"
        cat "$work/stderr"
        failed=1
    else
        echo "ok   (exit $status): budgetlint $arguments"
    fi
done < <("$python" "$root/tests/readme_commands.py")
exit "$failed"
