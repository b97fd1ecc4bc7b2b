"""The text of an HTML file's bytes, decoded as a browser decodes them.

WHATWG HTML §13.2.3 "Determining the character encoding", without a transport layer (a
saved file has no `Content-Type` header) and with UTF-8 as the fallback:

1. a byte order mark wins: UTF-8 (EF BB BF), UTF-16BE (FE FF), UTF-16LE (FF FE);
2. else the first 1024 bytes are prescanned (§13.2.3.2) for `<meta charset="…">` or
   `<meta http-equiv="Content-Type" content="…; charset=…">`, skipping comments and the
   attributes of other tags; a UTF-16 label there means UTF-8 and `x-user-defined` means
   windows-1252 (as the prescan says);
3. else UTF-8.

Labels are those of the WHATWG Encoding Standard (https://encoding.spec.whatwg.org/, "Names
and labels"), matched after trimming white space and ignoring case; `iso-8859-1`, `ascii`
and `latin1` mean windows-1252 there, as in every browser. A label the standard does not
know (or one of its "replacement" encodings) is ignored, as the prescan ignores it. Bytes
the encoding cannot decode become U+FFFD, as in a browser; `Decoded.replaced` counts them
so that the reading can say so. Decoding is done by Python's codecs.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

#: Python codec of each WHATWG encoding, by its labels (single-byte encodings named by
#: pattern below are not listed).
_LABELS = {
    **dict.fromkeys(("unicode-1-1-utf-8", "unicode11utf8", "unicode20utf8"), "utf-8"),
    **dict.fromkeys(("utf-8", "utf8", "x-unicode20utf8"), "utf-8"),
    **dict.fromkeys(("866", "cp866", "csibm866", "ibm866"), "cp866"),
    **dict.fromkeys(("csisolatin2", "iso-ir-101", "l2", "latin2"), "iso8859-2"),
    **dict.fromkeys(("csisolatin3", "iso-ir-109", "l3", "latin3"), "iso8859-3"),
    **dict.fromkeys(("csisolatin4", "iso-ir-110", "l4", "latin4"), "iso8859-4"),
    **dict.fromkeys(("csisolatincyrillic", "cyrillic", "iso-ir-144"), "iso8859-5"),
    **dict.fromkeys(("arabic", "asmo-708", "csiso88596e", "csiso88596i"), "iso8859-6"),
    **dict.fromkeys(("csisolatinarabic", "ecma-114", "iso-ir-127"), "iso8859-6"),
    **dict.fromkeys(("csisolatingreek", "ecma-118", "elot_928", "greek", "greek8"), "iso8859-7"),
    **dict.fromkeys(("iso-ir-126", "sun_eu_greek"), "iso8859-7"),
    **dict.fromkeys(("csiso88598e", "csisolatinhebrew", "hebrew", "iso-ir-138"), "iso8859-8"),
    **dict.fromkeys(("visual", "csiso88598i", "logical"), "iso8859-8"),
    **dict.fromkeys(("csisolatin6", "iso-ir-157", "l6"), "iso8859-10"),
    **dict.fromkeys(("csisolatin9", "l9"), "iso8859-15"),
    **dict.fromkeys(("cskoi8r", "koi", "koi8", "koi8-r", "koi8_r"), "koi8-r"),
    **dict.fromkeys(("koi8-ru", "koi8-u"), "koi8-u"),
    **dict.fromkeys(("csmacintosh", "mac", "macintosh", "x-mac-roman"), "mac-roman"),
    **dict.fromkeys(("x-mac-cyrillic", "x-mac-ukrainian"), "mac-cyrillic"),
    **dict.fromkeys(("dos-874", "iso-8859-11", "iso8859-11", "iso885911", "tis-620"), "cp874"),
    "windows-874": "cp874",
    **dict.fromkeys(("ansi_x3.4-1968", "ascii", "cp1252", "cp819", "csisolatin1"), "cp1252"),
    **dict.fromkeys(("ibm819", "iso-ir-100", "l1", "latin1", "us-ascii", "x-cp1252"), "cp1252"),
    **dict.fromkeys(("iso_8859-1:1987", "x-user-defined"), "cp1252"),
    **dict.fromkeys(("csisolatin5", "iso-ir-148", "l5", "latin5", "x-cp1254"), "cp1254"),
    **dict.fromkeys(("iso_8859-9:1989",), "cp1254"),
    **dict.fromkeys(("chinese", "csgb2312", "csiso58gb231280", "gb2312", "gb_2312"), "gb18030"),
    **dict.fromkeys(("gb_2312-80", "gbk", "iso-ir-58", "x-gbk", "gb18030"), "gb18030"),
    **dict.fromkeys(("big5", "big5-hkscs", "cn-big5", "csbig5", "x-x-big5"), "big5hkscs"),
    **dict.fromkeys(("cseucpkdfmtjapanese", "euc-jp", "x-euc-jp"), "euc-jp"),
    **dict.fromkeys(("csiso2022jp", "iso-2022-jp"), "iso2022-jp"),
    **dict.fromkeys(("csshiftjis", "ms932", "ms_kanji", "shift-jis", "shift_jis"), "cp932"),
    **dict.fromkeys(("sjis", "windows-31j", "x-sjis"), "cp932"),
    **dict.fromkeys(("cseuckr", "csksc56011987", "euc-kr", "iso-ir-149", "korean"), "cp949"),
    **dict.fromkeys(("ks_c_5601-1987", "ks_c_5601-1989", "ksc5601", "ksc_5601"), "cp949"),
    "windows-949": "cp949",
    # a UTF-16 label in a <meta> cannot be true of bytes the prescan read as ASCII
    **dict.fromkeys(("csunicode", "iso-10646-ucs-2", "ucs-2", "unicode", "unicodefffe"), "utf-8"),
    **dict.fromkeys(("utf-16", "utf-16le", "utf-16be", "unicodefeff"), "utf-8"),
}
#: ISO-8859-N (N = 2–8, 10, 13–16; 1 and 9 are windows-1252 and -1254) and windows-125N,
#: in the label forms the standard lists: iso-8859-2, iso8859-2, iso88592, iso_8859-2,
#: iso_8859-2:1987, windows-1251, cp1251, x-cp1251.
_ISO = re.compile(r"iso(?:[-_]?8859-?|8859)(\d{1,2})(?::\d{4})?")
_WINDOWS = re.compile(r"(?:windows-|x-cp|cp)125([0-8])")
_ISO_PARTS = {"2", "3", "4", "5", "6", "7", "8", "10", "13", "14", "15", "16"}
#: ASCII white space of HTML (§2.3.1) and the bytes that end an attribute's name or value.
_SPACE = b"\t\n\f\r "
PRESCAN = 1024  # bytes


@dataclass(frozen=True)
class Decoded:
    """An HTML file's text, the WHATWG name of the encoding it was read in ("UTF-8",
    "windows-1251", …), how it was found ("byte order mark", "meta", "default"), and how
    many bytes (or byte sequences) it could not decode and shows as U+FFFD."""

    text: str
    encoding: str
    found: str
    replaced: int = 0


def codec(label: str) -> str | None:
    """The Python codec of a WHATWG encoding label (`label` as written in a page), or None
    for a label the standard does not know."""
    name = label.strip("\t\n\f\r ").lower()
    if name in _LABELS:
        return _LABELS[name]
    iso = _ISO.fullmatch(name)
    if iso and iso[1] in ("1", "9"):
        return "cp1252" if iso[1] == "1" else "cp1254"
    if iso and iso[1] in _ISO_PARTS:
        return f"iso8859-{iso[1]}"
    windows = _WINDOWS.fullmatch(name)
    return f"cp125{windows[1]}" if windows else None


#: The WHATWG names of the codecs above, for messages.
_NAMES = {
    "utf-8": "UTF-8",
    "utf-16-le": "UTF-16LE",
    "utf-16-be": "UTF-16BE",
    "cp866": "IBM866",
    "koi8-r": "KOI8-R",
    "koi8-u": "KOI8-U",
    "mac-roman": "macintosh",
    "mac-cyrillic": "x-mac-cyrillic",
    "cp874": "windows-874",
    "gb18030": "GBK",
    "big5hkscs": "Big5",
    "euc-jp": "EUC-JP",
    "iso2022-jp": "ISO-2022-JP",
    "cp932": "Shift_JIS",
    "cp949": "EUC-KR",
}


def _name(codec_name: str) -> str:
    if codec_name.startswith("cp125"):
        return "windows-" + codec_name[2:]
    if codec_name.startswith("iso8859-"):
        return "ISO-8859-" + codec_name[8:]
    return _NAMES.get(codec_name, codec_name)


def _c1(error: UnicodeError) -> tuple[str, int]:
    """windows-1252's five unassigned bytes (0x81, 0x8D, 0x8F, 0x90, 0x9D) are the C1
    controls of the same number in WHATWG's index (Python's cp1252 refuses them)."""
    assert isinstance(error, UnicodeDecodeError)
    return chr(error.object[error.start]), error.start + 1


codecs.register_error("contested-c1", _c1)


def html_text(raw: bytes) -> Decoded:
    """`raw` (an HTML file's bytes) decoded as a browser decodes it (see the module's
    text); the byte order mark is not part of the text. Never raises."""
    for bom, name in ((b"\xef\xbb\xbf", "utf-8"), (b"\xfe\xff", "utf-16-be")):
        if raw.startswith(bom):
            return _decode(raw[len(bom) :], name, "byte order mark")
    if raw.startswith(b"\xff\xfe"):
        return _decode(raw[2:], "utf-16-le", "byte order mark")
    declared = prescan(raw[:PRESCAN])
    if declared is not None:
        return _decode(raw, declared, "meta")
    return _decode(raw, "utf-8", "default")


def _decode(raw: bytes, name: str, found: str) -> Decoded:
    errors = "contested-c1" if name == "cp1252" else "strict"
    try:
        return Decoded(raw.decode(name, errors), _name(name), found)
    except UnicodeDecodeError:
        text = raw.decode(name, "replace")
        return Decoded(text, _name(name), found, text.count("\ufffd") - _fffd(raw, name))


def _fffd(raw: bytes, name: str) -> int:
    """U+FFFD characters the page holds itself (written as bytes of its encoding)."""
    try:
        return raw.decode(name, "ignore").count("\ufffd")
    except LookupError:  # pragma: no cover - every codec above exists
        return 0


# -- §13.2.3.2 prescan a byte stream to determine its encoding ------------------------------


def prescan(head: bytes) -> str | None:
    """The Python codec a `<meta>` in `head` (the first PRESCAN bytes) declares, or None."""
    position = 0
    end = len(head)
    while position < end:
        if head.startswith(b"<!--", position):
            close = head.find(b"-->", position + 2)  # `<!-->` ends the comment
            if close < 0:
                return None
            position = close + 3
            continue
        if head[position : position + 5].lower() == b"<meta" and head[
            position + 5 : position + 6
        ] in (*(bytes([b]) for b in _SPACE), b"/"):
            found, position = _meta(head, position + 5)
            if found is not None:
                return found
            continue
        if head[position : position + 1] == b"<" and _tag_start(head, position):
            position = _skip_tag(head, position)
            continue
        if head[position : position + 2] in (b"<!", b"</", b"<?"):
            close = head.find(b">", position + 2)
            if close < 0:
                return None
            position = close + 1
            continue
        position += 1
    return None


def _tag_start(head: bytes, position: int) -> bool:
    """`<` then a letter, or `</` then a letter."""
    after = head[position + 1 : position + 2]
    if after == b"/":
        after = head[position + 2 : position + 3]
    return after.isalpha()


def _skip_tag(head: bytes, position: int) -> int:
    """Past the tag at `position` (`<` or `</` and a letter): its name, then its attributes."""
    while position < len(head) and head[position] not in b"\t\n\f\r >":
        position += 1
    while True:
        attribute, position = _attribute(head, position)
        if attribute is None:
            return position


def _meta(head: bytes, position: int) -> tuple[str | None, int]:
    """The encoding a `<meta` whose attributes start at `position` declares (steps 1–10 of
    the prescan's `<meta` branch), and where the prescan goes on."""
    seen: set[bytes] = set()
    got_pragma = False
    need_pragma: bool | None = None
    charset: str | None = None
    while True:
        attribute, position = _attribute(head, position)
        if attribute is None:
            break
        name, value = attribute
        if name in seen:
            continue
        seen.add(name)
        if name == b"http-equiv" and value == b"content-type":
            got_pragma = True
        elif name == b"content" and charset is None:
            label = _from_content(value)
            if label is not None:
                charset, need_pragma = codec(label), True
        elif name == b"charset":
            charset, need_pragma = codec(value.decode("latin-1")), False
    if need_pragma is None or (need_pragma and not got_pragma) or charset is None:
        return None, position
    return charset, position


_CONTENT_CHARSET = re.compile(rb"charset[\t\n\f\r ]*=[\t\n\f\r ]*", re.IGNORECASE)


def _from_content(value: bytes) -> str | None:
    """The label in a `content` attribute (§2.6.3 "extracting a character encoding from a
    meta element"): after `charset=`, quoted or up to white space or `;`."""
    match = _CONTENT_CHARSET.search(value)
    if match is None:
        return None
    rest = value[match.end() :]
    if rest[:1] in (b'"', b"'"):
        close = rest.find(rest[:1], 1)
        return rest[1:close].decode("latin-1") if close > 0 else None
    label = re.match(rb"[^\t\n\f\r ;]*", rest)
    return label[0].decode("latin-1") if label and label[0] else None


def _attribute(head: bytes, position: int) -> tuple[tuple[bytes, bytes] | None, int]:
    """The next attribute (lower-cased name and value) at `position`, and the position
    after it; None at `>` or the end of `head` ("get an attribute", §13.2.3.2)."""
    end = len(head)
    while position < end and (head[position] in _SPACE or head[position] == 0x2F):
        position += 1
    if position >= end or head[position] == 0x3E:  # ">"
        return None, position + 1
    name = bytearray()
    while position < end:
        byte = head[position]
        if byte == 0x3D and name:  # "=" after a name
            position += 1
            break
        if byte in _SPACE:
            while position < end and head[position] in _SPACE:
                position += 1
            if position < end and head[position] == 0x3D:
                position += 1
                break
            return (bytes(name), b""), position
        if byte in (0x2F, 0x3E):  # "/" or ">"
            return (bytes(name), b""), position
        name.append(byte + 0x20 if 0x41 <= byte <= 0x5A else byte)
        position += 1
    while position < end and head[position] in _SPACE:
        position += 1
    if position >= end:
        return None, end
    value = bytearray()
    quote = head[position]
    if quote in (0x22, 0x27):
        close = head.find(bytes([quote]), position + 1)
        if close < 0:
            return None, end
        value = bytearray(head[position + 1 : close].lower())
        return (bytes(name), bytes(value)), close + 1
    if quote == 0x3E:
        return (bytes(name), b""), position
    while position < end and head[position] not in _SPACE and head[position] != 0x3E:
        value.append(head[position])
        position += 1
    return (bytes(name), bytes(value).lower()), position
