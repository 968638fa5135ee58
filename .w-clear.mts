import { openLmdbBackend } from './engine/src/storage/lmdb-backend.ts';
import { mkdtempSync } from 'node:fs';
const b = openLmdbBackend(mkdtempSync('/tmp/clr-'), { storeSlots: 100 } as never);
const s = b.store('m/x/people', { kind: 'plain' });
await b.transaction(() => { for (let i = 1; i <= 5; i++) s.put([i], 'h' + i); });
console.log([...s.keys({})]);
await b.transaction(() => { const ks = [...s.keys({})]; console.log('in txn', ks); for (const k of ks) console.log(s.remove(k)); });
console.log(s.count());
