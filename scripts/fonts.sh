#!/usr/bin/env bash
# The font of the award notice PDF (ADR-011): Noto Sans CJK SC from Debian's fonts-noto-cjk, converted once per
# machine from its CFF outlines to TrueType outlines (PDFsharp 6.2.4 embeds only those correctly) with Debian's
# python3-fonttools. Prints the path of the converted font; installs the Debian packages when they are missing.
#   RENEWAL_FONT_CACHE  folder of the converted font (default ~/.cache/renewal/fonts)
# The web app and the CLI find the font there by default, or at Reports:FontPath / RENEWAL_PDF_FONT / --font.
set -euo pipefail
cd "$(dirname "$0")/.."

cache="${RENEWAL_FONT_CACHE:-${HOME:-/root}/.cache/renewal/fonts}"
out="$cache/NotoSansCJKsc-Regular.ttf"
source_ttc=/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc

if [ ! -s "$out" ]; then
  missing=()
  dpkg -s fonts-noto-cjk >/dev/null 2>&1 || missing+=(fonts-noto-cjk)
  dpkg -s python3-fonttools >/dev/null 2>&1 || missing+=(python3-fonttools)
  if [ "${#missing[@]}" -gt 0 ]; then
    echo "scripts/fonts.sh: installing ${missing[*]} (Debian)…" >&2
    { DEBIAN_FRONTEND=noninteractive apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"; } >&2
  fi
  mkdir -p "$cache"
  # One conversion at a time (test projects may ask at once); the others wait and then find the file.
  exec 9>"$cache/.lock"
  flock 9
  if [ ! -s "$out" ]; then
    echo "scripts/fonts.sh: converting Noto Sans CJK SC to TrueType outlines (once per machine, about 1–2 minutes)…" >&2
    /usr/bin/python3 scripts/otf2ttf.py "$source_ttc" "Noto Sans CJK SC" "$out.tmp"
    mv "$out.tmp" "$out"
  fi
fi
echo "$out"
