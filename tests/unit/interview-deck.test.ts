// The flashcard deck (pure rules), saved progress (parsing and recovery, with fake storage)
// and the link state of the walkthrough.
import { describe, expect, it } from 'vitest';
import { AGAIN_GAP, currentCard, emptyProgress, knownCount, markAgain, markKnown, reveal, startDeck, type Progress } from '../../src/interview/deck';
import { PROGRESS_VERSION, STORAGE_KEY, openProgressStore, parseProgress, serializeProgress } from '../../src/interview/progress';
import { readLinkState } from '../../src/interview/state';

const ids = ['a', 'b', 'c', 'd', 'e', 'f'];

describe('deck', () => {
  it('starts with cards never marked, in page order, then the not-yet ones in the order marked; known cards are out', () => {
    expect(startDeck(ids, emptyProgress).queue).toEqual(ids);
    const progress: Progress = { known: ['b', 'zz'], again: ['e', 'a'] };
    expect(startDeck(ids, progress)).toEqual({ queue: ['c', 'd', 'f', 'e', 'a'], revealed: false });
    expect(startDeck(['a', 'b', 'c'], progress).queue).toEqual(['c', 'a']); // a topic deck keeps only its cards
  });

  it('marks only a revealed card', () => {
    const deck = startDeck(ids, emptyProgress);
    expect(markKnown(deck, emptyProgress)).toEqual({ deck, progress: emptyProgress });
    expect(markAgain(deck, emptyProgress)).toEqual({ deck, progress: emptyProgress });
    expect(reveal(deck).revealed).toBe(true);
  });

  it('a known card leaves the deck and is counted', () => {
    const first = markKnown(reveal(startDeck(ids, emptyProgress)), { known: [], again: ['a'] });
    expect(first.deck).toEqual({ queue: ['b', 'c', 'd', 'e', 'f'], revealed: false });
    expect(first.progress).toEqual({ known: ['a'], again: [] });
    expect(knownCount(ids, first.progress)).toBe(1);
    const second = markKnown(reveal(first.deck), first.progress);
    expect(currentCard(second.deck)).toBe('c');
    expect(second.progress.known).toEqual(['a', 'b']);
    expect(knownCount(['b', 'x'], second.progress)).toBe(1);
  });

  it(`a not-yet card comes back after ${AGAIN_GAP} cards, or last when fewer remain`, () => {
    const next = markAgain(reveal(startDeck(ids, emptyProgress)), emptyProgress);
    expect(next.deck.queue).toEqual(['b', 'c', 'd', 'a', 'e', 'f']);
    expect(next.progress).toEqual({ known: [], again: ['a'] });
    expect(markAgain(reveal(startDeck(['a', 'b'], emptyProgress)), emptyProgress).deck.queue).toEqual(['b', 'a']);
    const alone = markAgain(reveal(startDeck(['a'], emptyProgress)), emptyProgress);
    expect(alone.deck).toEqual({ queue: ['a'], revealed: false }); // the last card comes straight back
    expect(markAgain(reveal(startDeck(ids, emptyProgress)), emptyProgress, 1).deck.queue.slice(0, 2)).toEqual(['b', 'a']);
  });

  it('a card marked not yet, then known, is only in known', () => {
    let state = { deck: startDeck(['a', 'b'], emptyProgress), progress: emptyProgress };
    state = markAgain(reveal(state.deck), state.progress); // a → back
    state = markKnown(reveal(state.deck), state.progress); // b known
    expect(currentCard(state.deck)).toBe('a');
    state = markKnown(reveal(state.deck), state.progress);
    expect(state.progress).toEqual({ known: ['b', 'a'], again: [] });
    expect(currentCard(state.deck)).toBeNull();
    expect(reveal(state.deck)).toEqual(state.deck);
  });

  it('cycling always ends: every card is eventually known when marked known on its second showing', () => {
    let state = { deck: startDeck(ids, emptyProgress), progress: emptyProgress };
    const seen = new Map<string, number>();
    for (let step = 0; step < 100 && currentCard(state.deck) !== null; step++) {
      const id = currentCard(state.deck)!;
      seen.set(id, (seen.get(id) ?? 0) + 1);
      state = (seen.get(id) === 1 ? markAgain : markKnown)(reveal(state.deck), state.progress);
    }
    expect(currentCard(state.deck)).toBeNull();
    expect([...seen.values()]).toEqual(ids.map(() => 2));
    expect(knownCount(ids, state.progress)).toBe(ids.length);
  });
});

