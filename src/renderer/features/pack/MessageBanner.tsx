import { useEffect } from 'react';
import { useStation } from '../../app/station-store';
import { useShallow } from 'zustand/react/shallow';

/** The last message. An error stays until acknowledged (button or Enter), and blocks scanning meanwhile. */
export function MessageBanner() {
  const { message, acknowledge } = useStation(useShallow((s) => ({ message: s.message, acknowledge: s.acknowledge })));
  useEffect(() => {
    if (!message?.needsAck) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') acknowledge();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [message, acknowledge]);
  if (!message) return null;
  return (
    <div className={`message message-${message.kind}`} role={message.kind === 'error' ? 'alert' : 'status'} data-testid="message">
      <span>
        {bannerText(message.text)}
        {message.notTaken?.length ? (
          <span className="not-taken" data-testid="not-taken">
            {bannerText(
              `Not taken while this waited for OK: ${message.notTaken.join(', ')}. Scan ${message.notTaken.length > 1 ? 'them' : 'it'} again.`,
            )}
          </span>
        ) : null}
      </span>
      {message.needsAck && (
        <button onClick={acknowledge} autoFocus data-testid="acknowledge">
          OK
        </button>
      )}
    </div>
  );
}

/** The longest word shown whole: a code typed or scanned 400 characters long is cut, not left to fill the banner. */
const LONGEST_WORD = 48;

export function bannerText(text: string): string {
  return text.replace(new RegExp(`\\S{${LONGEST_WORD + 1},}`, 'g'), (word) => `${word.slice(0, LONGEST_WORD - 1)}…`);
}
