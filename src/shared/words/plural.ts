/** A count with its noun, singular or plural: plural(1, 'unit') is "1 unit", plural(3, 'box', 'boxes') is "3 boxes". */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}
