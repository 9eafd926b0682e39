/* SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Draws diagnoses (the host's JSON) into a page: the popup and the panel
 * above a bounce share it. Text only (textContent), never HTML from mail.
 */

"use strict";

/* exported TodokeRender */

var TodokeRender = {
  element (doc, tag, className, text) {
    const el = doc.createElement (tag);
    if (className)
      el.className = className;
    if (text !== undefined && text !== null)
      el.textContent = text;
    return el;
  },

  list (doc, tag, items) {
    const el = doc.createElement (tag);
    for (const item of items || [])
      el.append (this.element (doc, "li", null, item));
    return el;
  },

  /* A "Check" button running exactly the checks of the diagnosis's
   * reason; the findings appear under it, and @onShown (if any) gets
   * their text once they are on screen. */
  checks (doc, d, s, onCheck, onShown) {
    const box = this.element (doc, "div", "todoke-checks");
    const button = this.element (doc, "button", "todoke-check", s.checkButton);
    const list = this.element (doc, "ul", "todoke-findings");

    button.addEventListener ("click", async () => {
      button.disabled = true;
      button.textContent = s.checkRunning;
      try {
        const findings = await onCheck (d);
        list.replaceChildren (...findings.map (f => this.finding (doc, f, s)));
      } catch (e) {
        list.replaceChildren (this.element (doc, "li", null, s.checkFailed));
      }
      button.textContent = s.checkButton;
      button.disabled = false;
      if (onShown)
        onShown (Array.from (list.children, item => item.textContent).join (" | "));
    });
    box.append (button, list);
    return box;
  },

  finding (doc, f, s) {
    const item = this.element (doc, "li", `todoke-finding todoke-${f.status}`);
    /* Statuses are "ok", "problem", "warning", "not-checked"; labels status_not_checked… */
    const label = s["status_" + String (f.status).replace (/-/g, "_")] || f.status;
    item.append (this.element (doc, "strong", null, `${label}: `));
    item.append (doc.createTextNode (f.summary || ""));
    if (f.detail)
      item.append (this.element (doc, "div", "todoke-finding-detail", f.detail));
    if (f.suggestion)
      item.append (this.element (doc, "div", "todoke-finding-detail", `${s.suggestionLabel} ${f.suggestion}`));
    return item;
  },

  diagnosis (doc, d, s, onCheck, onShown) {
    const section = this.element (doc, "section", "todoke-diagnosis");
    const badge = this.element (doc, "span", d.hard ? "todoke-badge todoke-hard" : "todoke-badge todoke-soft",
                                d.hard ? s.hardLabel : s.softLabel);
    const title = this.element (doc, "h2", "todoke-title", d.title || d.reason);

    title.prepend (badge);
    section.append (title);
    if (d.recipient)
      section.append (this.element (doc, "p", "todoke-recipient", `${s.recipientLabel} ${d.recipient}`));
    if (d.explanation)
      section.append (this.element (doc, "p", "todoke-explanation", d.explanation));
    if (d.steps && d.steps.length) {
      section.append (this.element (doc, "h3", null, s.stepsHeading));
      section.append (this.list (doc, "ol", d.steps));
    }
    if (d.notes && d.notes.length)
      section.append (this.list (doc, "ul", d.notes));
    section.append (this.element (doc, "p", "todoke-owner",
                                  `${s.ownerHeading} ${s["owner_" + (d.owner || "unknown")] || d.owner} · ${d.retry ? s.retryYes : s.retryNo}`));
    if (onCheck && d.checks && d.checks.length)
      section.append (this.checks (doc, d, s, onCheck, onShown));
    if (d.diagnostic) {
      section.append (this.element (doc, "h3", null, s.serverWordsHeading));
      section.append (this.element (doc, "pre", "todoke-server", d.diagnostic));
    }
    return section;
  },

  /* Fills @container; returns the titles shown, joined by " | ". */
  fill (doc, container, result, onCheck, onShown) {
    container.replaceChildren ();
    for (const d of result.diagnoses)
      container.append (this.diagnosis (doc, d, result.strings, onCheck, onShown));
    return result.diagnoses.map (d => d.title || d.reason).join (" | ");
  },
};
