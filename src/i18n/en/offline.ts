/** Strings of the offline support (service worker) notices. */
export const offline = {
  updateReady: 'A new version of the course is ready.',
  reload: 'Reload',
  dismiss: 'Later',
  offlineReady: 'The course is saved in this browser: it now works without a network.',
} as const;
