/**
 * Adds a user from the command line; the way to create the first admin:
 *
 *   npm run user:add -- --name alice --role admin
 *
 * The password is read from USER_PASSWORD, else from standard input when it is not a terminal
 * (`echo "$PW" | npm run user:add -- ...`), else asked for at the terminal without echo.
 * DATA_DIR names the data directory, as for `npm start` (default ./var). Safe while the server
 * runs: SQLite in WAL mode lets both write.
 */
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { hashPassword } from '../auth/password.ts';
import { passwordSchema, roleSchema, userNameSchema } from '../domain/user.ts';
import { insertAudit } from '../store/audit.ts';
import { openDb } from '../store/db.ts';
import { DuplicateUserError, insertUser } from '../store/users.ts';

const USAGE = 'usage: npm run user:add -- --name NAME --role viewer|planner|admin   (password from USER_PASSWORD, stdin or a prompt)';

async function readStdin(): Promise<string> {
  let text = '';
  for await (const chunk of process.stdin) text += String(chunk);
  return text.replace(/\r?\n$/, '');
}

/** Asks at the terminal, echoing nothing. */
function prompt(question: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const stdin = process.stdin;
    process.stdout.write(question);
    stdin.setRawMode(true);
    stdin.resume();
    stdin.setEncoding('utf8');
    let text = '';
    const onData = (key: string) => {
      for (const ch of key) {
        if (ch === '\r' || ch === '\n') {
          stdin.setRawMode(false);
          stdin.pause();
          stdin.off('data', onData);
          process.stdout.write('\n');
          return resolve(text);
        }
        if (ch === '\u0003') {
          stdin.setRawMode(false);
          return reject(new Error('cancelled'));
        }
        if (ch === '\u007f' || ch === '\b') text = text.slice(0, -1);
        else text += ch;
      }
    };
    stdin.on('data', onData);
  });
}

async function readPassword(): Promise<string> {
  if (process.env.USER_PASSWORD) return process.env.USER_PASSWORD;
  if (!process.stdin.isTTY) return readStdin();
  const first = await prompt('Password (at least 10 characters): ');
  const second = await prompt('Again: ');
  if (first !== second) throw new Error('the two passwords differ');
  return first;
}

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

const { values } = parseArgs({ options: { name: { type: 'string' }, role: { type: 'string' }, help: { type: 'boolean' } } });
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const name = userNameSchema.safeParse(values.name ?? '');
const role = roleSchema.safeParse(values.role);
if (!values.name || !name.success) fail(`${values.name ? `name: ${name.error?.issues[0].message}` : 'a --name is needed'}\n${USAGE}`);
if (!role.success) fail(`--role must be viewer, planner or admin\n${USAGE}`);

let password: string;
try {
  password = passwordSchema.parse(await readPassword());
} catch (err) {
  fail(`password: ${err instanceof z.ZodError ? err.issues[0].message : (err as Error).message}`);
}

const dataDir = process.env.DATA_DIR ?? fileURLToPath(new URL('../../var', import.meta.url));
const db = openDb(dataDir);
try {
  const user = insertUser(db, { name: name.data, role: role.data, passwordHash: await hashPassword(password) });
  insertAudit(db, { userId: null, userName: '(command line)', path: 'cli.user:add', input: JSON.stringify({ name: user.name, role: user.role }), ok: true, error: null, before: null, after: JSON.stringify(user) });
  console.log(`Added ${user.role} ${user.name} (id ${user.id}) to ${dataDir}.`);
} catch (err) {
  if (err instanceof DuplicateUserError) fail(`${err.message}: an admin can reset their password at /admin`);
  throw err;
} finally {
  db.close();
}
