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
      <span>{message.text}</span>
      {message.needsAck && (
        <button onClick={acknowledge} autoFocus data-testid="acknowledge">
          OK
        </button>
      )}
    </div>
  );
}
