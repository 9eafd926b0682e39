// SPDX-FileCopyrightText: 2026 The Todoke authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// What the extension counts as a failed send and as a bounce
// (extension/common/detect.js), on the shapes Thunderbird 153 gives
// (DESIGN §4) and on a future Thunderbird that sets "error".
// node test-extension-detect.js EXTENSION-DIR

"use strict";

const assert = require ("assert");
const fs = require ("fs");
const path = require ("path");
const vm = require ("vm");

const context = {};
vm.createContext (context);
vm.runInContext (fs.readFileSync (path.join (process.argv[2], "common", "detect.js"), "utf8"), context);
const detect = context.TodokeDetect;
let n = 0;

function ok (name, fn) {
  fn ();
  console.log (`ok ${++n} - ${name}`);
}

ok ("a sendNow without a Message-ID is a failure (Thunderbird 153)", () => {
  assert.strictEqual (detect.isSendFailure ({ mode: "sendNow", headerMessageId: null }), true);
});
ok ("a sendNow with an error is a failure (a future Thunderbird)", () => {
  assert.strictEqual (detect.isSendFailure ({ mode: "sendNow", headerMessageId: "<a@b>", error: "550" }), true);
});
ok ("a sent message is not a failure", () => {
  assert.strictEqual (detect.isSendFailure ({ mode: "sendNow", headerMessageId: "<a@b>" }), false);
  assert.strictEqual (detect.isSendFailure ({ mode: "sendLater", headerMessageId: null }), false);
  assert.strictEqual (detect.isSendFailure (undefined), false);
});
ok ("bounces by sender and by subject, English and Japanese", () => {
  assert.ok (detect.looksLikeBounce ({ author: "MAILER-DAEMON@mail.example.jp (Mail Delivery System)", subject: "x" }));
  assert.ok (detect.looksLikeBounce ({ author: "postmaster@example.org", subject: "" }));
  assert.ok (detect.looksLikeBounce ({ author: "a@b", subject: "Undeliverable: Meeting" }));
  assert.ok (detect.looksLikeBounce ({ author: "a@b", subject: "Delivery Status Notification (Failure)" }));
  assert.ok (detect.looksLikeBounce ({ author: "a@b", subject: "【配信エラー】会議の件" }));
  assert.ok (detect.looksLikeBounce ({ author: "a@b", subject: "メールが未配達です" }));
  assert.ok (!detect.looksLikeBounce ({ author: "Hanako <hanako@example.org>", subject: "Re: Meeting on Monday" }));
});
ok ("the server's reply is preferred, the alert names the recipient", () => {
  const entries = [
    { prefix: "mailnews.smtp", text: "Command failed: 550 User unknown; currentAction=_actionRCPT", time: 1 },
    { prefix: "mailnews.send", text: "Sending failed; メールの送信中にエラーが発生しました。宛先 \"nobody@example.org\" を確認してください。, exitCode=0x80004005", time: 2 },
  ];
  const failure = detect.failureFromLog (entries, { mode: "sendNow" });
  assert.strictEqual (failure.text, entries[0].text);
  assert.deepStrictEqual ([...failure.recipients], ["nobody@example.org"]);
});
ok ("without a reply, the alert; without either, the error", () => {
  const alert = [{ prefix: "mailnews.send", text: "Sending failed; Unable to connect to SMTP server smtp.example.jp., exitCode=0x805e000d", time: 1 }];
  assert.strictEqual (detect.failureFromLog (alert, {}).text, alert[0].text);
  assert.strictEqual (detect.failureFromLog ([], { error: "Connection refused" }).text, "Connection refused");
  assert.strictEqual (detect.failureFromLog ([], {}).text, "");
});
console.log (`1..${n}`);
