// <hyplab-board-diagram cpus="2" cpu="Cortex-A15">: a block diagram of a board's CPU cluster.
// The first of HypLab's visual parts; the trap, page-table and GIC views grow beside it.
import { LitElement, css, html, svg } from 'lit';
import { customElement, property } from 'lit/decorators.js';

const CORE_W = 92;
const CORE_H = 44;
const GAP = 12;
const PAD = 12;

@customElement('hyplab-board-diagram')
export class HyplabBoardDiagram extends LitElement {
  /** How many cores the cluster has. */
  @property({ type: Number }) cpus = 1;
  /** The core model, e.g. "Cortex-A15". */
  @property() cpu = '';

  static styles = css`
    :host { display: block; }
    svg { display: block; max-width: 100%; }
    .cluster { fill: var(--lumo-contrast-5pct, #f3f5f7); stroke: var(--lumo-contrast-30pct, #999); }
    .core { fill: var(--lumo-primary-color-10pct, #e8f0fe); stroke: var(--lumo-primary-color, #1676f3); }
    text { font: 12px var(--lumo-font-family, sans-serif); fill: var(--lumo-body-text-color, #222); }
    .label { fill: var(--lumo-secondary-text-color, #666); }
  `;

  render() {
    const n = Math.max(1, Math.min(8, this.cpus | 0));
    const width = PAD * 2 + n * CORE_W + (n - 1) * GAP;
    const height = PAD * 2 + CORE_H + 18;
    const cores = Array.from({ length: n }, (_, i) => {
      const x = PAD + i * (CORE_W + GAP);
      return svg`
        <g class="core-group" data-cpu="${i}">
          <rect class="core" x="${x}" y="${PAD}" width="${CORE_W}" height="${CORE_H}" rx="4"></rect>
          <text x="${x + CORE_W / 2}" y="${PAD + 18}" text-anchor="middle">CPU${i}</text>
          <text x="${x + CORE_W / 2}" y="${PAD + 34}" text-anchor="middle">${this.cpu}</text>
        </g>`;
    });
    return html`
      <svg viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img"
           aria-label="${n} × ${this.cpu}">
        <rect class="cluster" x="1" y="1" width="${width - 2}" height="${height - 2}" rx="6"></rect>
        ${cores}
        <text class="label" x="${PAD}" y="${height - 8}">MPCore cluster, ${n} core${n > 1 ? 's' : ''}</text>
      </svg>`;
  }
}
