// Lecture mode: a lesson in projector style. One key (L) or ?lecture=1 switches it on:
// large type, no sidebars, one section at a time (← → / Page Up / Page Down, Home, End),
// a full-screen button on every widget. Esc or the button leaves it and scrolls back to
// where the reader was. The sections are the lesson's h2 blocks, marked in place (nothing
// is moved, so widgets keep their state).

import { t } from '../i18n/strings';

const s = t.lecture;
const PARAM = 'lecture';

/** Keys that move between sections, and where they go. */
const MOVES: Record<string, (k: number, n: number) => number> = {
  ArrowRight: (k, n) => Math.min(n - 1, k + 1),
  PageDown: (k, n) => Math.min(n - 1, k + 1),
  ArrowLeft: (k) => Math.max(0, k - 1),
  PageUp: (k) => Math.max(0, k - 1),
  Home: () => 0,
  End: (_, n) => n - 1,
};

/**
 * Which section each child of the article belongs to: the title block is section 0,
 * and every h2 starts the next one. Pure, so it is tested without a page.
 */
export function sectionOf(tags: readonly string[]): number[] {
  let k = 0;
  return tags.map((tag, i) => (tag === 'H2' && i > 0 ? ++k : k));
}

/** Smallest text lecture mode shows, in CSS px: readable from the back of a room at 1280×720. */
export const LECTURE_MIN_TEXT_PX = 20;
const FLOORED = 'lectureFloor';

/**
 * Raise every text in `root` that renders below {@link LECTURE_MIN_TEXT_PX} to that size (an
 * inline style, marked so that {@link unfloorText} takes it back). Charts are not touched (they
 * are shown larger as a whole, lecture.css), nor MathJax's hidden copy of each formula. All sizes
 * are read first and written after, so the page lays out once. Returns how many were raised.
 */
export function floorText(root: ParentNode, min = LECTURE_MIN_TEXT_PX): number {
  const small: HTMLElement[] = [];
  const all = root instanceof HTMLElement ? [root, ...root.querySelectorAll<HTMLElement>('*')] : [...root.querySelectorAll<HTMLElement>('*')];
  for (const el of all) {
    if (el.closest('svg, mjx-assistive-mml') || el.dataset[FLOORED] !== undefined) continue;
    // text of its own, or a MathJax formula (its glyphs are drawn by CSS, not text nodes)
    if (el.tagName !== 'MJX-CONTAINER' && ![...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim())) continue;
    if (el.getClientRects().length === 0) continue; // not shown
    if (parseFloat(getComputedStyle(el).fontSize) < min - 0.05) small.push(el);
  }
  for (const el of small) {
    el.dataset[FLOORED] = el.style.fontSize;
    el.style.fontSize = `${min}px`;
  }
  return small.length;
}

/** Undo {@link floorText} in `root`. */
export function unfloorText(root: ParentNode): void {
  for (const el of root.querySelectorAll<HTMLElement>('[data-lecture-floor]')) {
    el.style.fontSize = el.dataset[FLOORED] ?? '';
    delete el.dataset[FLOORED];
  }
}

/** Keys typed into a control, or moving inside a map or a figure, are not ours. */
function ownedByControl(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el || !el.closest) return false;
  if (el.closest('.lecture-bar')) return false;
  return Boolean(el.closest('input, select, textarea, [contenteditable], [data-map], [tabindex]:not(main):not(article)'));
}

