/* SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The native-messaging host io.github.todoke.host (PROTOCOL.md): one
 * process kept open with connectNative, started again after it went away.
 */

"use strict";

/* global browser */

var TodokeHost = {
  port: null,
  nextId: 1,
  pending: new Map (),

  connect () {
    if (this.port)
      return this.port;
    const port = browser.runtime.connectNative ("io.github.todoke.host");
    port.onMessage.addListener (answer => this.answered (answer));
    port.onDisconnect.addListener (gone => {
      const why = gone.error ? gone.error.message : "the Todoke host stopped";
      for (const { reject } of this.pending.values ())
        reject (new Error (why));
      this.pending.clear ();
      this.port = null;
    });
    this.port = port;
    return port;
  },

  answered (answer) {
    const waiting = this.pending.get (answer.id);

    if (!waiting)
      return;
    this.pending.delete (answer.id);
    if (answer.error)
      waiting.reject (new Error (`${answer.error.code}: ${answer.error.message}`));
    else
      waiting.resolve (answer.result);
  },

  call (method, params) {
    return new Promise ((resolve, reject) => {
      const id = this.nextId++;
      this.pending.set (id, { resolve, reject });
      try {
        this.connect ().postMessage ({ id, method, params });
      } catch (e) {
        this.pending.delete (id);
        reject (e);
      }
    });
  },
};
