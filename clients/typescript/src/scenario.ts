// What a TypeScript team does with a client generated from the contract, against a real server:
// create, import, page through the list, show, describe, delete, and read a KPS error.

import { strict as assert } from 'node:assert';
import { createHash, generateKeyPairSync, randomBytes } from 'node:crypto';
import {
  Configuration,
  KeypairScope,
  KeypairsApi,
  KpsErrorFromJSON,
  Middleware,
  ResponseError,
} from '../target/generated-sources/kps-client';

const FINGERPRINT = /^[0-9a-f]{2}(:[0-9a-f]{2}){15}$/;
const REQUEST_ID = /^[0-9a-f]{32}$/;

/** The SSH wire blob of an OpenSSH public key line. */
function sshBlob(publicKeyLine: string): Buffer {
  return Buffer.from(publicKeyLine.split(' ')[1], 'base64');
}

/** What `ssh-keygen -l -E md5` prints, without `MD5:`. */
function md5Fingerprint(publicKeyLine: string): string {
  return createHash('md5').update(sshBlob(publicKeyLine)).digest('hex').match(/../g)!.join(':');
}

/** A fresh Ed25519 public key as an OpenSSH line: string "ssh-ed25519", string <32-byte key>. */
function newEd25519PublicKey(comment: string): string {
  const spki = generateKeyPairSync('ed25519').publicKey.export({ format: 'der', type: 'spki' });
  const key = spki.subarray(spki.length - 32);
  const field = (bytes: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(bytes.length);
    return Buffer.concat([length, bytes]);
  };
  const blob = Buffer.concat([field(Buffer.from('ssh-ed25519')), field(key)]);
  return `ssh-ed25519 ${blob.toString('base64')} ${comment}`;
}

