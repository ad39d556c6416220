/** What the server and the CLI say while there is no admin yet. Not in cli.ts: that runs its command when loaded. */
export const FIRST_ADMIN_HINT = [
  'No admin yet. Create the first admin API key with one of:',
  '  npm run create-admin        (prints a new key; stop this server first when it uses the embedded database)',
  '  DOCKSIDE_BOOTSTRAP_TOKEN=<24+ random characters> npm run server   (that token becomes the first admin key)',
].join('\n');
