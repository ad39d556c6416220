/**
 * Field data goes out under `^FH_`: the three characters ZPL would read as commands or as the hex
 * indicator become hex escapes, so label data can never inject ZPL. Line breaks become spaces.
 */
export function escapeZplField(text: string): string {
  return text.replace(/[\r\n\t]+/g, ' ').replace(/[_^~]/g, (c) => `_${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** `^FH_^FD<escaped>^FS` */
export function zplField(text: string): string {
  return `^FH_^FD${escapeZplField(text)}^FS`;
}
