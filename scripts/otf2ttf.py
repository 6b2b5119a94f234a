#!/usr/bin/python3
"""Converts one face of an OpenType/CFF font (or collection) to TrueType outlines, for PDFsharp (ADR-011).

PDFsharp 6.2.4 embeds only TrueType outlines correctly: given Noto CJK's CFF outlines it writes the whole 13 MB
face as FontFile2 of a CIDFontType2, which is not valid PDF. This converts the cubic CFF curves to quadratic ones
(cu2qu, at most 1 font unit away from the original) and keeps every other table (cmap, metrics, names), so the
glyphs, metrics and name stay Noto Sans CJK SC.

usage: otf2ttf.py SOURCE.ttc|otf FAMILY OUT.ttf     e.g. NotoSansCJK-Regular.ttc "Noto Sans CJK SC" out.ttf
"""
import sys

from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTCollection, TTFont, newTable


def pick(source, family):
    fonts = TTCollection(source, lazy=True).fonts if source.lower().endswith(".ttc") else [TTFont(source, lazy=True)]
    for font in fonts:
        if font["name"].getDebugName(1) == family:
            return font
    names = ", ".join(f["name"].getDebugName(1) for f in fonts)
    sys.exit(f"otf2ttf: no face named {family!r} in {source} (faces: {names})")


def main(source, family, out):
    font = pick(source, family)
    if "glyf" in font:
        font.save(out)
        return
    order = font.getGlyphOrder()
    glyphs = font.getGlyphSet()
    glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = {}
    for name in order:
        pen = TTGlyphPen(None)
        # TrueType contours run the other way round from PostScript ones.
        glyphs[name].draw(Cu2QuPen(pen, 1.0, reverse_direction=True))
        glyf.glyphs[name] = pen.glyph()
    font["glyf"] = glyf
    font["loca"] = newTable("loca")
    del font["CFF "]
    if "VORG" in font:
        del font["VORG"]  # vertical origins belong to CFF fonts
    font["head"].glyphDataFormat = 0
    maxp = font["maxp"]
    maxp.tableVersion = 0x00010000
    for field in ("maxZones", "maxTwilightPoints", "maxStorage", "maxFunctionDefs", "maxInstructionDefs",
                  "maxStackElements", "maxSizeOfInstructions", "maxComponentElements"):
        setattr(maxp, field, 0)
    maxp.maxZones = 1
    font["post"].formatType = 3.0  # no glyph names: the CFF names would only add size
    font.sfntVersion = "\x00\x01\x00\x00"
    font.save(out)


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    main(*sys.argv[1:])
