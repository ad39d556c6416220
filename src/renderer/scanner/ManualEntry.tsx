import { useState, type FormEvent } from 'react';

/** For a code the scanner cannot read: type it and press Enter; it goes where a scan would. */
export function ManualEntry({ onCode }: { onCode: (code: string) => void }) {
  const [code, setCode] = useState('');
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
        <input value={code} onChange={(e) => setCode(e.target.value)} maxLength={128} data-testid="manual-code" autoComplete="off" />
      </label>
      <button type="submit">Enter</button>
    </form>
  );
}
