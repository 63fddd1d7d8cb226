#!/usr/bin/env python3
"""Hugo's flavour of a site from scripts/gen_corpus.py, for side-by-side benchmarks.

    python3 scripts/gen_hugo.py KETLUAN_SITE HUGO_SITE

The same Markdown files (content/YYYY/<slug>.md), with each conclusion's province and
cited documents added as taxonomy terms (`provinces`, `documents`, besides `tags`), so
that Hugo makes what ketluan makes: a page per conclusion, a page per province and per
document listing its conclusions, paginated lists of 100, and an RSS feed per list
(Hugo's default). Minimal layouts, no theme. HUGO_SITE must be empty or absent.
Python 3 standard library only.
"""

import os
import re
import sys

CONFIG = """baseURL: https://portal.example.gov.vn/
title: Kết luận (Hugo)
languageCode: vi
pagination:
  pagerSize: 100
taxonomies:
  tag: tags
  province: provinces
  document: documents
"""

BASEOF = """<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><title>{{ .Title }} – {{ site.Title }}</title>
{{ range .AlternativeOutputFormats }}<link rel="{{ .Rel }}" type="{{ .MediaType.Type }}" href="{{ .Permalink }}">{{ end }}
</head><body><header><a href="{{ site.Home.RelPermalink }}">{{ site.Title }}</a></header>
<main>{{ block "main" . }}{{ end }}</main></body></html>
"""

SINGLE = """{{ define "main" }}<article><h1>{{ .Title }}</h1>
<p><time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "02/01/2006" }}</time>
{{ with .Params.province }} · {{ . }}{{ end }}</p>
{{ with .GetTerms "documents" }}<ul>{{ range . }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}</ul>{{ end }}
{{ .Content }}
{{ with .PrevInSection }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}
{{ with .NextInSection }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}
</article>{{ end }}
"""

LIST = """{{ define "main" }}<h1>{{ .Title }}</h1>
<ul>{{ range .Paginator.Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a>
<time>{{ .Date.Format "02/01/2006" }}</time> {{ .Summary | plainify | truncate 200 }}</li>{{ end }}</ul>
{{ template "_internal/pagination.html" . }}{{ end }}
"""

TERMS = """{{ define "main" }}<h1>{{ .Title }}</h1>
<ul>{{ range .Data.Terms.Alphabetical }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> ({{ .Count }})</li>{{ end }}</ul>{{ end }}
"""


def convert(text):
    head, sep, body = text[4:].partition("\n---\n")
    if not text.startswith("---\n") or not sep:
        return text
    lines = head.split("\n")
    extra = []
    for line in lines:
        m = re.match(r"province: (.+)$", line)
        if m:
            extra.append('provinces: ["%s"]' % m[1].strip('"'))
        m = re.match(r"resolutions: \[(.*)\]$", line)
        if m:
            docs = [d.strip() for d in m[1].split(",") if d.strip()]
            extra.append("documents: [" + ", ".join('"%s"' % d for d in docs) + "]")
    return "---\n" + "\n".join(lines + extra) + "\n---\n" + body


def main():
    src, dst = sys.argv[1], sys.argv[2]
    if os.path.exists(dst) and os.listdir(dst):
        sys.exit(f"{dst} is not empty")
    layouts = os.path.join(dst, "layouts")
    os.makedirs(layouts)
    for name, text in [("baseof.html", BASEOF), ("single.html", SINGLE), ("list.html", LIST),
                       ("taxonomy.html", TERMS)]:
        with open(os.path.join(layouts, name), "w", encoding="utf-8") as f:
            f.write(text)
    with open(os.path.join(dst, "hugo.yaml"), "w", encoding="utf-8") as f:
        f.write(CONFIG)
    content = os.path.join(src, "content")
    for d, _, files in os.walk(content):
        out = os.path.join(dst, "content", os.path.relpath(d, content))
        os.makedirs(out, exist_ok=True)
        for name in files:
            with open(os.path.join(d, name), encoding="utf-8") as f:
                text = f.read()
            if name.endswith(".md"):
                text = convert(text)
            with open(os.path.join(out, name), "w", encoding="utf-8") as f:
                f.write(text)


if __name__ == "__main__":
    main()
