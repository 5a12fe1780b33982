/**
 * The flashcard deck as pure functions: which card comes next, what marking one does, and
 * how many are known. No DOM and no storage, so the rules are unit-tested on their own.
 *
 * A card marked “Not yet” goes back into the queue AGAIN_GAP cards later (or last, when
 * fewer remain), so it comes back soon but not at once. A card marked “I knew it” leaves the
 * queue for good, until progress is reset.
 */

/** What the reader has marked, by question id. Saved in the browser (see progress.ts). */
export interface Progress {
  /** Ids marked “I knew it”. */
  known: readonly string[];
  /** Ids marked “Not yet” and not known since, oldest first. */
  again: readonly string[];
}

/** One pass through a deck: the queue of cards still to answer, its head being shown. */
export interface DeckState {
  queue: readonly string[];
  /** Whether the current card's answer is shown. */
  revealed: boolean;
}

/** How many cards a “Not yet” card waits before it comes back. */
export const AGAIN_GAP = 3;

export const emptyProgress: Progress = { known: [], again: [] };

/**
 * A deck over `ids` (in page order): cards not yet known, those never marked first in page
 * order, then those marked “Not yet”, in the order they were marked.
 */
export function startDeck(ids: readonly string[], progress: Progress): DeckState {
  const known = new Set(progress.known);
  const again = new Set(progress.again);
  const fresh = ids.filter((id) => !known.has(id) && !again.has(id));
  const inDeck = new Set(ids);
  const retry = progress.again.filter((id) => inDeck.has(id) && !known.has(id));
  return { queue: [...fresh, ...retry], revealed: false };
}

/** The card on show, or null when the deck is done. */
export function currentCard(deck: DeckState): string | null {
  return deck.queue[0] ?? null;
}

/** Show the current card's answer. */
export function reveal(deck: DeckState): DeckState {
  return deck.queue.length ? { ...deck, revealed: true } : deck;
}

/**
 * Mark the current card known: it leaves the queue and joins `known`. Nothing happens
 * before the answer is shown, or when the deck is empty.
 */
export function markKnown(deck: DeckState, progress: Progress): { deck: DeckState; progress: Progress } {
  const id = currentCard(deck);
  if (id === null || !deck.revealed) return { deck, progress };
  return {
    deck: { queue: deck.queue.slice(1), revealed: false },
    progress: { known: [...progress.known.filter((k) => k !== id), id], again: progress.again.filter((k) => k !== id) },
  };
}

/**
 * Mark the current card “Not yet”: it goes back `gap` cards later (last, when fewer remain)
 * and moves to the end of `again`. Nothing happens before the answer is shown.
 */
export function markAgain(deck: DeckState, progress: Progress, gap = AGAIN_GAP): { deck: DeckState; progress: Progress } {
  const id = currentCard(deck);
  if (id === null || !deck.revealed) return { deck, progress };
  const rest = deck.queue.slice(1);
  const at = Math.min(Math.max(1, gap), rest.length);
  return {
    deck: { queue: [...rest.slice(0, at), id, ...rest.slice(at)], revealed: false },
    progress: { known: progress.known.filter((k) => k !== id), again: [...progress.again.filter((k) => k !== id), id] },
  };
}

/** How many of `ids` are marked known. */
export function knownCount(ids: readonly string[], progress: Progress): number {
  const known = new Set(progress.known);
  return ids.filter((id) => known.has(id)).length;
}
