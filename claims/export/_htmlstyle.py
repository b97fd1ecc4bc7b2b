"""The HTML report's one stylesheet (inline in the file: the report makes no request).

Colours meet WCAG AAA contrast (7:1 body text) on white: body text #1b1b1b (17.2:1),
muted text #4a4a4a (8.9:1; 8.1:1 on the quote panel #f5f5f3), links #0b57a4 (7.2:1; 6.6:1
on the panel, AA), a highlighted quote #1b1b1b on #fff0a8 (15.0:1). A side's
own colour (the casebook's, unchecked for contrast) is used only for a stripe and a swatch,
never behind or as text. In print, highlights become underlined bold (backgrounds are
often not printed), links show their address, the sources start on a new page. A word
longer than its line (a URL, `=HYPERLINK(...)`) is broken anywhere rather than run past
its card (`overflow-wrap: anywhere` on the body: inherited, and it lets a grid column
shrink); a note keeps its line breaks (`.note`: `white-space: pre-line`).
"""

CSS = """\
:root { color-scheme: light; --ink: #1b1b1b; --muted: #4a4a4a; --line: #c9c9c9;
  --link: #0b57a4; --mark: #fff0a8; --paper: #ffffff; --panel: #f5f5f3; }
* { box-sizing: border-box; }
html { background: var(--paper); color: var(--ink); }
body { margin: 0 auto; max-width: 78rem; padding: 1.5rem 1.25rem 4rem;
  font: 1rem/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif;
  overflow-wrap: anywhere; }
h1 { font-size: 1.9rem; line-height: 1.2; margin: 0 0 .5rem; }
h2 { font-size: 1.4rem; line-height: 1.25; margin: 2.5rem 0 .5rem;
  border-bottom: 2px solid var(--line); padding-bottom: .25rem; }
h3 { font-size: 1.1rem; margin: 0 0 .35rem; }
a { color: var(--link); text-underline-offset: .15em; }
a:focus-visible { outline: 3px solid var(--link); outline-offset: 2px; }
.skip { position: absolute; left: -999rem; }
.skip:focus { left: 1rem; top: 1rem; background: var(--paper); padding: .5rem; }
.lede, .meta, .details, .src-meta dt, figcaption, .label { color: var(--muted); }
.meta { font-size: .9rem; margin: 0 0 1rem; }
nav ol { columns: 2 22rem; padding-left: 1.5rem; }
nav li { break-inside: avoid; margin: .15rem 0; }
.positions { display: grid; gap: 1rem; grid-template-columns: repeat(auto-fit, minmax(18rem, 1fr));
  align-items: start; }
.position { border: 1px solid var(--line); border-left: .45rem solid var(--side, #767676);
  border-radius: .4rem; padding: .85rem 1rem; background: var(--paper); }
.side { margin: 0 0 .5rem; font-size: .9rem; }
.swatch { display: inline-block; width: .8em; height: .8em; border-radius: 50%;
  background: var(--side, #767676); margin-right: .35em; vertical-align: -.05em;
  border: 1px solid #0003; }
.claim { font-weight: 600; margin: 0 0 .6rem; }
.note { white-space: pre-line; }
.rating { display: inline-block; border: 1px solid var(--rating, #767676); border-radius: 1rem;
  padding: 0 .6rem; font-size: .88rem; background: var(--panel); }
.review { margin: 0 0 .75rem; }
.review p { margin: .35rem 0 0; }
figure { margin: .75rem 0 0; }
blockquote { margin: 0; padding: .5rem .75rem; background: var(--panel); border-radius: .3rem;
  white-space: pre-line; }
blockquote p { margin: 0; }
mark { background: var(--mark); color: var(--ink); padding: 0 .1em; border-radius: .15em;
  box-shadow: 0 0 0 1px #d9c45a; }
.missing { font-style: italic; }
figcaption { font-size: .88rem; margin-top: .3rem; }
.differs { font-size: .88rem; margin: .3rem 0 0; }
.source { margin: 2rem 0; }
.src-meta { display: grid; grid-template-columns: max-content 1fr; gap: .1rem 1rem;
  margin: 0 0 1rem; font-size: .92rem; }
.src-meta dt { font-weight: 600; }
.src-meta dd { margin: 0; overflow-wrap: anywhere; }
.text p { margin: 0 0 .8rem; white-space: pre-line; scroll-margin-top: 1rem; }
.text p:target { outline: 3px solid var(--mark); outline-offset: .25rem; background: #fffbe6; }
.pn { display: inline-block; min-width: 3.2em; color: var(--muted); text-decoration: none;
  font-size: .85rem; }
.back { font-size: .8rem; margin-left: .5em; }
.text p.page { color: var(--muted); font-size: .8rem; border-top: 1px dashed var(--muted);
  padding-top: .2rem; }
@media print {
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  nav, .skip, .back { display: none; }
  h2 { break-after: avoid; }
  .positions { grid-template-columns: repeat(2, 1fr); }
  .position, figure { break-inside: avoid; }
  mark { background: none; box-shadow: none; font-weight: 700; text-decoration: underline; }
  blockquote { background: none; border-left: 2px solid #888; }
  #sources { break-before: page; }
  a { color: inherit; }
  a.web::after { content: " <" attr(href) ">"; font-size: .85em; overflow-wrap: anywhere; }
}
"""
