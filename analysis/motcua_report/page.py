"""The self-contained HTML page: inline CSS, images as base64 data URIs, no external resources."""
import base64
import html
import json
import math

CSS = """
body{font-family:'DejaVu Sans',Arial,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;
color:#222;line-height:1.45}
h1{font-size:1.6em;margin-bottom:.2em} h2{border-bottom:1px solid #ccc;padding-bottom:.2em;margin-top:1.8em}
.meta{color:#666;font-size:.9em}
.summary{display:flex;gap:1.5em;flex-wrap:wrap}
.summary section{flex:1 1 420px;background:#f5f8fc;border-left:4px solid #3b7dd8;padding:.4em 1em}
.summary li{margin:.35em 0}
img{max-width:100%;height:auto;border:1px solid #eee}
.caption{color:#444;font-size:.9em;margin-top:.2em}
.skip{color:#8a5a00;background:#fff6e0;padding:.4em .8em;border-left:4px solid #d8a03b}
table{border-collapse:collapse;font-size:.88em;margin:.5em 0}
th,td{border:1px solid #ddd;padding:.25em .6em;text-align:right} th{background:#f0f0f0}
td:first-child,th:first-child,td.l{text-align:left}
tr.better td{background:#e6f4e8} tr.worse td{background:#fbe7e5} tr.different td{background:#efeaf7}
pre{background:#f7f7f7;padding:.8em;overflow-x:auto;font-size:.8em}
code{background:#f3f3f3;padding:0 .2em}
"""


def esc(text):
    return html.escape(str(text), quote=True)


def data_uri(png_bytes):
    return "data:image/png;base64," + base64.b64encode(png_bytes).decode("ascii")


def summary_block(lang, title, intro, items):
    lis = "".join(f"<li>{esc(s)}</li>" for s in items)
    return f'<section lang="{lang}" id="summary-{lang}"><h2>{esc(title)}</h2><p>{esc(intro)}</p><ul>{lis}</ul></section>'


def _pick(lang, en, vi):
    return vi if lang == "vi" else en


def figure_block(title, stem, png, caption, lang="en"):
    saved = _pick(lang, "Also saved as", "Tệp ảnh riêng:")
    anchor = stem[:-3] if stem.endswith(".vi") else stem
    return (f'<h2 id="{anchor}">{esc(title)}</h2><img src="{data_uri(png)}" alt="{esc(title)}">'
            f'<p class="caption">{esc(caption)} ({saved} <code>{esc(stem)}.png</code>.)</p>')


def skipped_block(title, stem, reason, lang="en"):
    return (f'<h2 id="{stem}">{esc(title)}</h2><p class="skip">'
            f'{_pick(lang, "Not shown", "Không hiển thị")}: {esc(reason)}.</p>')


def table(headers, rows, row_classes=None):
    head = "".join(f"<th>{esc(h)}</th>" for h in headers)
    body = []
    for i, row in enumerate(rows):
        cls = f' class="{row_classes[i]}"' if row_classes and row_classes[i] else ""
        body.append(f"<tr{cls}>" + "".join(f"<td>{esc(c)}</td>" for c in row) + "</tr>")
    return f"<table><tr>{head}</tr>{''.join(body)}</table>"


def json_block(data):
    """Machine-readable numbers behind the summary, so that tests and scripts need not parse prose."""
    def clean(x):
        if isinstance(x, float) and math.isnan(x):
            return None
        if isinstance(x, dict):
            return {k: clean(v) for k, v in x.items()}
        return x
    text = json.dumps(clean(data), ensure_ascii=False, sort_keys=True).replace("</", "<\\/")
    return f'<script type="application/json" id="motcua-summary-data">{text}</script>'


def page(title, meta, body_parts, lang="en"):
    return (f"<!DOCTYPE html>\n<html lang=\"{lang}\"><head><meta charset=\"utf-8\">"
            f"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{esc(title)}</title>"
            f"<style>{CSS}</style></head><body><h1>{esc(title)}</h1><p class=\"meta\">{esc(meta)}</p>"
            + "\n".join(body_parts) + "\n</body></html>\n")