export async function runScenario(baseUrl: string, token: string, projectId: string, log: (line: string) => void) {
  let requests = 0;
  const checkHeaders: Middleware = {
    async pre(context) {
      requests++;
      const headers = (context.init.headers ?? {}) as Record<string, string>;
      assert.equal(headers['X-Auth-Token'], token, 'every request carries the token');
      // apiKey(name) is asked for every scheme's header; the runtime drops the ones it gets no value for.
      assert.ok(!('Authorization' in headers), 'no Authorization header next to the token');
      return context;
    },
  };
  const keypairs = new KeypairsApi(
    new Configuration({
      basePath: baseUrl,
      // Only the token scheme gets a value; the aksk scheme's Authorization is not sent.
      apiKey: (name: string) => (name === 'X-Auth-Token' ? token : undefined)!,
      middleware: [checkHeaders],
    }),
  );

  const prefix = `ts-${randomBytes(4).toString('hex')}`;

  // Create: the server generates the key pair and returns the private key once.
  const createdName = `${prefix}-created`;
  const created = (await keypairs.createKeypair({ projectId, createKeypairRequest: { keypair: { name: createdName } } }))
    .keypair;
  assert.equal(created.name, createdName);
  assert.match(created.privateKey ?? '', /^-----BEGIN RSA PRIVATE KEY-----\n/);
  assert.match(created.publicKey, /^ssh-rsa AAAA/);
  assert.equal(created.fingerprint, md5Fingerprint(created.publicKey), 'the fingerprint is the MD5 of the key blob');
  log(`created ${createdName}: ${created.publicKey.split(' ')[0]}, private key returned, fingerprint ${created.fingerprint}`);

  // Import: a real Ed25519 public key, made here, visible to the whole project.
  const laptopName = `${prefix}-laptop`;
  const laptopKey = newEd25519PublicKey('ts@openkps');
  const imported = (
    await keypairs.createKeypair({
      projectId,
      createKeypairRequest: { keypair: { name: laptopName, publicKey: laptopKey, scope: KeypairScope.Domain } },
    })
  ).keypair;
  assert.equal(imported.name, laptopName);
  assert.equal(imported.publicKey, laptopKey);
  assert.equal(imported.privateKey, undefined, 'an import returns no private key');
  assert.match(imported.fingerprint, FINGERPRINT);
  assert.equal(imported.fingerprint, md5Fingerprint(laptopKey));
  log(`imported ${laptopName}: ssh-ed25519, fingerprint ${imported.fingerprint} as computed here`);

  // Three more, so that the list has pages.
  const names = [createdName, laptopName];
  for (const n of [1, 2, 3]) {
    const name = `${prefix}-n${n}`;
    await keypairs.createKeypair({
      projectId,
      createKeypairRequest: { keypair: { name, publicKey: newEd25519PublicKey(`n${n}`) } },
    });
    names.push(name);
  }
  names.sort();

  // List with paging: limit 2, then marker = next_marker until there is none.
  const listed: string[] = [];
  let marker: string | undefined;
  let pages = 0;
  do {
    const page = await keypairs.listKeypairs({ projectId, limit: 2, marker });
    pages++;
    assert.ok(page.keypairs.length <= 2, `a page holds at most limit=2 key pairs, got ${page.keypairs.length}`);
    assert.equal(page.pageInfo.currentCount, page.keypairs.length);
    listed.push(...page.keypairs.map((entry) => entry.keypair.name));
    marker = page.pageInfo.nextMarker;
    assert.ok(pages <= 10, 'the listing ends');
  } while (marker !== undefined);
  const ours = listed.filter((name) => name.startsWith(`${prefix}-`));
  assert.deepEqual(ours, names, 'every key pair listed once, ordered by name');
  assert.ok(pages >= 3, `5 key pairs at 2 a page take 3 pages, took ${pages}`);
  log(`listed ${ours.length} key pairs in ${pages} pages (limit 2, marker = page_info.next_marker)`);

  // Describe (non-ASCII on purpose), then show every detail.
  const description = 'clé 鍵 🔑';
  await keypairs.updateKeypairDescription({
    projectId,
    keypairName: laptopName,
    updateKeypairDescriptionRequest: { keypair: { description } },
  });
  const shown = (await keypairs.showKeypair({ projectId, keypairName: laptopName })).keypair;
  assert.equal(shown.name, laptopName);
  assert.equal(shown.scope, KeypairScope.Domain);
  assert.equal(shown.publicKey, laptopKey);
  assert.equal(shown.fingerprint, imported.fingerprint);
  assert.equal(shown.algorithm, 'ED25519');
  assert.equal(shown.description, description);
  assert.equal(shown.isKeyProtection, false);
  assert.equal(shown.frozenState, 0);
  assert.ok(shown.updateTime >= shown.createTime);
  log(`showed ${laptopName}: ${shown.algorithm}, scope ${shown.scope}, description '${shown.description}'`);

  // Delete all of them.
  for (const name of names) {
    await keypairs.deleteKeypair({ projectId, keypairName: name });
  }
  const left = (await keypairs.listKeypairs({ projectId, limit: 1000 })).keypairs
    .map((entry) => entry.keypair.name)
    .filter((name) => name.startsWith(`${prefix}-`));
  assert.deepEqual(left, [], 'deleted key pairs are not listed');
  log(`deleted ${names.length} key pairs`);

  // A KPS error, read from the typed error the generated client throws.
  try {
    await keypairs.showKeypair({ projectId, keypairName: laptopName });
    assert.fail('showing a deleted key pair must fail');
  } catch (error) {
    if (!(error instanceof ResponseError)) {
      throw error;
    }
    assert.equal(error.response.status, 404);
    assert.match(error.response.headers.get('X-Request-Id') ?? '', REQUEST_ID);
    const kps = KpsErrorFromJSON(await error.response.json());
    assert.equal(kps.errorCode, 'KPS.4016');
    assert.ok(kps.errorMsg.includes(laptopName), `the message names the key pair: ${kps.errorMsg}`);
    log(`showKeypair after delete: HTTP 404 ${kps.errorCode} "${kps.errorMsg}"`);
  }

  log(`all checks passed (${requests} requests)`);
}
