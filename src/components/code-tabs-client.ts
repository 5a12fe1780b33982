// TypeScript / PyTorch tabs of a code cell (CodeCell.astro with `python`), the ARIA tabs
// pattern: ← → Home End move between the tabs and show the one focused; Tab then goes to the
// code itself (Shiki's <pre> is focusable, so the panel is not a second tab stop). Without this script both panels show, TypeScript first. The language chosen is
// the same in every cell of the page and is remembered in the browser.

/** The languages a code cell can show, in tab order. */
export type CodeLang = 'ts' | 'python';

const KEY = 'hbh-code-lang';

/** Read the remembered language; anything else (or no storage) is TypeScript. */
export function readCodeLang(storage: () => Pick<Storage, 'getItem'>): CodeLang {
  try {
    return storage().getItem(KEY) === 'python' ? 'python' : 'ts';
  } catch {
    return 'ts';
  }
}

function saveCodeLang(lang: CodeLang): void {
  try {
    window.localStorage.setItem(KEY, lang);
  } catch {
    // storage blocked: the choice lasts for this page only
  }
}

function tabsOf(group: HTMLElement): HTMLButtonElement[] {
  return [...group.querySelectorAll<HTMLButtonElement>('[data-tablist] > button')];
}

/** Show `lang` in one cell: select its tab, show its panel, hide the other. */
function select(group: HTMLElement, lang: CodeLang): void {
  for (const tab of tabsOf(group)) {
    const selected = tab.dataset.lang === lang;
    tab.setAttribute('aria-selected', String(selected));
    tab.tabIndex = selected ? 0 : -1;
    const panel = group.querySelector<HTMLElement>(`#${CSS.escape(tab.getAttribute('aria-controls') ?? '')}`);
    if (panel) panel.hidden = !selected;
  }
  group.dataset.lang = lang;
}

/** Show `lang` in every code cell of the page. */
function selectEverywhere(lang: CodeLang): void {
  document.querySelectorAll<HTMLElement>('[data-code-tabs][data-ready]').forEach((g) => select(g, lang));
}

/** Turn every TypeScript / PyTorch pair of the page into tabs (idempotent). */
export function initCodeTabs(): void {
  const initial = readCodeLang(() => window.localStorage);
  document.querySelectorAll<HTMLElement>('[data-code-tabs]').forEach((group) => {
    if (group.dataset.ready) return;
    const list = group.querySelector<HTMLElement>('[data-tablist]');
    const tabs = tabsOf(group);
    if (!list || tabs.length < 2) return;
    group.dataset.ready = '1';
    list.setAttribute('role', 'tablist');
    list.hidden = false;
    tabs.forEach((tab, i) => {
      tab.setAttribute('role', 'tab');
      const panel = group.querySelector<HTMLElement>(`#${CSS.escape(tab.getAttribute('aria-controls') ?? '')}`);
      panel?.setAttribute('role', 'tabpanel');
      panel?.setAttribute('aria-labelledby', tab.id);
      const choose = (next: HTMLButtonElement) => {
        const lang = next.dataset.lang as CodeLang;
        selectEverywhere(lang);
        saveCodeLang(lang);
      };
      tab.addEventListener('click', () => choose(tab));
      tab.addEventListener('keydown', (e) => {
        const to = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: tabs.length - 1 }[e.key];
        if (to === undefined) return;
        e.preventDefault();
        const next = tabs[(to + tabs.length) % tabs.length];
        choose(next);
        next.focus();
      });
    });
    select(group, initial);
  });
}
