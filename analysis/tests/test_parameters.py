"""docs/parameters.md: every value of the scenario files has a source or an ASSUMPTION, and the page
is what analysis/parameters.py writes from them."""
import os
import textwrap

import parameters


def test_every_value_of_the_scenario_files_has_a_source_or_an_assumption():
    missing = [f"{r['file']}:{r['line']}: {r['path']} = {r['value']}"
               for r in parameters.collect() if r["status"] is None]
    assert not missing, ("values without a `# source: …` or `# ASSUMPTION: …` comment "
                         "(convention: docs/parameters.md):\n" + "\n".join(missing))


def test_docs_parameters_md_is_what_the_script_writes():
    with open(os.path.join(parameters.ROOT, parameters.OUTPUT), encoding="utf-8") as fh:
        page = fh.read()
    assert page == parameters.render(parameters.collect()), (
        "docs/parameters.md is out of date: run /usr/bin/python3 analysis/parameters.py")


def rows_of(tmp_path, text):
    folder = tmp_path / "scenarios" / "templates"
    folder.mkdir(parents=True)
    (folder / "t.toml").write_text(textwrap.dedent(text), encoding="utf-8")
    return {(r["path"], r["line"]): r for r in parameters.collect(str(tmp_path))}


def test_the_nearest_comment_that_names_a_source_is_the_one_used(tmp_path):
    rows = rows_of(tmp_path, """\
        # A header.
        # - share / speed: C10, the mix
        #   of note 2.2.
        #  [S1]  a file's own source, https://example.org
        [scenario]
        name = "not a parameter"

        # D14: patience of an hour.
        [demand]
        a = 1            # ASSUMPTION: a guess
        b = 2            # minutes (an explanation, not a source)
        # seed 004: "đến 20h"
        c = "20:00"
        share = 0.5      # CALIBRATED to C1
        speed = 1.0
        e = 3

        [[procedures]]
        f = 4
        source = "A8 (deadline)"

        [procedures.route]
        r = 1            # ASSUMPTION: a sub-table of the procedure above
        [[procedures.route.steps]]
        q = 2            # ASSUMPTION

        [other]
        g = [
          1,  # [S1]
          2,  # nothing
        ]
        h = 5
        """)
    status = {key: rows[key]["status"] for key in rows}
    assert ("scenario.name", 6) not in rows  # [scenario] and [run] are not parameters
    assert status[("demand.a", 10)] == "ASSUMPTION"  # its own line
    assert status[("demand.b", 11)] == "source"  # not its line's comment: the table's (D14)
    assert rows[("demand.b", 11)]["comment"].line == 8
    assert status[("demand.c", 13)] == "source"  # the line above the key
    assert status[("demand.share", 14)] == "CALIBRATED"  # its own line beats the key note
    assert status[("demand.speed", 15)] == "source"  # the key note of the header
    assert rows[("demand.speed", 15)]["comment"].text == "share / speed: C10, the mix of note 2.2."
    assert status[("procedures[0].f", 19)] == "source"  # the table's source key
    assert ("procedures[0].source", 20) not in rows
    assert status[("procedures[0].route.r", 23)] == "ASSUMPTION"  # a sub-table of element 0
    assert status[("procedures[0].route.steps[0].q", 25)] == "ASSUMPTION"
    assert status[("other.g", 29)] == "source"  # a row per element line; the file's tag [S1]
    assert status[("other.g", 30)] is None  # "nothing" names no source, and nothing else does
    assert status[("other.h", 32)] is None
