// Offline after one visit: register the service worker (src/build/offline.mjs) and, when a
// new build is waiting, offer a reload. Registration never throws to the console: a
// browser without service workers (or a file:// page) simply stays online-only.
import { registerSW } from 'virtual:pwa-register';
import { t } from '../i18n/strings';

const s = t.offline;

/** Show a small notice at the bottom of the page; `action` adds a button. */
function notice(text: string, action?: { label: string; run: () => void }): void {
  document.querySelector('.offline-notice')?.remove();
  const box = document.createElement('div');
  box.className = 'offline-notice';
  box.setAttribute('role', 'status');
  const p = document.createElement('p');
  p.textContent = text;
  box.append(p);
  if (action) {
    const go = document.createElement('button');
    go.type = 'button';
    go.className = 'btn';
    go.textContent = action.label;
    go.addEventListener('click', action.run);
    box.append(go);
  }
  const close = document.createElement('button');
  close.type = 'button';
  close.className = 'btn';
  close.textContent = s.dismiss;
  close.addEventListener('click', () => box.remove());
  if (!action) close.textContent = '×';
  if (!action) close.setAttribute('aria-label', 'Close');
  box.append(close);
  document.body.append(box);
  if (!action) setTimeout(() => box.remove(), 6000);
}

/** Register the worker; data-offline on <html> says how far it got (for tests: "ready"). */
export function initOffline(): void {
  if (!('serviceWorker' in navigator) || location.protocol === 'file:') return;
  try {
    const update = registerSW({
      immediate: true,
      onNeedRefresh: () => notice(s.updateReady, { label: s.reload, run: () => void update(true) }),
      onOfflineReady: () => {
        document.documentElement.dataset.offline = 'ready';
        notice(s.offlineReady);
      },
      onRegisteredSW: (_url, registration) => {
        if (registration?.active) document.documentElement.dataset.offline = 'ready';
      },
      onRegisterError: () => {
        document.documentElement.dataset.offline = 'unavailable';
      },
    });
  } catch {
    document.documentElement.dataset.offline = 'unavailable';
  }
}
