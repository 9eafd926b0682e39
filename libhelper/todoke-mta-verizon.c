/* todoke-mta-verizon.c: Verizon Wireless' MMS gateway (vzwpix.com)
 *
 *   Message could not be delivered to mobile.
 *   Error: No valid recipients for this MM
 *
 *   Original Message:
 *   From: sender@example.jp
 *   To: 5555550100@vzwpix.com
 *
 * The report names no recipient: the quoted original's "To:" does. (The
 * SMS gateway vtext.com answers with Apache James' text, see
 * todoke-mta-james.c.)
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "todoke-mta-classic-private.h"
#include "todoke-text-private.h"

gboolean
_todoke_mta_read_verizon (TodokeMessage *message,
                          TodokeRecords *records)
{
  g_autofree char *report = NULL;
  g_autofree char *recipient = NULL;
  TodokeRecord *record;

  if (!_todoke_mta_body_has (message, "could not be delivered to mobile", 512))
    return FALSE;

  report = _todoke_mta_cut_original (message->body);
  recipient = _todoke_mta_dup_inline_address (message->body, "To");
  if ((record = _todoke_mta_record_for (records, recipient)) == NULL)
    return FALSE;
  _todoke_mta_take_reply (record, report);

  return TRUE;
}
