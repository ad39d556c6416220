import { z } from 'zod';

/** What e2e asks a server farm (server-farm.ts) over IPC: start a central server, or stop one. */
export const FarmRequest = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('start'),
    id: z.string().min(1),
    dataDir: z.string().min(1),
    port: z.number().int().min(1).max(65_535),
    /** Settings of this server alone, over the farm's environment (DOCKSIDE_BOOTSTRAP_TOKEN, say). */
    env: z.record(z.string(), z.string()),
  }),
  z.object({ type: z.literal('stop'), id: z.string().min(1) }),
]);
export type FarmRequest = z.infer<typeof FarmRequest>;

/** What the farm answers: it is ready for requests; a server started (or failed to) or stopped. */
export const FarmReply = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }),
  z.object({ type: z.literal('started'), id: z.string(), url: z.string().url() }),
  z.object({ type: z.literal('failed'), id: z.string(), error: z.string() }),
  z.object({ type: z.literal('stopped'), id: z.string() }),
]);
export type FarmReply = z.infer<typeof FarmReply>;
