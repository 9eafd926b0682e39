/* SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * todokeLog: hands Thunderbird's sending errors to the extension.
 *
 * Thunderbird logs every SMTP reply of 400 and above as
 *   mailnews.smtp: Command failed: 550 User unknown; currentAction=_actionRCPT
 * and the alert it shows as
 *   mailnews.send: Sending failed; <alert text>, exitCode=<nsresult>
 * (DESIGN §4). Nothing else says what the server answered, so this
 * Experiment listens to the console API storage for those prefixes. It
 * only reads; later one-click fixes add functions beside onError.
 */

"use strict";

/* global ChromeUtils, Cc, Ci, Services */

var { ExtensionCommon } = ChromeUtils.importESModule ("resource://gre/modules/ExtensionCommon.sys.mjs");

const PREFIXES = ["mailnews.smtp", "mailnews.send"];

function entryFromMessage (message) {
  const data = message.wrappedJSObject || message;
  const prefix = String (data.prefix || "");

  if (data.level !== "error" || !PREFIXES.some (p => prefix.startsWith (p)))
    return null;
  const args = Array.from (data.arguments || [], a => String (a));
  return {
    prefix,
    level: String (data.level),
    text: args.join (" "),
    time: Number (data.timeStamp) || Date.now (),
  };
}

/* "host:port" of the server @identityId sends through (DESIGN §4: in
 * Thunderbird 153 MailServices.outgoingServer), or null. */
function outgoingServer (identityId) {
  try {
    const { MailServices } = ChromeUtils.importESModule ("resource:///modules/MailServices.sys.mjs");
    const identity = MailServices.accounts.getIdentity (identityId);
    const server = MailServices.outgoingServer.getServerByIdentity (identity);
    const smtp = server.QueryInterface (Ci.nsISmtpServer);
    return smtp.hostname ? `${smtp.hostname}:${smtp.port || 587}` : null;
  } catch (e) {
    return null;
  }
}

this.todokeLog = class extends ExtensionCommon.ExtensionAPI {
  getAPI (context) {
    return {
      todokeLog: {
        getOutgoingServer: async identityId => outgoingServer (identityId),
        onError: new ExtensionCommon.EventManager ({
          context,
          name: "todokeLog.onError",
          register: fire => {
            const storage = Cc["@mozilla.org/consoleAPI-storage;1"].getService (Ci.nsIConsoleAPIStorage);
            const listener = message => {
              const entry = entryFromMessage (message);
              if (entry)
                fire.async (entry);
            };
            storage.addLogEventListener (listener, Services.scriptSecurityManager.getSystemPrincipal ());
            return () => storage.removeLogEventListener (listener);
          },
        }).api (),
      },
    };
  }
};
