/** Mark the table-of-contents entry of the section being read. */
export function initTocHighlight(): void {
  const links = new Map<string, HTMLAnchorElement>();
  document.querySelectorAll<HTMLAnchorElement>('.toc a[href^="#"]').forEach((a) => links.set(decodeURIComponent(a.hash.slice(1)), a));
  if (links.size === 0 || !('IntersectionObserver' in window)) return;
  const observer = new IntersectionObserver(
    (entries) => {
      for (const entry of entries) {
        if (!entry.isIntersecting) continue;
        links.forEach((a) => a.classList.remove('active'));
        links.get(entry.target.id)?.classList.add('active');
      }
    },
    { rootMargin: '0px 0px -70% 0px' },
  );
  links.forEach((_, id) => {
    const heading = document.getElementById(id);
    if (heading) observer.observe(heading);
  });
}
