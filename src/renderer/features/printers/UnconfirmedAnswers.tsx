import type { UnconfirmedAnswer } from '../../../shared/contract/printing';
import { CHECKING_WHO_ANSWERS, type UnconfirmedPrompt } from './unconfirmed-prompt';

/**
 * The answers to a label that may have printed, in its print queue row: It printed / Print it
 * again for whoever may answer; for anyone else (answerRefusal) who answers instead, as theirs
 * would only be refused; none while who is signed in here is not known yet.
 */
export function UnconfirmedAnswers({
  prompt,
  onAnswer,
}: {
  prompt: UnconfirmedPrompt;
  onAnswer: (answer: UnconfirmedAnswer['answer']) => void;
}) {
  if (prompt.checking)
    return (
      <span className="muted" aria-busy="true" data-testid="answer-unconfirmed-checking">
        {CHECKING_WHO_ANSWERS}{' '}
      </span>
    );
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
