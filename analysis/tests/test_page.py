"""The report page built from small files: what it contains, and its exit codes."""
import os
import re

import h5files
from motcua_report import main


def read(path):
    with open(path, encoding="utf-8") as fh:
        return fh.read()


def test_a_center_file_gives_a_self_contained_page_with_every_plot(tmp_path):
    path = h5files.center_file(str(tmp_path / "c.h5"))
    out = tmp_path / "out"
    assert main.main([path, "-o", str(out)]) == main.EXIT_OK
    html = read(out / "index.html")
    for stem in ("queue_through_day", "wait_distribution", "wait_by_domain", "utilisation",
                 "overtime", "sent_home", "dossiers"):
        assert os.path.getsize(out / f"{stem}.png") > 1000, stem
    assert not (out / "systems.png").exists()  # the file's /systems table is empty
    assert 'id="summary-en"' in html and 'id="summary-vi"' in html
    assert all(src.startswith("data:image/png;base64,") for src in re.findall(r'src="([^"]*)"', html))


def test_a_national_file_gives_the_province_page(tmp_path):
    path = h5files.national_file(str(tmp_path / "n.h5"))
    out = tmp_path / "out"
    assert main.main([path, "-o", str(out)]) == main.EXIT_OK
    html = read(out / "index.html")
    assert "<td>Điện Biên</td>" in html
    assert os.path.getsize(out / "province_wait.png") > 1000


def test_a_foreign_file_exits_2_and_writes_nothing(tmp_path, capsys):
    p = tmp_path / "notes.h5"
    p.write_text("hello")
    assert main.main([str(p), "-o", str(tmp_path / "out")]) == main.EXIT_BAD_INPUT
    assert "not an HDF5 file" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_an_optimize_file_gives_the_advice_page_vietnamese_first(tmp_path):
    path = tmp_path / "opt.h5"
    h5files.write_optimize_file(path)
    out = tmp_path / "page"
    assert main.build(str(path), str(out)) == []
    vi = (out / "index.vi.html").read_text(encoding="utf-8")
    en = (out / "index.html").read_text(encoding="utf-8")
    # The Vietnamese page leads with the advice; the English page shows the Vietnamese summary
    # first, then the English one.
    assert vi.index("So với hiện nay, thay đổi: counters 3 → 4") < vi.index("Các phương án đã so sánh")
    assert en.index('id="summary-vi"') < en.index('id="summary-en"')
    assert "Change from today's layout: counters 3 → 4" in en
    # The recommended layout is the first row, marked; the infeasible one is marked too.
    assert re.search(r'<tr class="better"><td>1</td><td>counters=4</td>', en)
    assert '<tr class="worse"><td>–</td><td>counters=3</td>' in en
    assert (out / "optimize_cost.png").exists() and (out / "optimize_cost.vi.png").exists()


def test_a_province_optimize_file_lists_the_units_that_get_officers_first(tmp_path):
    path = tmp_path / "prov.h5"
    h5files.write_province_file(path)
    out = tmp_path / "page"
    assert main.build(str(path), str(out)) == []
    vi = (out / "index.vi.html").read_text(encoding="utf-8")
    assert "Điều 1 cán bộ biệt phái về: phường B (1)." in vi
    assert vi.index("<td>phường B</td>") < vi.index("<td>xã A</td>")
    assert "10,0 [4,0; 16,0]" in vi  # decimal commas on the Vietnamese page
