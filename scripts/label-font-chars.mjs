// Prints the code points (hex, one per line) the label fonts keep when subset from Noto Sans CJK:
// Latin, Greek, Cyrillic, punctuation, kana, full-width forms, every kanji of JIS X 0208 (levels 1
// and 2), the Hangul of KS X 1001 and the hanzi of GB 2312. Used by scripts/build-label-fonts.sh.
const points = new Set();
const range = (from, to) => {
  for (let c = from; c <= to; c++) points.add(c);
};
range(0x20, 0x7e);
range(0xa0, 0x24f); // Latin-1, Latin Extended-A and -B
range(0x370, 0x3ff); // Greek
range(0x400, 0x4ff); // Cyrillic
range(0x2000, 0x206f); // general punctuation
range(0x2100, 0x214f); // letterlike symbols (No., TEL)
range(0x2190, 0x21ff); // arrows
range(0x3000, 0x30ff); // CJK punctuation, hiragana, katakana
range(0xff00, 0xffef); // full- and half-width forms
points.add(0x20ac);
// Double-byte legacy sets, decoded with the WHATWG decoders Node ships.
const table = (encoding, leads, trails) => {
  const decoder = new TextDecoder(encoding);
  for (const lead of leads)
    for (const trail of trails) {
      const text = decoder.decode(new Uint8Array([lead, trail]));
      for (const ch of text) if (ch !== '\ufffd' && ch.codePointAt(0) > 0x7f) points.add(ch.codePointAt(0));
    }
};
const span = (a, b) => Array.from({ length: b - a + 1 }, (_, i) => a + i);
table('euc-jp', span(0xa1, 0xfe), span(0xa1, 0xfe)); // JIS X 0208
table('euc-kr', span(0xb0, 0xc8), span(0xa1, 0xfe)); // KS X 1001 Hangul syllables
table('gbk', span(0xb0, 0xf7), span(0xa1, 0xfe)); // GB 2312 hanzi
process.stdout.write(
  [...points]
    .sort((a, b) => a - b)
    .map((c) => c.toString(16).padStart(4, '0'))
    .join('\n') + '\n',
);
