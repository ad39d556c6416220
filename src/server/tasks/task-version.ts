import type { FastifyRequest } from 'fastify';
import type { TaskView } from '../../shared/api/tasks';
import { taskChangedWords } from '../../shared/words/refusal-words';
import { etagOf, wantedVersions } from '../http/etag';
import { Problem } from '../http/problem';

/**
 * A task is resolved as its reader saw it: more events may join it after it was read (a station's
 * later push, push-conflict-tasks.ts), and resolving it "as seen" would close what nobody read.
 * If-Match (or a body `version`) naming another version is refused as every stale If-Match is
 * (409 version_mismatch), its detail saying in words what the task reads now, with the current
 * version to send after reading it.
 * Without either, the change is taken as it comes (integrators that do not track versions keep
 * working); the station always sends the version its supervisor screen showed.
 */
export function requireTaskVersion(request: FastifyRequest, task: TaskView): void {
  const wanted = wantedVersions(request);
  if (!wanted || wanted.includes(task.version)) return;
  throw new Problem(409, 'version_mismatch', 'Conflict', taskChangedWords(task), {
    currentVersion: task.version,
    etag: etagOf(task.version),
  });
}
