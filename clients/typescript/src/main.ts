// Starts the openkps server, runs the scenario with the generated TypeScript client, stops the
// server. Exits non-zero (and so fails the Maven build) if anything goes wrong.
//
// node target/js/src/main.js --java <java> --jar <openkps-server.jar> --log <server.log>

import { existsSync } from 'node:fs';
import { runScenario } from './scenario';
import { startServer } from './server';

// The server's default local credential (README).
const TOKEN = process.env.KPS_TOKEN ?? 'local-token';
const PROJECT_ID = process.env.KPS_PROJECT_ID ?? '0b7a2f3c9d4e45f6a1b2c3d4e5f60718';

function option(name: string): string {
  const at = process.argv.indexOf(`--${name}`);
  const value = at >= 0 ? process.argv[at + 1] : undefined;
  if (value === undefined) {
    throw new Error(`missing --${name}; usage: main.js --java <java> --jar <openkps-server-VERSION-exec.jar> --log <server.log>`);
  }
  return value;
}

async function main(): Promise<void> {
  const log = (line: string) => console.log(`[typescript client] ${line}`);
  const jar = option('jar');
  if (!existsSync(jar)) {
    throw new Error(`no server jar at ${jar}: build the server with this module (./mvnw -pl clients/typescript -am verify)`);
  }
  const server = await startServer({
    java: option('java'),
    jar,
    log: option('log'),
    token: TOKEN,
    projectId: PROJECT_ID,
    startTimeoutMs: 180_000,
  });
  try {
    await runScenario(server.baseUrl, TOKEN, PROJECT_ID, log);
  } catch (error) {
    console.error(`[typescript client] server log ends with:\n${server.logTail(40)}`);
    throw error;
  } finally {
    await server.stop();
  }
}

main().catch((error) => {
  console.error(`[typescript client] FAILED: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(1);
});
