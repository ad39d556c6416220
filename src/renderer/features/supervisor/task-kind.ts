/** A task's kind as a shift lead reads it: "sync-conflict" is a Conflict, "return-label-refund-failed" a Return label refund failed. */
export function taskKindName(kind: string): string {
  if (kind === 'sync-conflict') return 'Conflict';
  const words = kind.replaceAll('-', ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}
