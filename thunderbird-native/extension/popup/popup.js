/* SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The popup after a failed send: what went wrong, for whom, what to do.
 */

"use strict";

/* global browser, TodokeI18n, TodokeRender */

async function show () {
  const token = new URLSearchParams (location.search).get ("result");
  const { lang, t } = await TodokeI18n.translator ();
  const result = await browser.runtime.sendMessage ({ kind: "popup-data", token });

  document.documentElement.lang = lang;
  TodokeI18n.localize (document, t);
  document.title = t ("popupTitle");
  if (!result || !result.diagnoses)
    return;
  const onCheck = d => browser.runtime.sendMessage ({ kind: "diagnose", token, reason: d.reason, recipient: d.recipient });
  /* What the findings say once shown: for bug reports and the end-to-end test. */
  const onShown = text => browser.runtime.sendMessage ({ kind: "shown", event: "popup-checks-shown", detail: text.slice (0, 1000) });
  const titles = TodokeRender.fill (document, document.getElementById ("diagnoses"), result, onCheck, onShown);
  await browser.runtime.sendMessage ({ kind: "shown", event: "popup-shown", detail: titles });
}

document.getElementById ("close").addEventListener ("click", () => window.close ());
document.addEventListener ("keydown", event => {
  if (event.key === "Escape")
    window.close ();
});
show ();
