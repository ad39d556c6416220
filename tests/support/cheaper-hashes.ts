import { hashCheaplyForTests } from '../../src/server/auth/secrets';

// Servers started inside a test worker hash credentials at a lower cost (secrets.ts says why);
// a server process a test spawns, and every e2e server, hashes at full cost.
hashCheaplyForTests();
