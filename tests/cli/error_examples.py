#!/usr/bin/env python3
"""Checks (or rewrites) the example messages in docs/errors.md against what motcua prints.

Every ```console block of the page holds one command per "$ motcua ..." line, then the text
it prints (standard output and error together) and a last line "[exit N]". Commands run from
the repository root with the given motcua binary.

usage: error_examples.py MOTCUA_BINARY [--write]
  without --write: exit 1 listing every example whose output differs (a CTest test);
  with --write: replace the outputs in docs/errors.md by what motcua prints now.
"""
import pathlib
import re
import shlex
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parents[2]
PAGE = ROOT / "docs" / "errors.md"
BLOCK = re.compile(r"```console\n(.*?)```", re.S)


def run(binary, command):
    """Output and exit line of one example command, run from the repository root. OUT in a
    command stands for a fresh scratch folder, so that outputs never land in the tree."""
    with tempfile.TemporaryDirectory() as scratch:
        args = shlex.split(command.replace("OUT", scratch))
        done = subprocess.run([binary] + args[1:], cwd=ROOT, capture_output=True, text=True)
        text = (done.stdout + done.stderr).replace(scratch, "OUT")
        return text + ("" if text.endswith("\n") or not text else "\n") + f"[exit {done.returncode}]\n"


def render(binary, block):
    out = []
    for line in block.splitlines():
        if line.startswith("$ motcua "):
            out.append(line + "\n" + run(binary, line[2:]))
    return "".join(out)


def main():
    binary, write = sys.argv[1], "--write" in sys.argv
    page = PAGE.read_text()
    failures = []

    def replace(match):
        fresh = render(binary, match.group(1))
        if fresh != match.group(1):
            failures.append(f"--- docs/errors.md says:\n{match.group(1)}--- motcua prints:\n{fresh}")
        return "```console\n" + fresh + "```"

    updated = BLOCK.sub(replace, page)
    if write:
        PAGE.write_text(updated)
        print(f"error_examples: {len(failures)} example(s) rewritten")
        return 0
    for f in failures:
        print(f)
    print(f"error_examples: {len(BLOCK.findall(page))} block(s), {len(failures)} differ")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
