import { useEffect, useRef, useState, type FormEvent } from 'react';
import { typingTargetOf } from './field-snapshot';
import { whenKeyboardQuiet } from './keyboard-quiet';

/** Longer than the longest pause the scanner hook bridges inside one scan (wedge-config.ts: 1 s, 1.2 s at its slowest setting). */
const SCAN_OVER_MS = 1_500;

/**
 * For a code the scanner cannot read: type it and press Enter; it goes where a scan would.
 * `askedFor`: while the screen asks for a code that is often typed (a unit's lot or serial), the
 * field takes focus each time this becomes something new, so the packer can just type; not from
 * another text field someone is typing in, nor in the middle of a scan. A scanner's keys into the
 * focused field are taken back out and handled as a scan as before (use-scanner.ts).
 */
export function ManualEntry({ onCode, askedFor = null }: { onCode: (code: string) => void; askedFor?: object | null }) {
  const [code, setCode] = useState('');
  const field = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (!askedFor) return;
    return whenKeyboardQuiet(SCAN_OVER_MS, () => {
      if (typingTargetOf(document.activeElement) === null) field.current?.focus();
    });
  }, [askedFor]);
  function submit(e: FormEvent) {
    e.preventDefault();
    if (!code.trim()) return;
    onCode(code.trim());
    setCode('');
  }
  return (
    <form className="manual-entry" onSubmit={submit}>
      <label>
        Type a code
        {/* No code we read is longer (badges are at most 128). */}
        <input
          ref={field}
          value={code}
          onChange={(e) => setCode(e.target.value)}
          maxLength={128}
          data-testid="manual-code"
          autoComplete="off"
        />
      </label>
      <button type="submit">Enter</button>
    </form>
  );
}
