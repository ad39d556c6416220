import type { FastifyRequest } from 'fastify';
import type { TaskView } from '../../shared/api/tasks';
import { taskChangedWords } from '../../shared/words/refusal-words';
import { etagOf, wantedVersions } from '../http/etag';
import { Problem } from '../http/problem';

/**
 * A task is resolved as its reader saw it: more events may join it after it was read (a station's
 * later push, push-conflict-tasks.ts), and resolving it "as seen" would close what nobody read.
 * If-Match (or a body `version`) naming another version is refused with 412 task_changed, its
 * detail saying what the task reads now, and the current version to send after reading it.
 * Without either, the change is taken as it comes (integrators that do not track versions keep
 * working); the station always sends the version its supervisor screen showed.
 */
export function requireTaskVersion(request: FastifyRequest, task: TaskView): void {
  const wanted = wantedVersions(request);
  if (!wanted || wanted.includes(task.version)) return;
  throw new Problem(412, 'task_changed', 'Precondition Failed', taskChangedWords(task), {
    currentVersion: task.version,
    etag: etagOf(task.version),
  });
}

/** How the task routes document a stale If-Match (openapi-document.ts says it beside If-Match). */
export const TASK_IF_MATCH =
  'The ETag (version) of the task as you read it; another current version answers 412 task_changed (the task changed: read it again) with currentVersion. A `version` number in the JSON body does the same. Without either the change is applied to the task as it is.';
