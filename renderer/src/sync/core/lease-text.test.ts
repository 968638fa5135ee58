import { describe, expect, it } from 'vitest';
import type { Lease } from '../../../../app/contract/sync.js';
import { checkOutReason, holderOf, holderText, rowMark, timeText } from './lease-text.js';

const NOW = new Date(2026, 11, 5, 13, 30).getTime();
const at = (hours: number, minutes: number, day = 5) => new Date(2026, 11, day, hours, minutes).getTime();
const lease = (patch: Partial<Lease> = {}): Lease => ({ tree: 'tasks', key: 1, text: 'tasks/1', user: 'ann', mine: false, since: NOW - 60_000, expires: at(14, 5), ...patch });

describe('check-outs in words', () => {
  it('tells whose a check-out is; an ended one is no one’s', () => {
    expect(holderOf(undefined, NOW)).toBe('none');
    expect(holderOf(lease(), NOW)).toBe('other');
    expect(holderOf(lease({ mine: true }), NOW)).toBe('mine');
    expect(holderOf(lease({ mine: true, expires: NOW }), NOW)).toBe('none');
  });

  it('names the holder and the time it ends, with the date when it is not today', () => {
    expect(holderText('tasks/1', lease(), NOW)).toBe('Checked out by ann until 14:05');
    expect(holderText('tasks/1', lease({ mine: true }), NOW)).toBe('Checked out by you (ann) until 14:05');
    expect(holderText('tasks/1', lease({ expires: at(12, 0) }), NOW)).toBe('ann’s check-out ended at 12:00: check it out to edit');
    expect(holderText('tasks/1', undefined, NOW)).toBe('Not checked out: check tasks/1 out to edit it');
    expect(timeText(at(9, 15, 7), NOW)).toBe('7 Dec, 09:15');
  });

  it('says why a record is read-only here, and nothing under my own live check-out', () => {
    expect(checkOutReason('tasks/1', lease({ mine: true }), NOW)).toBeUndefined();
    expect(checkOutReason('tasks/1', lease(), NOW)).toBe('tasks/1 is checked out by ann until 14:05: read-only until they check it in');
    expect(checkOutReason('tasks/1', lease({ mine: true, expires: at(13, 0) }), NOW)).toBe('Your check-out of tasks/1 ended at 13:00: check it out again to edit');
    expect(checkOutReason('tasks/1', undefined, NOW)).toBe('tasks/1 must be checked out before it is changed: use Check out');
  });

  it('marks rows held now, mine apart from others’', () => {
    expect(rowMark('tasks/1', lease(), NOW)).toEqual({ holder: 'other', title: 'Checked out by ann until 14:05' });
    expect(rowMark('tasks/1', lease({ mine: true }), NOW)?.holder).toBe('mine');
    expect(rowMark('tasks/1', lease({ expires: NOW - 1 }), NOW)).toBeUndefined();
  });
});
