import type { UnconfirmedAnswer } from '../../../shared/contract/printing';
import type { unconfirmedPrompt } from './unconfirmed-prompt';

/**
 * The answers to a label that may have printed, in its print queue row: It printed / Print it
 * again for whoever may answer; for anyone else (answerRefusal) who answers instead, as theirs
 * would only be refused.
 */
export function UnconfirmedAnswers({
  prompt,
  onAnswer,
}: {
  prompt: ReturnType<typeof unconfirmedPrompt>;
  onAnswer: (answer: UnconfirmedAnswer['answer']) => void;
}) {
  if (!prompt.mayAnswer)
    return (
      <span className="muted" data-testid="answer-unconfirmed-elsewhere">
        {prompt.text}{' '}
      </span>
    );
  return (
    <span role="group" aria-label={prompt.text} data-testid="answer-unconfirmed">
      <button onClick={() => onAnswer('printed')}>It printed</button>{' '}
      <button onClick={() => onAnswer('print-again')}>Print it again</button>{' '}
    </span>
  );
}
