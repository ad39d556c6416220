/**
 * Text fields of ZPL as printed, in order: ^FD data of font 0 fields (hex escapes undone) and the
 * ^FX text of fields drawn as graphics.
 */
export function zplTexts(zpl: string): { fd: string[]; all: string[] } {
  const fd: string[] = [];
  const all: string[] = [];
  for (const m of zpl.matchAll(/\^A0N,[^^]*(?:\^FB[^^]*)?\^FH_\^FD(.*?)\^FS|\^FX(.*)\n\^FO\d+,\d+\^GFA/g)) {
    if (m[1] !== undefined) {
      const text = m[1].replace(/_([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
      fd.push(text);
      all.push(text);
    } else all.push(m[2]!);
  }
  return { fd, all };
}
