import type { StationServices } from '../../src/main/services/station-services';
import type { Caller } from '../../src/shared/contract/index';
import { dispatch } from '../../src/shared/contract/dispatch';
import { StationCallError, type StationClient } from '../../src/renderer/station-client/index';

/**
 * The renderer's call to main as preload gives it: the handlers of the station services running
 * now (some tests restart them), a refusal turned into a StationCallError with main's code.
 */
export function callMain(services: () => StationServices, caller: Caller): StationClient['call'] {
  return (async (name: string, arg?: unknown) => {
    try {
      return await dispatch(services().handlers, name, arg, caller);
    } catch (err) {
      const e = err as { code?: string; message: string };
      throw new StationCallError(e.code ?? 'error', e.message);
    }
  }) as StationClient['call'];
}
