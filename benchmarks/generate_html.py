"""The HTML variant of a generated casebook (issue 11): the same sources as web pages.

    python -m benchmarks.generate_html [S|M|L ...]

writes `benchmarks/.work/<size>-html/` from `benchmarks/.work/<size>/` (generated first if
needed): the same disputes and quotes, each `sources/src-XXXX.txt` turned into
`sources/src-XXXX.html`, its paragraphs as the `<p>` of an `<article>`, wrapped in the
furniture of a real news page: a site header with a menu, a cookie banner, breadcrumbs,
a byline, a share rail, a newsletter box, a related-stories aside, a comment form and a
footer, with a script and a style sheet. Deterministic: nothing random but the text.
"""

from __future__ import annotations

import re
import shutil
import sys
from html import escape
from pathlib import Path

from benchmarks import generate

FURNITURE_HEAD = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{title} - The Daily Example</title>
<meta property="og:title" content="{title}">
<link rel="stylesheet" href="/static/site.css">
<style>.menu li{{display:inline}} .hidden{{display:none}}</style>
<script>window.dataLayer=window.dataLayer||[];function gtag(){{dataLayer.push(arguments)}}</script>
</head><body>
<div id="cookie-consent" role="dialog"><p>We use cookies and similar technologies to
improve your experience, measure audiences and show relevant advertising.</p>
<button>Accept all</button><button>Manage choices</button></div>
<header class="site-header" role="banner"><a class="logo" href="/">The Daily Example</a>
<nav class="main-nav"><ul class="menu">{menu}</ul></nav>
<form class="search" role="search"><input type="search" placeholder="Search"></form>
<a href="/login" class="login">Sign in</a></header>
<ol class="breadcrumb"><li><a href="/">Home</a></li><li><a href="/world">World</a></li>
<li>{title}</li></ol>
<main><article>
<header><h1>{title}</h1><p class="byline">By Staff Reporter</p>
<time datetime="2024-05-01">1 May 2024</time></header>
<div class="share-tools"><a href="#">Share on Facebook</a> <a href="#">Share on X</a>
<a href="#">Email</a></div>
"""

FURNITURE_TAIL = """<div class="newsletter"><h3>Get the morning briefing</h3>
<p>Sign up for our newsletter and get the day's top stories in your inbox.</p>
<input type="email" placeholder="Email address"><button>Subscribe</button></div>
</article>
<aside class="related"><h2>Related stories</h2><ul>{related}</ul></aside>
<section id="comments"><h2>Comments</h2><form><textarea></textarea>
<button>Post comment</button></form></section></main>
<footer role="contentinfo"><ul>{footer}</ul><p>© 2024 The Daily Example. All rights
reserved.</p></footer>
<script>document.querySelectorAll('.share-tools a').forEach(a=>a.rel='noopener');</script>
</body></html>
"""

#: Bump when the output changes in any way.
VERSION = 1
#: The article's blocks before its body: headline, byline, date (`paragraph:` hints shift).
BEFORE_BODY = 3
_HINT = re.compile(r"paragraph: (\d+)")
MENU = ("World", "Politics", "Business", "Science", "Health", "Sport", "Culture", "Opinion")
FOOTER = ("About us", "Contact", "Privacy policy", "Terms of use", "Advertise", "Careers")


def page(title: str, paragraphs: list[str]) -> str:
    """One web page holding `paragraphs` as its article's body, with furniture around."""
    menu = "".join(f'<li><a href="/{m.lower()}">{m}</a></li>' for m in MENU)
    related = "".join(
        f'<li><a href="/story/{n}">Another story about {MENU[n % len(MENU)].lower()} '
        f"number {n}</a></li>"
        for n in range(6)
    )
    footer = "".join(f'<li><a href="/{f.lower().replace(" ", "-")}">{f}</a></li>' for f in FOOTER)
    body = "\n".join(f"<p>{escape(text, quote=False)}</p>" for text in paragraphs)
    head = FURNITURE_HEAD.format(title=escape(title), menu=menu)
    return head + body + "\n" + FURNITURE_TAIL.format(related=related, footer=footer)


def convert(text_dir: Path, out: Path) -> None:
    """Write the HTML variant of the casebook in `text_dir` to `out` (replaced)."""
    tmp = out.with_name(out.name + ".tmp")
    if tmp.exists():
        shutil.rmtree(tmp)
    shutil.copytree(text_dir, tmp)
    for source in sorted((tmp / "sources").glob("*.txt")):
        paragraphs = [p for p in source.read_text(encoding="utf-8").split("\n\n") if p.strip()]
        title = f"Report {source.stem}"
        source.with_suffix(".html").write_text(page(title, paragraphs), encoding="utf-8")
        source.unlink()
    for disputes in sorted((tmp / "disputes").glob("*.yaml")):
        shifted = _HINT.sub(
            lambda m: f"paragraph: {int(m.group(1)) + BEFORE_BODY}",
            disputes.read_text(encoding="utf-8"),
        )
        disputes.write_text(shifted, encoding="utf-8")
    casebook = tmp / "casebook.yaml"
    text = casebook.read_text(encoding="utf-8")
    casebook.write_text(text.replace(".txt\n", ".html\n"), encoding="utf-8")
    if out.exists():
        shutil.rmtree(out)
    tmp.rename(out)


def ensure(name: str) -> Path:
    """The HTML casebook of size `name`, made from the text one when missing or older."""
    text_dir = generate.ensure(name)
    out = generate.WORK / f"{name}-html"
    stamp = (text_dir / ".generated").read_text(encoding="utf-8") + f" html-{VERSION}"
    mine = out / ".generated"
    if not mine.is_file() or mine.read_text(encoding="utf-8") != stamp:
        convert(text_dir, out)
        mine.write_text(stamp, encoding="utf-8")
    return out


def main(argv: list[str] | None = None) -> int:
    names = (argv if argv is not None else sys.argv[1:]) or list(generate.SIZES)
    for name in names:
        print(ensure(name))
    return 0


if __name__ == "__main__":
    sys.exit(main())
