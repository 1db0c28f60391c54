// <hyplab-walk-view model='{...}'>: one address's translation drawn as a path through the
// tables: stage 1 on the left, stage 2 on the right, each descriptor read a box with its
// meaning, arrows in the order the walker took them (a stage 1 table under stage 2 is itself
// found by a stage 2 walk, which shows in between). The model comes from the server as JSON
// (org.hyplab.ui.lab.WalkView); this only draws it.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';

interface Step {
  kind: 'flat' | 'start' | 'read';
  stage: number;
  level?: number;
  text: string;
  detail?: string;
  leaf?: boolean;
  fault?: boolean;
}

interface Model {
  title: string;
  steps: Step[];
  result: string[];
  fault?: string;
}

@customElement('hyplab-walk-view')
export class HyplabWalkView extends LitElement {
  /** The walk as JSON text: {title, steps: [{kind, stage, level, text, detail, leaf, fault}], result, fault}. */
  @property() model = '';

  static styles = css`
    :host { display: block; font: 13px var(--lumo-font-family, sans-serif); }
    .title { font-weight: 600; margin-bottom: 6px; }
    .lanes { display: grid; grid-template-columns: 1fr 1fr; column-gap: 24px; }
    .lane-head { font-weight: 600; color: var(--lumo-secondary-text-color, #555); padding: 2px 0 6px; }
    .step { position: relative; border: 1px solid var(--lumo-contrast-30pct, #aaa); border-radius: 6px;
            padding: 4px 8px; margin: 0 0 14px; background: var(--lumo-base-color, #fff); }
    .step::after { content: '↓'; position: absolute; left: 50%; bottom: -15px; color: var(--lumo-contrast-50pct, #888); }
    .step.last::after { content: ''; }
    .s1 { grid-column: 1; border-color: var(--lumo-primary-color, #1676f3); }
    .s2 { grid-column: 2; border-color: var(--lumo-success-color, #0a8a4a); }
    .start { background: var(--lumo-contrast-5pct, #f4f4f4); }
    .leaf { border-width: 2px; font-weight: 600; }
    .fault { border-color: var(--lumo-error-color, #c00); background: var(--lumo-error-color-10pct, #fee); }
    .mono { font-family: var(--lumo-font-family-monospace, monospace); font-size: 12px; }
    .detail { color: var(--lumo-secondary-text-color, #555); font-size: 12px; }
    .result { margin-top: 4px; padding: 6px 8px; border-radius: 6px; background: var(--lumo-contrast-5pct, #f4f4f4); }
    .result.bad { background: var(--lumo-error-color-10pct, #fee); }
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
      return html`<div class="detail">Pick a virtual address to see its walk.</div>`;
    }
    const last = m.steps.length - 1;
    return html`
      <div class="title">${m.title}</div>
      <div class="lanes">
        <div class="lane-head">Stage 1 (the guest's tables: VA → IPA)</div>
        <div class="lane-head">Stage 2 (the hypervisor's tables: IPA → PA)</div>
        ${m.steps.map((s, i) => html`
          <div class="step s${s.stage} ${s.kind} ${s.leaf ? 'leaf' : ''} ${s.fault ? 'fault' : ''} ${i === last ? 'last' : ''}"
               data-stage="${s.stage}" data-kind="${s.kind}">
            <div class="mono">${s.level !== undefined && s.kind === 'read' ? html`L${s.level} ` : nothing}${s.text}</div>
            ${s.detail ? html`<div class="detail">${s.detail}</div>` : nothing}
          </div>`)}
      </div>
      <div class="result ${m.fault ? 'bad' : ''}">
        ${m.result.map(l => html`<div class="mono">${l}</div>`)}
      </div>`;
  }
}
