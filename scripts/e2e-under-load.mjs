// `npm run test:e2e:loaded`: the end-to-end suite while one busy process per core keeps the CPU
// full, as on a shared CI machine or a station PC running a virus scan. Scans, sync and printing
// must hold: the specs wait on what happens, never on how long it takes.
import { spawn, spawnSync } from 'node:child_process';
import { availableParallelism } from 'node:os';

const busy = Array.from({ length: availableParallelism() }, () => spawn(process.execPath, ['-e', 'for(;;){}'], { stdio: 'ignore' }));
const stop = () => busy.forEach((p) => p.kill('SIGKILL'));
process.on('exit', stop);
process.on('SIGINT', () => process.exit(130));
console.log(`e2e under load: ${busy.length} busy processes (pids ${busy.map((p) => p.pid).join(', ')})`);
const run = spawnSync('npx', ['playwright', 'test', ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(run.status ?? 1);
