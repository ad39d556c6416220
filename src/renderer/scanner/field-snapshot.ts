/**
 * A scan into a focused field types its characters there before anyone can know it is a scan.
 * The scanner hook snapshots the field before each key, and when the keys turn out to be a
 * scan it puts the field back as the person left it, in a way React's controlled inputs notice.
 */
type Field = HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;

export interface FieldSnapshot {
  element: Field;
  value: string;
  selectionStart: number | null;
  selectionEnd: number | null;
}

/** Input types whose keys type text; other inputs (checkbox, button, range...) take none. */
const TEXT_INPUT_TYPES = new Set(['text', 'search', 'tel', 'url', 'email', 'number', '']);

/**
 * Where a key pressed on `target` types: a text field, nowhere (null), or 'private' for a field
 * a scan must never be taken from (a PIN or password is typed, and its keys are nobody's scan).
 */
export function typingTargetOf(target: EventTarget | null): Field | null | 'private' {
  if (target instanceof HTMLInputElement) {
    if (target.type === 'password') return 'private';
    return TEXT_INPUT_TYPES.has(target.type) && !target.readOnly ? target : null;
  }
  if (target instanceof HTMLTextAreaElement) return target.readOnly ? null : target;
  if (target instanceof HTMLSelectElement) return target;
  return null;
}

export function snapshotOf(element: Field): FieldSnapshot {
  const caret = element instanceof HTMLSelectElement ? null : selectionOf(element);
  return { element, value: element.value, selectionStart: caret?.[0] ?? null, selectionEnd: caret?.[1] ?? null };
}

export function restoreField(snapshot: FieldSnapshot): void {
  const { element } = snapshot;
  if (element.value === snapshot.value) return;
  // React tracks a controlled input's value through the instance; the prototype's setter plus an
  // input event is what a person's typing looks like to it.
  const setter = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(element), 'value')?.set;
  if (setter) setter.call(element, snapshot.value);
  else element.value = snapshot.value;
  element.dispatchEvent(new Event(element instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true }));
  if (!(element instanceof HTMLSelectElement) && snapshot.selectionStart !== null) {
    try {
      element.setSelectionRange(snapshot.selectionStart, snapshot.selectionEnd);
    } catch {
      /* number inputs have no caret to put back */
    }
  }
}

function selectionOf(element: HTMLInputElement | HTMLTextAreaElement): [number | null, number | null] | null {
  try {
    return [element.selectionStart, element.selectionEnd];
  } catch {
    return null;
  }
}
