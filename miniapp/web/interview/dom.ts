/** Small DOM helpers: find by id (throws if the page is missing a piece), show and hide. */

export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`#${id} missing`);
  return el as T;
}

export function show(el: HTMLElement, visible = true): void {
  el.hidden = !visible;
}

export function hide(...els: HTMLElement[]): void {
  for (const el of els) el.hidden = true;
}

export function setText(el: HTMLElement, text: string): void {
  el.textContent = text;
}

/** Shows one step, hides the others, and moves focus to its heading so screen readers start there. */
export function showStep(id: string): void {
  for (const s of Array.from(document.querySelectorAll<HTMLElement>('.step'))) s.hidden = s.id !== id;
  const heading = document.querySelector<HTMLElement>(`#${id} h1, #${id} h2`);
  window.scrollTo(0, 0);
  heading?.focus({ preventScroll: true });
}

export function onClick(el: HTMLElement, handler: () => void | Promise<void>): void {
  el.addEventListener('click', () => {
    void handler();
  });
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
