/**
 * A tiny element helper. Text always goes in as text nodes (`textContent`); the only way to insert
 * HTML is `setTrustedHtml`, kept for the deck's server-rendered `html` fields.
 */

export type Child = Node | string | number | null | undefined | false | Child[];
type AttrValue = string | number | boolean | null | undefined;
export type Attrs = { [name: string]: AttrValue | ((event: never) => void) };

/** Set as properties rather than attributes, so that they reflect the live state of form controls. */
const PROPERTIES = new Set([
  'value',
  'checked',
  'disabled',
  'selected',
  'hidden',
  'open',
  'maxLength',
  'required',
]);

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs?: Attrs | null,
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs ?? {})) {
    if (value === undefined || value === null || value === false) {
      if (PROPERTIES.has(name) && value === false)
        (element as unknown as Record<string, unknown>)[name] = false;
      continue;
    }
    if (typeof value === 'function') {
      element.addEventListener(name.slice(2).toLowerCase(), value as EventListener);
    } else if (name === 'class') {
      element.className = String(value);
    } else if (name === 'text') {
      element.textContent = String(value);
    } else if (PROPERTIES.has(name)) {
      (element as unknown as Record<string, unknown>)[name] = value;
    } else if (name === 'style') {
      throw new Error('inline style attributes are forbidden by the Content-Security-Policy');
    } else {
      element.setAttribute(name, value === true ? '' : String(value));
    }
  }
  append(element, children);
  return element;
}

export function append(parent: Node, children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(parent, child);
    else parent.appendChild(typeof child === 'object' ? child : document.createTextNode(String(child)));
  }
}

/**
 * A table: its caption (text, or a `caption` element of its own), one row of column headings and the
 * body rows as given.
 */
export function table(
  attrs: Attrs | null,
  caption: string | HTMLElement | null,
  headings: string[],
  rows: Child,
): HTMLTableElement {
  return h(
    'table',
    attrs,
    typeof caption === 'string' ? h('caption', { text: caption }) : caption,
    h(
      'thead',
      null,
      h(
        'tr',
        null,
        headings.map((text) => h('th', { scope: 'col', text })),
      ),
    ),
    h('tbody', null, rows),
  );
}

/** Replaces an element's children. */
export function fill(parent: Element, ...children: Child[]): void {
  parent.replaceChildren();
  append(parent, children);
}

/** For the deck's `html` fields only: rendered on the server from course text with HTML escaped. */
export function setTrustedHtml(element: Element, html: string): void {
  element.innerHTML = html;
}

/** Runs a re-render and puts the focus back on the element with the same id, if there is one again. */
export function keepFocus(render: () => void): void {
  const active = document.activeElement;
  const id = active instanceof HTMLElement && active !== document.body ? active.id : '';
  const selection =
    active instanceof HTMLInputElement || active instanceof HTMLTextAreaElement
      ? [active.selectionStart, active.selectionEnd]
      : null;
  render();
  if (!id) return;
  const again = document.getElementById(id);
  if (again && again !== document.activeElement) {
    again.focus({ preventScroll: true });
    if (selection && (again instanceof HTMLInputElement || again instanceof HTMLTextAreaElement)) {
      try {
        again.setSelectionRange(selection[0] ?? null, selection[1] ?? null);
      } catch {
        // Some input types have no selection.
      }
    }
  }
}

/** A polite live region for short announcements (saved, moved, reconnected). */
export function liveRegion(className = 'sr-only'): { element: HTMLElement; say(text: string): void } {
  const element = h('div', {
    class: className,
    role: 'status',
    'aria-live': 'polite',
    'aria-atomic': 'true',
  });
  return {
    element,
    say(text: string) {
      // Clearing first makes a repeated message be announced again.
      element.textContent = '';
      window.setTimeout(() => {
        element.textContent = text;
      }, 50);
    },
  };
}

/** Ids safe for `id` attributes, derived from course ids. */
export function domId(...parts: (string | number)[]): string {
  return parts.map((p) => String(p).replace(/[^\w-]/g, '_')).join('-');
}
