/* SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Strings in the language the options page chose: "auto" follows
 * Thunderbird's UI, "ja" and "en" override it. browser.i18n only knows the
 * UI language, so an override reads _locales/<lang>/messages.json itself.
 */

"use strict";

/* global browser */

var TodokeI18n = {
  cache: new Map (),

  async setting (name, fallback) {
    const stored = await browser.storage.local.get (name);
    return stored[name] === undefined ? fallback : stored[name];
  },

  async language () {
    const chosen = await this.setting ("language", "auto");

    if (chosen === "ja" || chosen === "en")
      return chosen;
    return browser.i18n.getUILanguage ().toLowerCase ().startsWith ("ja") ? "ja" : "en";
  },

  async messages (lang) {
    if (!this.cache.has (lang)) {
      const response = await fetch (browser.runtime.getURL (`_locales/${lang}/messages.json`));
      this.cache.set (lang, await response.json ());
    }
    return this.cache.get (lang);
  },

  /* Resolves to {lang, t}: t(key, ...subs) gives the string, $1… replaced. */
  async translator () {
    const lang = await this.language ();
    const messages = await this.messages (lang);
    const t = (key, ...subs) => {
      const text = messages[key] ? messages[key].message : browser.i18n.getMessage (key);
      return subs.reduce ((s, sub, i) => s.split (`$${i + 1}`).join (sub), text);
    };
    return { lang, t };
  },

  /* Fills every element carrying data-i18n with its string. */
  localize (root, t) {
    for (const element of root.querySelectorAll ("[data-i18n]"))
      element.textContent = t (element.dataset.i18n);
  },
};
