// <hyplab-gic-view model='{...}'>: the GIC of one CPU drawn as the way an interrupt travels:
// distributor → CPU interface → list registers (the hypervisor's GICH) → virtual CPU interface
// (the guest's GICV). The interrupt followed (the last one taken) is highlighted in each part
// it has reached. The model is JSON from the server (org.hyplab.ui.lab.GicView).
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';

interface Row {
  id: number;
  text: string;
  detail?: string;
}

interface Part {
  key: string;
  title: string;
  summary: string[];
  rows: Row[];
}

interface Model {
  cpu: number;
  follow: number;
  caption: string;
  parts: Part[];
}

@customElement('hyplab-gic-view')
export class HyplabGicView extends LitElement {
  /** The GIC as JSON text: {cpu, follow, caption, parts: [{key, title, summary, rows: [{id, text, detail}]}]}. */
  @property() model = '';

  static styles = css`
    :host { display: block; font: 13px var(--lumo-font-family, sans-serif); }
    .caption { margin-bottom: 6px; }
    .flow { display: flex; align-items: stretch; gap: 0; overflow-x: auto; }
    .part { flex: 1 1 0; min-width: 190px; border: 1px solid var(--lumo-contrast-30pct, #aaa);
            border-radius: 6px; padding: 6px 8px; background: var(--lumo-base-color, #fff); }
    .part.reached { border: 2px solid var(--lumo-primary-color, #1676f3);
                    background: var(--lumo-primary-color-10pct, #eef4ff); }
    .arrow { align-self: center; padding: 0 6px; font-size: 20px; color: var(--lumo-contrast-50pct, #888); }
    .arrow.reached { color: var(--lumo-primary-color, #1676f3); }
    h4 { margin: 0 0 4px; font-size: 13px; }
    .summary { color: var(--lumo-secondary-text-color, #555); font-size: 12px; }
    .row { font-family: var(--lumo-font-family-monospace, monospace); font-size: 12px; padding: 2px 3px;
           border-radius: 3px; margin-top: 2px; }
    .row.hot { background: var(--lumo-warning-color-10pct, #fff4d6); outline: 1px solid var(--lumo-warning-color, #e8a200); }
    .detail { color: var(--lumo-secondary-text-color, #555); font-family: var(--lumo-font-family, sans-serif); }
    .empty { color: var(--lumo-secondary-text-color, #777); font-style: italic; font-size: 12px; }
  `;

  private parsed(): Model | null {
    if (!this.model) {
      return null;
    }
    try {
      return JSON.parse(this.model) as Model;
    } catch {
      return null;
    }
  }

  render() {
    const m = this.parsed();
    if (!m) {
      return html`<div class="empty">Boot a scenario to see its GIC.</div>`;
    }
    const reached = m.parts.map(p => m.follow >= 0 && p.rows.some(r => r.id === m.follow));
    return html`
      <div class="caption">${m.caption}</div>
      <div class="flow">
        ${m.parts.map((p, i) => html`
          ${i > 0 ? html`<div class="arrow ${reached[i - 1] && reached[i] ? 'reached' : ''}">→</div>` : nothing}
          <div class="part ${reached[i] ? 'reached' : ''}" data-part="${p.key}">
            <h4>${p.title}</h4>
            ${p.summary.map(s => html`<div class="summary">${s}</div>`)}
            ${p.rows.length === 0 ? html`<div class="empty">nothing here</div>` : nothing}
            ${p.rows.map(r => html`
              <div class="row ${r.id === m.follow ? 'hot' : ''}" data-id="${r.id}">${r.text}
                ${r.detail ? html`<div class="detail">${r.detail}</div>` : nothing}
              </div>`)}
          </div>`)}
      </div>`;
  }
}