/** Wire lecture mode on a lesson page. */
export function initLectureMode(): void {
  const article = document.querySelector<HTMLElement>('article.lesson');
  const bar = document.querySelector<HTMLElement>('.lecture-bar');
  const button = document.querySelector<HTMLButtonElement>('[data-action="lecture"]');
  if (!article || !bar || !button) return;
  button.hidden = false; // it needs this script
  const root = document.documentElement;
  const children = [...article.children] as HTMLElement[];
  const owners = sectionOf(children.map((c) => (c.matches('.objectives') ? 'SECTION' : c.tagName)));
  const count = Math.max(...owners) + 1;
  const counter = bar.querySelector<HTMLElement>('[data-lecture-counter]')!;
  let current = 0;
  let returnTo = 0;

  // Text that renders small is raised to LECTURE_MIN_TEXT_PX while lecturing: the section shown,
  // the bar, and whatever a widget draws anew there (watched, raised in the next frame).
  let floorPending = false;
  const floorSoon = () => {
    if (floorPending) return;
    floorPending = true;
    requestAnimationFrame(() => {
      floorPending = false;
      if (!root.dataset.lecture) return;
      children.forEach((c, i) => owners[i] === current && floorText(c));
      floorText(bar);
    });
  };
  const watcher = new MutationObserver(floorSoon);

  const show = (k: number) => {
    current = k;
    children.forEach((c, i) => c.classList.toggle('off-slide', owners[i] !== k));
    counter.textContent = s.slide(k + 1, count);
    window.scrollTo(0, 0);
    floorSoon();
  };
  const changed = () => document.dispatchEvent(new Event('lecturechange')); // widgets redraw their charts for lecture mode
  const setParam = (on: boolean) => {
    const url = new URL(location.href);
    if (on) url.searchParams.set(PARAM, '1');
    else url.searchParams.delete(PARAM);
    history.replaceState(history.state, '', url);
  };
  /** The section the reader is looking at: the last one whose start is above the middle of the screen. */
  const sectionInView = () => {
    let k = 0;
    children.forEach((c, i) => {
      if (c.getClientRects().length === 0) return; // not laid out (a script, a hidden element)
      if (c.getBoundingClientRect().top < innerHeight / 2) k = owners[i];
    });
    return k;
  };
  const enter = (start = sectionInView()) => {
    if (root.dataset.lecture) return;
    returnTo = scrollY;
    root.dataset.lecture = '1';
    bar.hidden = false;
    setParam(true);
    show(start);
    watcher.observe(article, { childList: true, subtree: true });
    changed();
    bar.querySelector<HTMLElement>('[data-lecture-exit]')?.focus({ preventScroll: true });
  };
  const leave = () => {
    if (!root.dataset.lecture) return;
    delete root.dataset.lecture;
    watcher.disconnect();
    unfloorText(article);
    unfloorText(bar);
    bar.hidden = true;
    children.forEach((c) => c.classList.remove('off-slide'));
    changed();
    setParam(false);
    window.scrollTo(0, returnTo);
    button.focus({ preventScroll: true });
  };

  button.addEventListener('click', () => enter());
  bar.querySelector('[data-lecture-exit]')?.addEventListener('click', leave);
  bar.querySelector('[data-lecture-prev]')?.addEventListener('click', () => show(MOVES.ArrowLeft(current, count)));
  bar.querySelector('[data-lecture-next]')?.addEventListener('click', () => show(MOVES.ArrowRight(current, count)));
  document.addEventListener('keydown', (event) => {
    if (event.altKey || event.ctrlKey || event.metaKey || event.defaultPrevented) return;
    const lecturing = Boolean(root.dataset.lecture);
    if (event.key === 'Escape' && lecturing && !document.fullscreenElement) {
      event.preventDefault();
      leave();
      return;
    }
    if (ownedByControl(event.target)) return;
    if (event.key.toLowerCase() === 'l') {
      event.preventDefault();
      if (lecturing) leave();
      else enter();
      return;
    }
    const move = lecturing ? MOVES[event.key] : undefined;
    if (move) {
      event.preventDefault();
      show(move(current, count));
    }
  });

  // A widget to full screen (and back), from its own button.
  document.addEventListener('click', async (event) => {
    const b = (event.target as Element).closest?.<HTMLButtonElement>('[data-action="full-screen"]');
    if (!b) return;
    const cell = b.closest<HTMLElement>('.cell');
    if (!cell) return;
    try {
      if (document.fullscreenElement) await document.exitFullscreen();
      else await cell.requestFullscreen();
    } catch {
      b.title = s.noFullScreen;
    }
  });
  document.addEventListener('fullscreenchange', () => {
    for (const b of document.querySelectorAll<HTMLButtonElement>('[data-action="full-screen"]')) {
      const on = document.fullscreenElement === b.closest('.cell');
      b.textContent = on ? s.leaveFullScreen : s.fullScreen;
      b.setAttribute('aria-pressed', String(on));
    }
  });
  for (const cell of article.querySelectorAll<HTMLElement>('.cell.widget')) {
    const head = cell.querySelector('.cell-head');
    if (!head || head.querySelector('[data-action="full-screen"]')) continue;
    const fs = document.createElement('button');
    fs.type = 'button';
    fs.className = 'btn lecture-only';
    fs.dataset.action = 'full-screen';
    fs.setAttribute('aria-pressed', 'false');
    fs.textContent = s.fullScreen;
    head.append(fs);
  }

  if (new URLSearchParams(location.search).get(PARAM) === '1') {
    const target = location.hash ? document.getElementById(decodeURIComponent(location.hash.slice(1))) : null;
    const i = target ? children.findIndex((c) => c === target || c.contains(target)) : -1;
    enter(i >= 0 ? owners[i] : 0);
  }
}
