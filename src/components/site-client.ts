// Site-wide behaviour in the page: the theme toggle, and opening every <details>
// while printing so hints, solutions and tables reach the handout.

const KEY = 'hbh-theme';

/** Wire the header's theme button: flips light/dark and remembers the choice. */
export function initThemeToggle(): void {
  const button = document.querySelector<HTMLButtonElement>('.theme-toggle');
  if (!button) return;
  const show = () => button.setAttribute('aria-pressed', String(document.documentElement.dataset.theme === 'dark'));
  button.addEventListener('click', () => {
    const next = document.documentElement.dataset.theme === 'dark' ? 'light' : 'dark';
    document.documentElement.dataset.theme = next;
    try {
      localStorage.setItem(KEY, next);
    } catch {
      /* private mode: the choice lasts for this page only */
    }
    show();
    document.dispatchEvent(new CustomEvent('themechange', { detail: next }));
  });
  show();
}

/** Open all <details> before printing and restore them afterwards. */
export function initPrintDetails(): void {
  let opened: HTMLDetailsElement[] = [];
  addEventListener('beforeprint', () => {
    opened = [...document.querySelectorAll<HTMLDetailsElement>('details:not([open])')];
    opened.forEach((d) => (d.open = true));
  });
  addEventListener('afterprint', () => opened.forEach((d) => (d.open = false)));
}
