#!/usr/bin/env bash
# Rebuilds the label fonts in resources/fonts from Debian's Noto packages (SIL OFL 1.1):
#   apt-get install fonts-noto-core fonts-noto-cjk python3-fonttools (run with /usr/bin/python3)
# Noto Sans (Latin, Greek, Cyrillic) regular and bold, and Noto Sans CJK JP regular subset to the
# characters scripts/label-font-chars.mjs lists. pdfkit subsets again per document when it embeds them;
# without subroutines (desubroutinized) that per-document subset is small (~1 kB) and quicker to make.
set -euo pipefail
cd "$(dirname "$0")/.."
out=resources/fonts
chars=$(mktemp)
node scripts/label-font-chars.mjs > "$chars"
latin='U+0020-007E,U+00A0-024F,U+0370-03FF,U+0400-04FF,U+2000-206F,U+20AC,U+2116,U+2190-21FF'
for weight in Regular Bold; do
  /usr/bin/python3 -m fontTools.subset "/usr/share/fonts/truetype/noto/NotoSans-$weight.ttf" --unicodes="$latin" \
    --layout-features='kern,liga' --no-hinting --output-file="$out/NotoSans-$weight.ttf"
done
/usr/bin/python3 -m fontTools.subset /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc --font-number=0 --unicodes-file="$chars" \
  --layout-features='' --no-hinting --desubroutinize --output-file="$out/NotoSansCJKjp-Regular-subset.otf"
cp /usr/share/doc/fonts-noto-core/copyright "$out/LICENSE-noto-core.txt"
cp /usr/share/doc/fonts-noto-cjk/copyright "$out/LICENSE-noto-cjk.txt"
rm "$chars"
ls -l "$out"
