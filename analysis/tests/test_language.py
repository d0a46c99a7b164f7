"""The Vietnamese page is Vietnamese throughout: headings, table headers, captions, plot texts,
dates and decimal commas (issue 15, item 5), checked on the HTML and on the figures."""
import re
from html.parser import HTMLParser

import matplotlib.pyplot as plt
import matplotlib.text
import pytest

import h5files
from motcua_report import figures, labels, main, national_figures, reader

# English words that have no business on the Vietnamese page (names from the files are
# Vietnamese in the test files, so any of these is the report's own wording).
ENGLISH = re.compile(r"\b(the|of|and|mean|wait|waiting|per|days?|minutes?|counters?|queue|served|"
                     r"replications?|interval|share|time|shown|not|by|domain|staff|overtime|"
                     r"dossiers?|variant|base|difference|better|worse|equal|summary|key|numbers|"
                     r"about|run|file|scenario|province|centers?|rate|on|idle|unserved|backlog|"
                     r"software|down|hours?|median|percentile|citizens?|plot)\b", re.IGNORECASE)


class Texts(HTMLParser):
    """The text of every heading, table header, <summary> and caption of a page."""

    TAGS = {"h1", "h2", "h3", "th", "summary", "title"}

    def __init__(self):
        super().__init__()
        self.stack, self.found = [], []

    def handle_starttag(self, tag, attrs):
        cls = dict(attrs).get("class", "")
        self.stack.append(tag if tag in self.TAGS else "caption" if cls in ("caption", "skip") else None)
        if tag == "img":
            self.found.append(("alt", dict(attrs).get("alt", "")))

    def handle_endtag(self, tag):
        if self.stack:
            self.stack.pop()

    def handle_data(self, data):
        kind = next((k for k in reversed(self.stack) if k), None)
        if kind and data.strip():
            self.found.append((kind, data.strip()))


def english_in(html):
    parser = Texts()
    parser.feed(html)
    return [(kind, text) for kind, text in parser.found
            if ENGLISH.search(re.sub(r"[\w.]+\.png|/\w+", "", text))]  # file names may stay


def page(tmp_path, path, lang="both"):
    out = tmp_path / "out"
    assert main.main([path, "-o", str(out), "--lang", lang]) == main.EXIT_OK
    name = "index.vi.html" if lang == "both" else "index.html"
    return (out / name).read_text(encoding="utf-8"), out


def test_the_vietnamese_center_page_has_no_english_heading_header_or_caption(tmp_path):
    html, out = page(tmp_path, h5files.center_file(str(tmp_path / "c.h5")))
    assert '<html lang="vi">' in html
    assert english_in(html) == []
    assert (out / "wait_by_domain.vi.png").stat().st_size > 1000
    assert "08/09/2025" in html and "2025-09-08" not in html.split("<details>")[0]


def test_the_vietnamese_compare_and_national_pages_have_no_english_heading(tmp_path):
    comp = [("fewer", "wait_mean", "lower", 10.0, -1.0, -2.0, -0.5, 1.0, 0.0, 0.0)]
    html, _ = page(tmp_path, h5files.compare_file(str(tmp_path / "v.h5"), comp), "vi")
    assert english_in(html) == [] and "So sánh theo cặp" in html
    html, _ = page(tmp_path / "n", h5files.national_file(str(tmp_path / "n.h5")), "vi")
    assert english_in(html) == [] and "Số liệu toàn quốc" in html


def test_the_english_page_of_lang_en_has_no_vietnamese_summary(tmp_path):
    html, _ = page(tmp_path, h5files.center_file(str(tmp_path / "c.h5")), "en")
    assert 'id="summary-en"' in html and 'id="summary-vi"' not in html
    assert not (tmp_path / "out" / "index.vi.html").exists()


@pytest.mark.parametrize("stem, _titles, draw", figures.MAIN_PLOTS)
def test_every_vietnamese_plot_is_vietnamese_with_decimal_commas(tmp_path, stem, _titles, draw):
    with reader.open_file(h5files.center_file(str(tmp_path / "c.h5"))) as f:
        try:
            fig, caption = draw(reader.base_results(f), "vi")
        except figures.Skip as why:
            assert not ENGLISH.search(re.sub(r"/\w+", "", str(why)))
            return
        figures.localise(fig, "vi")
        fig.canvas.draw()  # tick labels are made when drawn
        texts = [t.get_text() for t in fig.findobj(matplotlib.text.Text) if t.get_text()]
        plt.close(fig)
    assert not ENGLISH.search(caption), caption
    assert [t for t in texts if ENGLISH.search(t)] == []
    assert not [t for t in texts if re.fullmatch(r"−?\d+\.\d+", t)], "a decimal point in a tick"


@pytest.mark.parametrize("stem, _titles, draw", national_figures.NATIONAL_PLOTS)
def test_every_vietnamese_national_plot_is_vietnamese(tmp_path, stem, _titles, draw):
    with reader.open_file(h5files.national_file(str(tmp_path / "n.h5"))) as f:
        fig, caption = draw(reader.base_results(f), "vi")
        fig.canvas.draw()
        texts = [t.get_text() for t in fig.findobj(matplotlib.text.Text) if t.get_text()]
        plt.close(fig)
    assert not ENGLISH.search(caption)
    assert [t for t in texts if ENGLISH.search(t)] == []


def test_bilingual_labels_split_only_at_vietnamese_brackets():
    assert labels.en_name("Land (đất đai)") == "Land"
    assert labels.vi_name("Land (đất đai)", capital=True) == "Đất đai"
    assert labels.en_name("Urban ward (template)") == "Urban ward (template)"
    assert labels.vi_name("Urban ward (template)") == "Urban ward (template)"
    names = {"land": "Land (đất đai)", "construction": "Construction (xây dựng)"}
    assert labels.counter_name("5-land-construction", "land construction", names, "vi") == \
        "Quầy 5 (đất đai, xây dựng)"
    assert labels.counter_name("5-land-construction", "land", names, "en") == "5-land-construction"
    assert labels.date("2025-09-08", "vi") == "08/09/2025"
