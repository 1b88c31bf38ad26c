#!/usr/bin/env bash
# Builds resources/fonts/NotoSansSC-Regular-gb2312.woff2: the Simplified Chinese face of Noto Sans
# CJK cut down to what a prescription slip can hold, so printed PDFs embed one small font and look
# the same on every workstation whatever fonts its system has.
#
# Kept: ASCII, Latin-1 (µ ×), Greek μ, general punctuation, CJK symbols and punctuation, fullwidth
# forms, and every character of GB 2312 (its 6,763 Hanzi plus its symbol rows). Outlines are
# converted to TrueType and the result compressed as WOFF2.
#
# Usage: build/subset-font.sh [SOURCE.ttc]
#   SOURCE defaults to Debian's fonts-noto-cjk collection. The face is picked by family name
#   ('Noto Sans CJK SC'), not by a fixed index, so another build of the collection also works.
#   Needs Python 3 with fontTools and brotli (Debian: python3-fonttools python3-brotli); set PYTHON
#   to choose the interpreter.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source_font="${1:-/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc}"
family='Noto Sans CJK SC'
out_dir="$repo_root/resources/fonts"
out_file="$out_dir/NotoSansSC-Regular-gb2312.woff2"

# The first interpreter that has fontTools and brotli: $PYTHON, python3 on PATH, then the system one.
python=''
for candidate in "${PYTHON:-}" python3 /usr/bin/python3; do
  [[ -n "$candidate" ]] || continue
  if "$candidate" -c 'import fontTools.subset, brotli' 2>/dev/null; then
    python="$candidate"
    break
  fi
done
if [[ -z "$python" ]]; then
  echo 'subset-font: needs Python 3 with fontTools and brotli (python3-fonttools python3-brotli)' >&2
  exit 1
fi
[[ -f "$source_font" ]] || { echo "subset-font: no such font: $source_font" >&2; exit 1; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# Index of the wanted face inside the collection.
font_number="$("$python" - "$source_font" "$family" <<'PY'
import sys
from fontTools.ttLib import TTCollection
path, family = sys.argv[1], sys.argv[2]
for index, font in enumerate(TTCollection(path, lazy=True).fonts):
    if font['name'].getDebugName(1) == family:
        print(index)
        break
else:
    sys.exit(f'subset-font: no face named {family!r} in {path}')
PY
)"

# GB 2312 as text: every two-byte code (rows 0xA1–0xF7, cells 0xA1–0xFE) that decodes.
"$python" - "$work/gb2312.txt" <<'PY'
import sys
chars = []
for row in range(0xA1, 0xF8):
    for cell in range(0xA1, 0xFF):
        try:
            chars.append(bytes((row, cell)).decode('gb2312'))
        except UnicodeDecodeError:
            pass
hanzi = sum(1 for c in chars if '\u4e00' <= c <= '\u9fff')
if hanzi != 6763:
    sys.exit(f'subset-font: expected 6763 GB 2312 Hanzi, decoded {hanzi}')
with open(sys.argv[1], 'w', encoding='utf-8') as out:
    out.write(''.join(chars))
PY

unicodes='U+0020-007E,U+00A0-00FF,U+03BC,U+2000-206F,U+3000-303F,U+FF00-FFEF'

"$python" -m fontTools.subset "$source_font" \
  --font-number="$font_number" \
  --unicodes="$unicodes" \
  --text-file="$work/gb2312.txt" \
  --layout-features='ccmp,kern,liga,calt,mark,mkmk' \
  --no-hinting \
  --output-file="$work/subset.otf"

# CFF outlines become TrueType (quadratic) ones: Chromium's PDF writer embeds a TrueType font as
# a real font subset, but turns CFF glyphs into Type 3 procedures, which print less crisply.
mkdir -p "$out_dir"
"$python" - "$work/subset.otf" "$out_file" <<'PY'
import sys
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTFont, newTable

source, target = sys.argv[1], sys.argv[2]
font = TTFont(source, recalcTimestamp=False)
order = font.getGlyphOrder()
glyphs = font.getGlyphSet()
glyf = newTable('glyf')
glyf.glyphOrder = order
glyf.glyphs = {}
for name in order:
    pen = TTGlyphPen(glyphs)
    # Within one font unit of the cubic curves; TrueType contours run the other way round.
    glyphs[name].draw(Cu2QuPen(pen, max_err=1.0, reverse_direction=True))
    glyf[name] = pen.glyph()
font['glyf'] = glyf
font['loca'] = newTable('loca')
maxp = newTable('maxp')
maxp.tableVersion = 0x00010000
for field in ('maxTwilightPoints', 'maxStorage', 'maxFunctionDefs', 'maxInstructionDefs',
              'maxStackElements', 'maxSizeOfInstructions', 'maxComponentElements'):
    setattr(maxp, field, 0)
maxp.maxZones = 1
font['maxp'] = maxp
font['post'].formatType = 3.0
font['head'].glyphDataFormat = 0
for table in ('CFF ', 'VORG'):
    if table in font:
        del font[table]
font.sfntVersion = '\x00\x01\x00\x00'
font.flavor = 'woff2'
font.save(target)
PY

echo "subset-font: wrote $out_file ($(wc -c <"$out_file") bytes) from face $font_number of $source_font"
