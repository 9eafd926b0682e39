/* SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Options: the language of explanations and whether to notify.
 */

"use strict";

/* global browser, TodokeI18n */

async function load () {
  const { lang, t } = await TodokeI18n.translator ();
  const language = document.getElementById ("language");
  const notifications = document.getElementById ("notifications");

  document.documentElement.lang = lang;
  TodokeI18n.localize (document, t);
  language.value = await TodokeI18n.setting ("language", "auto");
  notifications.checked = await TodokeI18n.setting ("notifications", true);
  language.addEventListener ("change", async () => {
    await browser.storage.local.set ({ language: language.value });
    load ();
  });
  notifications.addEventListener ("change", () =>
    browser.storage.local.set ({ notifications: notifications.checked }));
}

load ();
