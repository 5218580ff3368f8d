"""Bytes -> text.  Windows tools save "Turkish" as Windows-1254 and "Unicode"
as UTF-16 (with a byte-order mark; some tools without); converters write
UTF-8 with or without one.  Anything else (an image, a PDF, a zip) is
refused here, before any parsing could mistake it for text."""
from __future__ import annotations

import codecs

from tools.importer.errors import ImportProblem

# Control characters no text conversion of a document contains (tab, newline,
# carriage return and form feed excepted): their presence means binary data.
_CONTROL = {chr(c) for c in range(32)} - {"\t", "\n", "\r", "\f"}


def decode(data: bytes) -> str:
    if not data.strip():
        raise ImportProblem(1, "the file is empty; expected the text of a performance programme")
    if data.startswith(codecs.BOM_UTF8):
        text = _strict(data[3:], "utf-8")
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = _strict(data, "utf-16")
    elif (order := _utf16_without_bom(data)) is not None:
        text = _strict(data, order)
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            # Not UTF-8: Windows-1254 ("Turkish") decodes any byte but a handful;
            # the control-character check below still refuses binary files.
            text = _strict(data, "cp1254")
    bad = next((i for i, c in enumerate(text) if c in _CONTROL), None)
    if bad is not None:
        line = text.count("\n", 0, bad) + 1
        raise ImportProblem(line, "the file is binary, not text (it holds control characters); "
                                  "convert the programme's PDF to text first")
    return text


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 saved without a byte-order mark.  Most letters of Turkish text (all but ı, ş,
    ğ and their capitals) have a zero high byte, so most bytes at odd (little-endian) or
    even (big-endian) offsets are zero; in binary data or 8-bit text few are."""
    sample = data[:4000]
    if len(sample) < 8 or len(sample) % 2:
        return None
    if sample[1::2].count(0) > 0.5 * (len(sample) // 2):
        return "utf-16-le"
    if sample[0::2].count(0) > 0.5 * (len(sample) // 2):
        return "utf-16-be"
    return None


def _strict(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ImportProblem(line, f"the file is binary, not text (byte {exc.start} is not valid "
                                  f"{encoding}); convert the programme's PDF to text first") from None
