/* SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs in every displayed message (end-to-end test only): when Todoke's
 * panel shows a "Check" button above the bounce, clicks it once, as a
 * user would. What the checks found is up to Todoke.
 */

"use strict";

(() => {
  const started = Date.now ();
  const timer = setInterval (() => {
    const button = document.querySelector ("#todoke-panel button.todoke-check");
    if (button || Date.now () - started > 120000)
      clearInterval (timer);
    if (button)
      button.click ();
  }, 250);
}) ();
