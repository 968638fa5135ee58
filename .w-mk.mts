import { open } from '@trellis/engine';
import { v1 } from './app/cli/fixtures/migration-app.ts';
const db = await open('/tmp/mig-demo', v1);
await db.notes.insertMany(Array.from({ length: 50000 }, (_, i) => ({ text: `note ${i}`, stars: String(i % 5) })));
await db.close();
