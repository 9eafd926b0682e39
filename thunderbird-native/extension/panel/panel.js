/* SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs in every displayed message; above a bounce it puts a panel with
 * the diagnosis of each failed recipient.
 */

"use strict";

/* global browser, TodokeRender */

(async () => {
  const result = await browser.runtime.sendMessage ({ kind: "panel-data" });
  if (!result || document.getElementById ("todoke-panel"))
    return;
  const panel = TodokeRender.element (document, "aside", "todoke-panel");
  const body = TodokeRender.element (document, "div");

  panel.id = "todoke-panel";
  panel.lang = result.lang;
  panel.append (TodokeRender.element (document, "h1", "todoke-panel-heading", result.strings.panelHeading));
  panel.append (body);
  const onCheck = d => browser.runtime.sendMessage ({ kind: "diagnose", reason: d.reason, recipient: d.recipient });
  /* What the findings say once shown: for bug reports and the end-to-end test. */
  const onShown = text => browser.runtime.sendMessage ({ kind: "shown", event: "panel-checks-shown", detail: text.slice (0, 1000) });
  const titles = TodokeRender.fill (document, body, result, onCheck, onShown);
  document.body.prepend (panel);
  await browser.runtime.sendMessage ({ kind: "shown", event: "panel-shown", detail: titles });
}) ();
