/** A slide's content for the phone-sized views: the participant's phone and the self-paced player. */
import { h, setTrustedHtml } from './dom.ts';

/**
 * The slide's server-rendered `html` in a `.slide-body`. Each cell of a chart carries its column's
 * heading as `data-label`, so that on a phone the columns become stacked lists, each under its
 * heading (the stylesheet shows the label).
 */
export function slideBody(html: string): HTMLElement {
  const body = h('div', { class: 'slide-body' });
  setTrustedHtml(body, html);
  for (const table of body.querySelectorAll('table.chart')) {
    const headings = [...table.querySelectorAll('thead th')].map((th) => th.textContent ?? '');
    for (const row of table.querySelectorAll('tbody tr')) {
      for (const [i, cell] of [...row.children].entries()) cell.setAttribute('data-label', headings[i] ?? '');
    }
  }
  return body;
}
