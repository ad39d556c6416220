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
        <input value={code} onChange={(e) => setCode(e.target.value)} data-testid="manual-code" autoComplete="off" />
      </label>
      <button type="submit">Enter</button>
    </form>
  );
}
