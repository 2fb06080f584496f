"""HTML pages: the article's main text, title and date; scripts, menus and share bars dropped.

The main text is the ``<article>`` (or the element with the most paragraph text); each block
becomes a paragraph, a ``<figcaption>`` a caption line and an author element the byline.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Iterator

from selectolax.lexbor import LexborHTMLParser as HTMLParser, LexborNode as Node

from ..document import Document, Rejected
from . import reader
from .decode import DecodeError, decode_bytes

_DROP = "script, style, noscript, nav, header, footer, aside, form, iframe, svg, button, select, template"
_BLOCKS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "figcaption", "li", "blockquote", "pre", "td", "time"}
_AUTHOR = re.compile(r"author|byline|tac-?gia|source", re.I)
_FURNITURE_CLASS = re.compile(r"share|social|related|breadcrumb|menu|comment|tags?\b|print|banner|advert|\bads?\b", re.I)


def _text(node: Node) -> str:
    return " ".join(node.text(separator=" ").split())


def _main_node(tree: HTMLParser) -> Node | None:
    arts = tree.css("article")
    if arts:
        return max(arts, key=lambda n: len(n.text()))
    best, best_len = None, 0
    for n in tree.css("div, main, section"):
        ps = n.css("p")
        length = sum(len(p.text()) for p in ps)
        if length > best_len:
            best, best_len = n, length
    return best or tree.body


def _blocks(node: Node) -> list[str]:
    out: list[str] = []
    for child in node.iter(include_text=False):
        cls = " ".join(filter(None, [child.attributes.get("class"), child.attributes.get("id")]))
        if cls and _FURNITURE_CLASS.search(cls):
            continue
        if child.tag in _BLOCKS:
            if child.tag == "time":
                continue
            t = _text(child)
            if t:
                out.append(t)
        elif child.tag in ("div", "section", "figure", "main", "article", "span", "ul", "ol", "table", "tbody", "tr"):
            inner = _blocks(child)
            if inner:
                out.extend(inner)
            elif child.tag in ("div", "section", "span"):
                t = _text(child)
                if t:
                    out.append(t)
    return out


@reader(".html", ".htm")
def read_html(path: Path) -> Iterator[Document | Rejected]:
    try:
        raw = decode_bytes(path.read_bytes())
    except DecodeError as e:
        yield Rejected(str(path), str(e))
        return
    if "<" not in raw:
        yield Rejected(str(path), "not an HTML page (no markup)")
        return
    tree = HTMLParser(raw)
    title = None
    for sel in ("article h1", "h1", 'meta[property="og:title"]', "title"):
        n = tree.css_first(sel)
        if n is not None:
            title = (n.attributes.get("content") if n.tag == "meta" else _text(n)) or None
            if title:
                break
    date = None
    n = tree.css_first('meta[property="article:published_time"]') or tree.css_first("time[datetime]")
    if n is not None:
        date = (n.attributes.get("content") or n.attributes.get("datetime") or "")[:10] or None
    url = None
    n = tree.css_first('link[rel="canonical"]') or tree.css_first('meta[property="og:url"]')
    if n is not None:
        url = n.attributes.get("href") or n.attributes.get("content")
    for n in tree.css(_DROP):
        n.decompose()
    main = _main_node(tree)
    if main is None:
        yield Rejected(str(path), "no article text found in the page")
        return
    paragraphs = _blocks(main)
    author = [n for n in main.css("[class]") if _AUTHOR.search(n.attributes.get("class") or "")]
    if paragraphs and title and paragraphs[0] != title:
        paragraphs.insert(0, title)
    if author:
        name = _text(author[-1])
        if name and (not paragraphs or paragraphs[-1] != name):
            paragraphs.append(name)
    text = "\n\n".join(paragraphs)
    if not text.strip():
        yield Rejected(str(path), "no article text found in the page")
        return
    yield Document(id=path.stem, text=text, source=str(path), url=url, title=title, date=date)