describe('saved progress', () => {
  const valid = new Set(ids);
  it('reads what it wrote', () => {
    const p: Progress = { known: ['a', 'c'], again: ['b'] };
    expect(parseProgress(serializeProgress(p), valid)).toEqual({ progress: p, problem: null });
    expect(JSON.parse(serializeProgress(p)).version).toBe(PROGRESS_VERSION);
    expect(parseProgress(null, valid)).toEqual({ progress: emptyProgress, problem: null });
  });

  it('resets corrupt JSON, a wrong shape and another version, saying which', () => {
    expect(parseProgress('{"version":1,', valid)).toEqual({ progress: emptyProgress, problem: { kind: 'corrupt' } });
    for (const raw of ['[]', '"a"', 'null', '3', '{}', '{"version":1,"known":"a","again":[]}', '{"version":1,"known":[1],"again":[]}', '{"version":"1","known":[],"again":[]}']) {
      expect(parseProgress(raw, valid), raw).toEqual({ progress: emptyProgress, problem: { kind: 'shape' } });
    }
    for (const v of [0, 2]) expect(parseProgress(JSON.stringify({ version: v, known: ['a'], again: [] }), valid).problem).toEqual({ kind: 'version' });
  });

  it('drops ids of questions that no longer exist and repairs overlaps', () => {
    const raw = JSON.stringify({ version: 1, known: ['a', 'gone', 'a'], again: ['a', 'b', 'old', 'gone'] });
    expect(parseProgress(raw, valid)).toEqual({ progress: { known: ['a'], again: ['b'] }, problem: { kind: 'unknown-ids', count: 2 } });
  });
});

/** A localStorage stand-in; `fail` makes chosen methods throw. */
function fakeStorage(initial: Record<string, string> = {}, fail: { get?: boolean; set?: boolean } = {}): Storage & { data: Map<string, string> } {
  const data = new Map(Object.entries(initial));
  const quota = () => new DOMException('quota', 'QuotaExceededError');
  return {
    data,
    get length() { return data.size; },
    key: (i: number) => [...data.keys()][i] ?? null,
    getItem: (k: string) => { if (fail.get) throw quota(); return data.get(k) ?? null; },
    setItem: (k: string, v: string) => { if (fail.set) throw quota(); data.set(k, v); },
    removeItem: (k: string) => { if (fail.set) throw quota(); data.delete(k); },
    clear: () => data.clear(),
  };
}

describe('progress store', () => {
  const valid = new Set(ids);
  it('saves, reloads and clears', () => {
    const storage = fakeStorage();
    const store = openProgressStore(() => storage, valid);
    expect(store.initial).toEqual({ progress: emptyProgress, problems: [] });
    expect(store.save({ known: ['a'], again: ['b'] })).toBeNull();
    expect(openProgressStore(() => storage, valid).initial.progress).toEqual({ known: ['a'], again: ['b'] });
    expect(store.clear()).toBeNull();
    expect(storage.data.has(STORAGE_KEY)).toBe(false);
    expect(store.inMemory).toBe(false);
  });

  it('a bad record is reported once and removed (or cleaned) at once', () => {
    const storage = fakeStorage({ [STORAGE_KEY]: 'not json' });
    expect(openProgressStore(() => storage, valid).initial.problems).toEqual([{ kind: 'corrupt' }]);
    expect(storage.data.has(STORAGE_KEY)).toBe(false);
    expect(openProgressStore(() => storage, valid).initial.problems).toEqual([]);
    storage.data.set(STORAGE_KEY, JSON.stringify({ version: 1, known: ['a', 'gone'], again: [] }));
    expect(openProgressStore(() => storage, valid).initial.problems).toEqual([{ kind: 'unknown-ids', count: 1 }]);
    expect(JSON.parse(storage.data.get(STORAGE_KEY)!).known).toEqual(['a']);
  });

  it('storage that is missing or throws keeps progress in memory, with one notice', () => {
    for (const getStorage of [() => null, () => { throw new DOMException('denied', 'SecurityError'); }, () => fakeStorage({}, { get: true })]) {
      const store = openProgressStore(getStorage, valid);
      expect(store.initial).toEqual({ progress: emptyProgress, problems: [{ kind: 'unavailable' }] });
      expect(store.inMemory).toBe(true);
      expect(store.save({ known: ['a'], again: [] })).toBeNull();
    }
  });

  it('a refused write switches to memory and says so once', () => {
    const store = openProgressStore(() => fakeStorage({}, { set: true }), valid);
    expect(store.initial.problems).toEqual([]);
    expect(store.save({ known: ['a'], again: [] })).toEqual({ kind: 'unavailable' });
    expect(store.inMemory).toBe(true);
    expect(store.save({ known: ['a', 'b'], again: [] })).toBeNull();
    const broken = openProgressStore(() => fakeStorage({ [STORAGE_KEY]: '[' }, { set: true }), valid);
    expect(broken.initial.problems).toEqual([{ kind: 'corrupt' }, { kind: 'unavailable' }]);
  });
});

describe('link state', () => {
  const topics = ['cost', 'shapes'];
  it('reads mode and deck; ignores unknown values with a notice', () => {
    expect(readLinkState(new URLSearchParams(''), topics)).toEqual({ mode: 'read', topic: 'all', notices: [] });
    expect(readLinkState(new URLSearchParams('iv.mode=cards&iv.topic=cost'), topics)).toEqual({ mode: 'cards', topic: 'cost', notices: [] });
    const bad = readLinkState(new URLSearchParams('iv.mode=quiz&iv.topic=gossip'), topics);
    expect(bad.mode).toBe('read');
    expect(bad.topic).toBe('all');
    expect(bad.notices).toEqual([expect.stringMatching(/mode “quiz” was ignored/), expect.stringMatching(/deck “gossip” was ignored/)]);
  });
});
